import { describe, expect, it } from 'vitest'
import { creditCodeOf, personQueryOf, searchKindOf } from './search'

describe('searchKindOf', () => {
  it('reads a known kind from the URL and falls back to persons', () => {
    expect(searchKindOf('enterprises')).toBe('enterprises')
    expect(searchKindOf('houses')).toBe('houses')
    expect(searchKindOf(undefined)).toBe('persons')
    expect(searchKindOf('cars')).toBe('persons')
  })
})

describe('creditCodeOf', () => {
  it('accepts 18 code characters, upper-cased and without spaces', () => {
    expect(creditCodeOf(' 91440300 ma5f0xxx1y ')).toBe('91440300MA5F0XXX1Y')
    expect(creditCodeOf('91440300ma5fxxx01y')).toBe('91440300MA5FXXX01Y')
  })

  it('refuses the letters GB 32100 leaves out and wrong lengths', () => {
    expect(creditCodeOf('91440300MA5FOOO01Y')).toBeNull()
    expect(creditCodeOf('91440300MA5F')).toBeNull()
    expect(creditCodeOf('')).toBeNull()
  })
})

describe('personQueryOf', () => {
  it('sends the query trimmed and nothing for an empty box', () => {
    expect(personQueryOf('  张 ')).toBe('张')
    expect(personQueryOf('   ')).toBeNull()
    expect(personQueryOf(undefined)).toBeNull()
  })
})
