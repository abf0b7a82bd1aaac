/**
 * The person portrait's identity fields, each with where its value came from (`provenance`: source,
 * batch, row, trust, time, confirmed by a signed visit). Fields the server has provenance for but this
 * page does not name are listed too, under their own key, so nothing the server says is hidden.
 */
import type { PersonPortrait, Provenance } from './types'

export const PERSON_FIELDS = ['name', 'id_number', 'phone', 'gender', 'birth_date', 'ethnicity', 'registered_region'] as const
export type PersonField = (typeof PERSON_FIELDS)[number]

export interface FieldRow {
  field: string
  known: boolean
  value: string
  provenance: Provenance | null
}

function valueOf(person: PersonPortrait['person'], field: PersonField, english: boolean): string | null {
  switch (field) {
    case 'name':
      return person.name
    case 'id_number':
      return person.idNumber
    case 'phone':
      return person.phone
    case 'gender':
      return person.gender ? (english ? person.gender.nameEn : person.gender.name) : null
    case 'birth_date':
      return person.birthDate
    case 'ethnicity':
      return person.ethnicity ? (english ? person.ethnicity.nameEn : person.ethnicity.name) : null
    case 'registered_region':
      return person.registeredRegion
  }
}

export function fieldRows(portrait: PersonPortrait, english = false): FieldRow[] {
  const known = PERSON_FIELDS.map((field) => ({
    field,
    known: true,
    value: valueOf(portrait.person, field, english) ?? '—',
    provenance: portrait.provenance[field] ?? null,
  }))
  const others = Object.keys(portrait.provenance)
    .filter((field) => !(PERSON_FIELDS as readonly string[]).includes(field))
    .sort()
    .map((field) => ({ field, known: false, value: '—', provenance: portrait.provenance[field] ?? null }))
  return [...known, ...others]
}

/** "batch 12, row 7", or null for values that came without a batch (seeded, or from a visit). */
export function batchRow(p: Provenance | null): { batch: number; row: number | null } | null {
  return p && p.batch !== null ? { batch: p.batch, row: p.row } : null
}
