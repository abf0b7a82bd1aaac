import { api } from '@/api'

/** A field edit proposed from a phone that its rule sends to review (sync-protocol.md §6). */
export interface Proposal {
  /** The signed record that carries it. */
  recordId: string
  entity: 'resident' | 'house' | string
  /** The entity's id. */
  id: string
  field: string
  /** The proposed value; withheld (null) for phone numbers. */
  value: string | null
  /** The value the worker saw when proposing. */
  base: string | null
  capturedAt: string
  /** The record's times were implausible (sync-protocol.md §2). */
  flagged: boolean
  reason: string | null
  proposedBy: string
}

export interface ProposalPage {
  page: number
  size: number
  items: Proposal[]
}

export interface ProposalDecision {
  recordId: string
  outcome: 'applied' | 'rejected'
  reason: string | null
}

export const proposalsApi = {
  // reviewing is verifying (核实): a supervisor sees the proposed and current names for it; the read is logged
  page: (page: number, size: number) => api.get<ProposalPage>('/api/v1/proposals', { page, size, purpose: 'verification' }),
  decide: (recordId: string, accept: boolean, reason?: string) =>
    api.post<ProposalDecision>(`/api/v1/proposals/${encodeURIComponent(recordId)}/decision`, { accept, ...(reason ? { reason } : {}) }),
}

/** The i18n key part for a field the rules know (`resident.phone` …), or null for one they do not. */
export function fieldKey(entity: string, field: string): 'residentPhone' | 'residentName' | 'houseUsage' | 'houseAreaM2' | null {
  const known = { 'resident.phone': 'residentPhone', 'resident.name': 'residentName', 'house.usage': 'houseUsage', 'house.areaM2': 'houseAreaM2' } as const
  const key = `${entity}.${field}`
  return key in known ? known[key as keyof typeof known] : null
}
