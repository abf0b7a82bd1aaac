import { splitFieldErrors, type Problem } from '@/api/problem'
import type { Role, User } from '@/api/types'
import type { CreateUserRequest, ProfileRequest } from './api'

export const USER_FIELDS = ['username', 'displayName', 'password', 'roles', 'scope', 'department'] as const
export type UserField = (typeof USER_FIELDS)[number]

export interface UserForm {
  username: string
  displayName: string
  password: string
  roles: Role[]
  scope: string[]
  department: string
}

export function emptyForm(): UserForm {
  return { username: '', displayName: '', password: '', roles: [], scope: [], department: '' }
}

export function formOf(user: User): UserForm {
  return {
    username: user.username,
    displayName: user.displayName,
    password: '',
    roles: [...user.roles],
    scope: [...user.scope],
    department: user.department ?? '',
  }
}

export function profileRequest(form: UserForm): ProfileRequest {
  const department = form.department.trim()
  return {
    displayName: form.displayName.trim(),
    roles: [...form.roles],
    scope: form.scope.map((code) => code.trim()).filter((code) => code !== ''),
    // A blank department is "none", not an empty name.
    ...(department ? { department } : {}),
  }
}

export function createRequest(form: UserForm): CreateUserRequest {
  return { username: form.username.trim(), password: form.password, ...profileRequest(form) }
}

/** Field messages for the dialog; a taken username (409, no `errors[]`) belongs on the username field. */
export function userFormErrors(problem: Problem): {
  byField: Partial<Record<UserField, string>>
  rest: Problem | null
} {
  if (problem.type === 'urn:citygrid:problem:conflict' && problem.errors.length === 0) {
    return { byField: { username: problem.detail ?? problem.title }, rest: null }
  }
  return splitFieldErrors(problem, USER_FIELDS)
}
