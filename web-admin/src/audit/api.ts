import { api } from '@/api'
import type { Page } from '@/api/types'

/** A row of GET /api/v1/audit/data-access: one read of one person's (or enterprise's) data. */
export interface AccessEntry {
  id: number
  at: string
  username: string
  role: string
  subjectKind: string
  subjectId: number
  purpose: string
  /** e.g. "search", "portrait", "match-review", "graph" */
  action: string
  /** Comma-separated fields shown in clear, or empty. */
  clearFields: string | null
  requestId: string | null
}

export interface AccessFilter {
  personId?: string
  username?: string
  purpose?: string
}

export const auditApi = {
  dataAccess: (filter: AccessFilter, page: number, size: number) =>
    api.get<Page<AccessEntry>>('/api/v1/audit/data-access', { ...filter, page, size }),
}

/** The fields a read showed in clear, as a list (the server sends them comma-separated). */
export function clearFieldsOf(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
}

/** A person filter the server accepts (a record id), or null. */
export function personIdOf(input: string): string | null {
  const v = input.trim()
  return /^[0-9]{1,18}$/.test(v) ? v : null
}
