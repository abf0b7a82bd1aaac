import { api } from '@/api'
import type { Page } from '@/api/types'

/** Shapes of the governance answers (backend governance/ package; openapi.yaml describes them in words). */

export interface Rate {
  /** part / whole, or null when nothing was counted yet. */
  rate: number | null
  part: number
  whole: number
}

export const METRICS = ['standardisation', 'validity', 'completeness', 'freshness', 'sharing'] as const
export type Metric = (typeof METRICS)[number]

export type Rates = Record<Metric, Rate> & { rows?: number }

export interface SourceRates extends Rates {
  source: string
  department: string
  title: string
}

export interface QualityMetrics {
  target: number
  overall: Rates
  sources: SourceRates[]
}

export interface Issue {
  id: number
  rule: string
  source: string
  batchId: number | null
  rowNo: number | null
  rowKey: string | null
  field: string | null
  value: string | null
  message: string
  personId: number | null
  status: 'open' | 'closed'
  workOrderId: number | null
  createdAt: string
  closedAt: string | null
}

export const WORK_ORDER_STATUSES = ['open', 'in_progress', 'fixed', 'rejected', 'verified'] as const
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number]

export interface WorkOrder {
  id: number
  source: string
  department: string
  rule: string
  title: string
  status: WorkOrderStatus
  issuesOpen: number
  dueAt: string
  overdue: boolean
  note: string | null
  createdAt: string
  updatedAt: string
}

export interface ReviewSide {
  personId: number
  name: string
  birthDate: string | null
  idNumber: string | null
  phone: string | null
}

export interface Review {
  id: number
  score: number
  reasons: Record<string, unknown>
  source: string
  batchId: number
  rowNo: number
  newRecord: ReviewSide
  candidate: ReviewSide
}

export interface Decision {
  decision: 'merge' | 'distinct'
  mergeEvent?: number
  survivor?: number
  absorbed?: number
}

export interface Source {
  name: string
  department: string
  title: string
  entity: string
  cadence: string
  enabled: boolean
}

export interface IssueFilter {
  source?: string
  rule?: string
  status?: string
  workOrder?: string
}

export const qualityApi = {
  metrics: () => api.get<QualityMetrics>('/api/v1/governance/metrics'),
  sources: () => api.get<Source[]>('/api/v1/governance/sources'),
  // fixing data is the purpose (数据治理): names in issues are shown for it; each person named is a logged read
  issues: (filter: IssueFilter, page: number, size: number) =>
    api.get<Page<Issue>>('/api/v1/governance/issues', { ...filter, purpose: 'data-correction', page, size }),
  workOrders: (status: string | undefined, page: number, size: number) =>
    api.get<Page<WorkOrder>>('/api/v1/governance/work-orders', { status, page, size }),
  moveWorkOrder: (id: number, status: WorkOrderStatus, note?: string) =>
    api.post<WorkOrder>(`/api/v1/governance/work-orders/${id}/status`, note ? { status, note } : { status }),
  reviews: (purpose: string, page: number, size: number) => api.get<Page<Review>>('/api/v1/governance/reviews', { purpose, page, size }),
  decide: (id: number, decision: 'merge' | 'distinct') => api.post<Decision>(`/api/v1/governance/reviews/${id}/decision`, { decision }),
  undoMerge: (mergeEvent: number) => api.post<{ undoneBy: number }>(`/api/v1/governance/merges/${mergeEvent}/undo`),
}
