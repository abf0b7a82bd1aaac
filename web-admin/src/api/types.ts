/** Shapes of the backend's JSON (backend/src/main/resources/openapi.yaml). */

export const ROLES = ['ADMIN', 'SUPERVISOR', 'LEADER', 'GRID_WORKER', 'DATA_STEWARD', 'CITIZEN'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export interface LoginResult {
  accessToken: string
  refreshToken: string
  tokenType: string
  expiresIn: number
  roles: Role[]
}

export interface Me {
  id: number
  username: string
  displayName: string
  roles: Role[]
  scope: string[]
  department: string | null
}

export interface User {
  id: number
  username: string
  displayName: string
  roles: Role[]
  scope: string[]
  department: string | null
  enabled: boolean
}

export interface Page<T> {
  page: number
  size: number
  total: number
  items: T[]
}
