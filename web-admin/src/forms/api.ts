import { api } from '@/api'

/** A published form version as `GET /api/v1/forms` lists it. */
export interface FormVersionSummary {
  formId: string
  version: string
  title: string
  /** SM3 of the XForm XML as published. */
  sm3: string
  /** Shipped with the platform (the built-in forms), not uploaded. */
  builtin: boolean
  publishedAt: string
  retiredAt: string | null
  /** Region/grid codes whose workers get this version; null: the whole city. */
  audience: string[] | null
}

/** One version with its XForm text. */
export interface FormVersionDetail {
  formId: string
  version: string
  title: string
  languages: string[]
  xform: string
  /** The version declares how its answers become rows (ADR 0041). */
  hasMapping: boolean
}

export type FieldKind = 'group' | 'repeat' | 'answer'

/** A node of the form's data: `path` as in the record's payload, repeats not indexed. */
export interface FormField {
  path: string
  kind: FieldKind
  /** The answer type (string, int, geopoint, binary …); null for groups and repeats. */
  type: string | null
  /** Values of a select with a static choice list. */
  choices: string[]
  calculated: boolean
}

export interface FormFields {
  formId: string
  version: string
  fields: FormField[]
}

/**
 * What a publish did: 201 `published`, 200 `unchanged` (the very same XML again).
 */
export interface PublishResult {
  status: 'published' | 'unchanged'
}

const version = (formId: string, v: string) => `/api/v1/forms/${encodeURIComponent(formId)}/versions/${encodeURIComponent(v)}`

export const formsApi = {
  list: () => api.get<{ items: FormVersionSummary[] }>('/api/v1/forms'),
  one: (formId: string, v: string) => api.get<FormVersionDetail>(version(formId, v)),
  fields: (formId: string, v: string) => api.get<FormFields>(`${version(formId, v)}/fields`),
  /** Errors come back as problems: 409 the version exists with other XML, 422 the XForm is invalid. */
  publish: (xml: string) => api.postRaw<PublishResult>('/api/v1/forms', xml, 'application/xml'),
  retire: (formId: string, v: string) => api.post<undefined>(`${version(formId, v)}/retire`),
}
