import { describe, expect, it } from 'vitest'
import { safeRedirect } from './redirect'

describe('safeRedirect', () => {
  it('returns to a path of this app', () => {
    expect(safeRedirect('/users?page=2')).toBe('/users?page=2')
  })

  it('refuses anything that could leave the site or loop back to sign-in', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'users', '/sign-in?x=1', undefined, ['/users']]) {
      expect(safeRedirect(bad), String(bad)).toBe('/')
    }
  })
})
