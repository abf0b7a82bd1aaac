import type { WorkOrderStatus } from './api'

/**
 * Where a work order may go next (the server's QualityRoutes.TRANSITIONS): open → in_progress →
 * fixed | rejected → verified, or back to in_progress. Only supervisors and administrators verify,
 * so stewards are not offered a button the server would refuse.
 */
const NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['in_progress'],
  in_progress: ['fixed', 'rejected'],
  fixed: ['verified', 'in_progress'],
  rejected: ['verified', 'in_progress'],
  verified: [],
}

export function nextStatuses(status: WorkOrderStatus, canVerify: boolean): WorkOrderStatus[] {
  return NEXT[status].filter((next) => next !== 'verified' || canVerify)
}
