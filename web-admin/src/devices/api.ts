import { api } from '@/api'
import type { Page } from '@/api/types'

export const DEVICE_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const
export type DeviceStatus = (typeof DEVICE_STATUSES)[number]

/** A row of GET /api/v1/devices. */
export interface DeviceSummary {
  id: string
  accountId: number
  username: string
  displayName: string
  keyId: string
  label: string | null
  status: DeviceStatus
  requestedAt: string
  decidedAt: string | null
  revokedAt: string | null
  reason: string | null
}

export function isDeviceStatus(value: unknown): value is DeviceStatus {
  return typeof value === 'string' && (DEVICE_STATUSES as readonly string[]).includes(value)
}

const path = (id: string, action: string) => `/api/v1/devices/${encodeURIComponent(id)}/${action}`

export const devicesApi = {
  page: (status: DeviceStatus | undefined, page: number, size: number) =>
    api.get<Page<DeviceSummary>>('/api/v1/devices', { status, page, size }),
  approve: (id: string) => api.post<DeviceSummary>(path(id, 'approve')),
  reject: (id: string, reason: string) => api.post<DeviceSummary>(path(id, 'reject'), { reason }),
  revoke: (id: string, reason: string) => api.post<DeviceSummary>(path(id, 'revoke'), { reason }),
}
