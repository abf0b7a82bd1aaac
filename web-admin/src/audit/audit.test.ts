import { describe, expect, it } from 'vitest'
import { clearFieldsOf, personIdOf } from './api'

describe('clearFieldsOf', () => {
  it('splits the server list and drops empty parts', () => {
    expect(clearFieldsOf('name,id_number')).toEqual(['name', 'id_number'])
    expect(clearFieldsOf('')).toEqual([])
    expect(clearFieldsOf(null)).toEqual([])
  })
})

describe('personIdOf', () => {
  it('takes record ids only (an ID number is not a record id)', () => {
    expect(personIdOf(' 42 ')).toBe('42')
    expect(personIdOf('44030419800101123X')).toBeNull()
    expect(personIdOf('abc')).toBeNull()
  })
})
