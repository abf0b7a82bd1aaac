import { describe, expect, it } from 'vitest'
import { batchRow, enterpriseFieldRows, fieldRows } from './portraitRows'
import type { EnterprisePortrait, PersonPortrait } from './types'

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

describe('enterpriseFieldRows', () => {
  const enterprise = {
    enterprise: { name: '深圳市莲花科技有限公司', kind: '有限责任公司', industry: '科技推广和应用服务业', registeredAt: '2019-03-04', registeredCapital: '3000000', address: null },
    provenance: {
      industry: { source: 'shichang_registry', batch: 9, row: 1, trust: 100, at: '2026-11-27T00:00:00Z', visit: false },
      legal_rep_name: { source: 'shichang_registry', batch: 9, row: 1, trust: 100, at: '2026-11-27T00:00:00Z', visit: false },
    },
  } as unknown as EnterprisePortrait

  it('lists the registered facts under the import field names, each with its source where known', () => {
    const rows = enterpriseFieldRows(enterprise)
    expect(rows.slice(0, 6).map((r) => [r.field, r.value, r.provenance?.batch ?? null])).toEqual([
      ['enterprise_name', '深圳市莲花科技有限公司', null],
      ['enterprise_kind', '有限责任公司', null],
      ['industry', '科技推广和应用服务业', 9],
      ['registered_at', '2019-03-04', null],
      ['registered_capital_wan', '3000000', null],
      ['address', '—', null],
    ])
    expect(rows[6]).toMatchObject({ field: 'legal_rep_name', known: false })
  })

  it('reads an answer without provenance as no source known', () => {
    const rows = enterpriseFieldRows({ ...enterprise, provenance: undefined } as unknown as EnterprisePortrait)
    expect(rows.every((r) => r.provenance === null)).toBe(true)
  })
})
