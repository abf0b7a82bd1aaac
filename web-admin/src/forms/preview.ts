import type { FormField } from './api'
import { languageFor, textIn, type XFormTexts } from './xform'

/** One row of a form preview: a field from `/fields` with its question texts from the XForm. */
export interface PreviewRow {
  path: string
  /** Nesting below the form (0 = top level), for indenting groups' members. */
  depth: number
  kind: FormField['kind']
  type: string | null
  calculated: boolean
  /** The control in the XForm body; null for data without a question (calculations, hidden values). */
  control: string | null
  zh: string
  en: string
  hintZh: string
  hintEn: string
  choices: { value: string; zh: string; en: string }[]
}

/**
 * The fields in the order `/fields` gives them, each with its Chinese and English label, hint and
 * choice labels. Choices come from the XForm's items when it has them (they carry labels), else
 * from `/fields` (values only).
 */
export function previewRows(fields: readonly FormField[], xform: XFormTexts | null): PreviewRow[] {
  const zh = xform ? languageFor(xform.languages, 'zh') : undefined
  const en = xform ? languageFor(xform.languages, 'en') : undefined
  return fields.map((field) => {
    const q = xform?.questions.get(field.path)
    const choices = q && q.items.length > 0
      ? q.items.map((item) => ({ value: item.value, zh: textIn(item.label, zh), en: textIn(item.label, en) }))
      : field.choices.map((value) => ({ value, zh: '', en: '' }))
    return {
      path: field.path,
      depth: Math.max(0, field.path.split('/').length - 2),
      kind: field.kind,
      type: field.type,
      calculated: field.calculated,
      control: q?.control ?? null,
      zh: q ? textIn(q.label, zh) : '',
      en: q ? textIn(q.label, en) : '',
      hintZh: q ? textIn(q.hint, zh) : '',
      hintEn: q ? textIn(q.hint, en) : '',
      choices,
    }
  })
}

/** Forms by id, each form's versions newest first (by publish time); retired versions stay listed. */
export function sortVersions<T extends { formId: string; publishedAt: string }>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => a.formId.localeCompare(b.formId) || b.publishedAt.localeCompare(a.publishedAt))
}
