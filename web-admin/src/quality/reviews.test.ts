import { describe, expect, it } from 'vitest'
import type { Review } from './api'
import { compareSides } from './reviews'

const review: Review = {
  id: 1,
  score: 0.82,
  reasons: {},
  source: 'gongan_hukou',
  batchId: 3,
  rowNo: 9,
  newRecord: { personId: 700, name: '张*', birthDate: '1980-01-02', idNumber: null, phone: null },
  candidate: { personId: 12, name: '张*', birthDate: '1980-01-02', idNumber: '440304********1234', phone: '138****5678' },
}

describe('compareSides', () => {
  it('marks agreeing, differing and missing values field by field', () => {
    const rows = compareSides(review)
    expect(rows.map((r) => [r.field, r.agreement])).toEqual([
      ['name', 'same'],
      ['birthDate', 'same'],
      ['idNumber', 'missing'],
      ['phone', 'missing'],
    ])
    expect(rows[2]?.fresh).toBe('—')
  })

  it('calls different values different', () => {
    const other = { ...review, candidate: { ...review.candidate, birthDate: '1980-02-01' } }
    expect(compareSides(other)[1]?.agreement).toBe('different')
  })
})
