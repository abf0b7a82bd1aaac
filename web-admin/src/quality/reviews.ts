import type { Review, ReviewSide } from './api'

/** The rows of a side-by-side comparison: both values and whether they agree (masked values compare as shown). */
export const REVIEW_FIELDS = ['name', 'birthDate', 'idNumber', 'phone'] as const
export type ReviewField = (typeof REVIEW_FIELDS)[number]

export interface ComparedField {
  field: ReviewField
  fresh: string
  candidate: string
  /** 'same', 'different', or 'missing' when either side has no value. */
  agreement: 'same' | 'different' | 'missing'
}

function shown(side: ReviewSide, field: ReviewField): string | null {
  const value = side[field]
  return value === null || value === undefined || value === '' ? null : value
}

export function compareSides(review: Review): ComparedField[] {
  return REVIEW_FIELDS.map((field) => {
    const a = shown(review.newRecord, field)
    const b = shown(review.candidate, field)
    return {
      field,
      fresh: a ?? '—',
      candidate: b ?? '—',
      agreement: a === null || b === null ? 'missing' : a === b ? 'same' : 'different',
    }
  })
}
