import { api } from '@/api'
import type { AuditBundle, LogPublicKey, Receipt } from '@/ledger/types'

const record = (id: string) => `/api/v1/ledger/records/${encodeURIComponent(id)}`

export const recordsApi = {
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
