import { describe, expect, it } from 'vitest'
import { personQueryOf, searchKindOf } from './search'

describe('searchKindOf', () => {
  it('reads a known kind from the URL and falls back to persons', () => {
    expect(searchKindOf('enterprises')).toBe('enterprises')
    expect(searchKindOf('houses')).toBe('houses')
    expect(searchKindOf(undefined)).toBe('persons')
    expect(searchKindOf('cars')).toBe('persons')
  })
})

describe('personQueryOf', () => {
  it('sends the query trimmed and nothing for an empty box', () => {
    expect(personQueryOf('  张 ')).toBe('张')
    expect(personQueryOf('   ')).toBeNull()
    expect(personQueryOf(undefined)).toBeNull()
  })
})
