import { describe, expect, it } from 'vitest'
import { isFresh, isOpenable } from './originals'

const NOW = Date.parse('2026-11-27T08:00:00Z')

describe('isFresh', () => {
  it('reuses a link with minutes left', () => {
    expect(isFresh({ url: 'http://s3.example/p', expiresAt: '2026-11-27T08:04:00Z' }, NOW)).toBe(true)
  })

  it('fetches a new link when the old one expires within the margin, has expired, or was never fetched', () => {
    expect(isFresh({ url: 'http://s3.example/p', expiresAt: '2026-11-27T08:00:20Z' }, NOW)).toBe(false)
    expect(isFresh({ url: 'http://s3.example/p', expiresAt: '2026-11-27T07:59:00Z' }, NOW)).toBe(false)
    expect(isFresh(undefined, NOW)).toBe(false)
  })

  it('treats an unreadable expiry as expired', () => {
    expect(isFresh({ url: 'http://s3.example/p', expiresAt: 'soon' }, NOW)).toBe(false)
  })
})

describe('isOpenable', () => {
  it('opens http and https links to the object store only', () => {
    expect(isOpenable({ url: 'https://s3.example/att/1/ab?X-Amz-Signature=1', expiresAt: '' })).toBe(true)
    expect(isOpenable({ url: 'http://127.0.0.1:9000/att/1/ab', expiresAt: '' })).toBe(true)
    expect(isOpenable({ url: 'javascript:alert(1)', expiresAt: '' })).toBe(false)
    expect(isOpenable({ url: 'not a url', expiresAt: '' })).toBe(false)
  })
})
