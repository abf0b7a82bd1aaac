import { describe, expect, it } from 'vitest'
import { keyState, type PlaceCodeKey } from './api'

const key = (over: Partial<PlaceCodeKey>): PlaceCodeKey => ({
  keyId: 'k',
  createdAt: '2026-11-27T00:00:00Z',
  retiredAt: null,
  signing: false,
  publicKey: '',
  ...over,
})

describe('keyState', () => {
  it('names the signing key, keys still verifying older labels, and retired keys', () => {
    expect(keyState(key({ signing: true }))).toBe('signing')
    expect(keyState(key({}))).toBe('verifying')
    expect(keyState(key({ retiredAt: '2026-11-27T01:00:00Z' }))).toBe('retired')
  })
})
