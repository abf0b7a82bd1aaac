import { api } from '@/api'
import type { Page } from '@/api/types'
import type { AuditBundle, Envelope, LogPublicKey, Receipt } from '@/ledger/types'
import type { OriginalLink } from './originals'

const record = (id: string) => `/api/v1/ledger/records/${encodeURIComponent(id)}`
const fieldRecord = (id: string) => `/api/v1/records/${encodeURIComponent(id)}`

/** Implausible times the server noted on arrival (sync-protocol.md §2); the record is kept either way. */
export const TIME_FLAGS = ['captured-in-future', 'clock-offset', 'captured-before-enrollment', 'captured-late'] as const
export type TimeFlag = (typeof TIME_FLAGS)[number]

export function isTimeFlag(value: string): value is TimeFlag {
  return (TIME_FLAGS as readonly string[]).includes(value)
}

/** A row of `GET /api/v1/records`. */
export interface RecordSummary {
  recordId: string
  formId: string
  formVersion: string
  worker: string
  workerName: string
  deviceId: string
  capturedAt: string
  receivedAt: string
  /** In the log (a leaf of a signed checkpoint), not only stored. */
  sealed: boolean
  flags: string[]
  /** Its answers were written into the registers (event, visit, inspection …). */
  projected: boolean
  problem: string | null
}

/** `GET /api/v1/records/{id}`: answers with ID and phone numbers masked, and what the record became. */
export interface RecordDetail {
  recordId: string
  formId: string
  formVersion: string
  worker: string
  workerName: string
  deviceId: string
  keyId: string
  deviceStatus: string
  capturedAt: string
  receivedAt: string
  deviceTime: string | null
  leafIndex: number | null
  flags: string[]
  projected: boolean
  projectionProblem: string | null
  event: { id: number; category: string; status: string; gridCode: string } | null
  /** CGCS2000 longitude, latitude (ADR 0021). */
  location: [number, number] | null
  answers: Record<string, unknown>
  attachments: Envelope['attachments']
}

export interface RecordQuery {
  grid?: string
  worker?: string
  form?: string
  from?: string
  to?: string
  page: number
  size: number
}

export const recordsApi = {
  list: (query: RecordQuery) => api.get<Page<RecordSummary>>('/api/v1/records', { ...query }),
  one: (id: string) => api.get<RecordDetail>(fieldRecord(id)),
  /** A JPEG thumbnail (256 or 1024 px) of an image attachment, behind the caller's token. */
  thumbnail: (id: string, sm3: string, size: 256 | 1024) => api.getBlob(`${fieldRecord(id)}/attachments/${encodeURIComponent(sm3)}`, { size }),
  /** A five-minute link to the original in the object store, as JSON instead of the route's cross-origin 303. */
  original: (id: string, sm3: string) =>
    api.get<OriginalLink>(`${fieldRecord(id)}/attachments/${encodeURIComponent(sm3)}`, { size: 'original', redirect: false }),
  /** The record as the log holds it, its certificates and first receipt (submitter, supervisors, admins). */
  bundle: (id: string) => api.get<AuditBundle>(`${record(id)}/bundle`),
  /** Its receipt against the checkpoint of exactly `size` leaves. */
  receipt: (id: string, size: string) => api.get<Receipt>(`${record(id)}/receipt`, { size }),
  latestCheckpoint: () => api.getText('/api/v1/ledger/checkpoint'),
  logKey: () => api.get<LogPublicKey>('/api/v1/ledger/public-key'),
}

/** A record id is the hex SM3 of its payload: 64 lowercase hex digits. */
export function isRecordId(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value)
}
