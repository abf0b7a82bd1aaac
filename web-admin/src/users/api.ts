import { api } from '@/api'
import type { Page, Role, User } from '@/api/types'

/** Body of PUT /api/v1/users/{id} (and the common part of POST /api/v1/users). */
export interface ProfileRequest {
  displayName: string
  roles: Role[]
  scope: string[]
  department?: string
}

export interface CreateUserRequest extends ProfileRequest {
  username: string
  password: string
}

export const usersApi = {
  page: (page: number, size: number) => api.get<Page<User>>('/api/v1/users', { page, size }),
  create: (request: CreateUserRequest) => api.post<User>('/api/v1/users', request),
  update: (id: number, request: ProfileRequest) => api.put<User>(`/api/v1/users/${id}`, request),
  disable: (id: number) => api.post<User>(`/api/v1/users/${id}/disable`),
  enable: (id: number) => api.post<User>(`/api/v1/users/${id}/enable`),
}
