import { describe, expect, it } from 'vitest'
import { fieldKey } from './api'

describe('fieldKey', () => {
  it('names the fields the server has rules for and nothing else', () => {
    expect(fieldKey('resident', 'phone')).toBe('residentPhone')
    expect(fieldKey('house', 'areaM2')).toBe('houseAreaM2')
    expect(fieldKey('house', 'owner')).toBeNull()
    expect(fieldKey('toString', '')).toBeNull()
  })
})
