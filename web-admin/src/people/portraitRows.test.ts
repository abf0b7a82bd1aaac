import { describe, expect, it } from 'vitest'
import { batchRow, fieldRows } from './portraitRows'
import type { PersonPortrait } from './types'

const portrait = {
  person: {
    id: 1,
    name: '许**',
    idNumber: '440303********9533',
    phone: null,
    gender: { code: '1', name: '男性', nameEn: 'male' },
    birthDate: '1987-01-26',
    age: 39,
    ethnicity: null,
    registeredRegion: '440303',
    careFlags: [],
    confirmedAt: null,
  },
  provenance: {
    name: { source: 'gongan_hukou', batch: 12, row: 7, trust: 100, at: '2026-11-26T00:00:00Z', visit: false },
    care_flag: { source: 'minzheng_assist', batch: null, row: null, trust: 80, at: '2026-11-20T00:00:00Z', visit: true },
  },
} as unknown as PersonPortrait

describe('fieldRows', () => {
  it('lists the identity fields in a fixed order with their values as the server masked them', () => {
    const rows = fieldRows(portrait)
    expect(rows.slice(0, 7).map((r) => [r.field, r.value])).toEqual([
      ['name', '许**'],
      ['id_number', '440303********9533'],
      ['phone', '—'],
      ['gender', '男性'],
      ['birth_date', '1987-01-26'],
      ['ethnicity', '—'],
      ['registered_region', '440303'],
    ])
    expect(fieldRows(portrait, true)[3]!.value).toBe('male')
  })

  it('attaches provenance where the server gave it, and keeps fields it does not name', () => {
    const rows = fieldRows(portrait)
    expect(rows[0]!.provenance?.source).toBe('gongan_hukou')
    expect(rows[1]!.provenance).toBeNull()
    expect(rows.at(-1)).toMatchObject({ field: 'care_flag', known: false, provenance: { visit: true } })
  })
})

describe('batchRow', () => {
  it('names batch and row, or nothing for values without a batch', () => {
    expect(batchRow(portrait.provenance['name']!)).toEqual({ batch: 12, row: 7 })
    expect(batchRow(portrait.provenance['care_flag']!)).toBeNull()
    expect(batchRow(null)).toBeNull()
  })
})
