import { describe, expect, it } from 'vitest'
import type { Problem } from '@/api/problem'
import { createRequest, emptyForm, formOf, profileRequest, userFormErrors } from './userForm'

describe('user form', () => {
  it('sends trimmed values, drops blank scope codes and a blank department', () => {
    const form = { ...emptyForm(), username: ' li.si ', displayName: ' 李四 ', password: 'Passw0rd', roles: ['GRID_WORKER' as const] }
    form.scope = [' 440304001001001 ', '']
    expect(createRequest(form)).toEqual({
      username: 'li.si',
      password: 'Passw0rd',
      displayName: '李四',
      roles: ['GRID_WORKER'],
      scope: ['440304001001001'],
    })
  })

  it('edits the profile of an existing user without username or password', () => {
    const form = formOf({
      id: 7,
      username: 'steward',
      displayName: '王五',
      roles: ['DATA_STEWARD'],
      scope: [],
      department: '公安',
      enabled: true,
    })
    expect(profileRequest(form)).toEqual({ displayName: '王五', roles: ['DATA_STEWARD'], scope: [], department: '公安' })
  })

  it('shows a taken username (409) on the username field', () => {
    const conflict: Problem = {
      type: 'urn:citygrid:problem:conflict',
      title: '数据冲突',
      status: 409,
      detail: '用户名已存在：li.si',
      errors: [],
    }
    expect(userFormErrors(conflict)).toEqual({ byField: { username: '用户名已存在：li.si' }, rest: null })
  })
})
