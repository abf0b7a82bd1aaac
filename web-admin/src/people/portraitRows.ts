/**
 * The person portrait's identity fields and the enterprise portrait's registered facts, each with where
 * its value came from (`provenance`: source, batch, row, trust, time, confirmed by a signed visit). Fields
 * the server has provenance for but the page does not name are listed too, under their own key, so
 * nothing the server says is hidden.
 */
import type { EnterprisePortrait, PersonPortrait, Provenance } from './types'

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
  return rowsOf(PERSON_FIELDS, (field) => valueOf(portrait.person, field, english), portrait.provenance)
}

/** The enterprise's registered facts under the names the 市场监管 import gives them (governance EnterpriseSql). */
export const ENTERPRISE_FIELDS = ['enterprise_name', 'enterprise_kind', 'industry', 'registered_at', 'registered_capital_wan', 'address'] as const
export type EnterpriseField = (typeof ENTERPRISE_FIELDS)[number]

function enterpriseValueOf(e: EnterprisePortrait['enterprise'], field: EnterpriseField): string | null {
  switch (field) {
    case 'enterprise_name':
      return e.name
    case 'enterprise_kind':
      return e.kind
    case 'industry':
      return e.industry
    case 'registered_at':
      return e.registeredAt
    case 'registered_capital_wan':
      return e.registeredCapital
    case 'address':
      return e.address
  }
}

/** An answer from a server without enterprise provenance (older than this page) reads as "no source known". */
export function enterpriseFieldRows(portrait: EnterprisePortrait): FieldRow[] {
  return rowsOf(ENTERPRISE_FIELDS, (field) => enterpriseValueOf(portrait.enterprise, field), portrait.provenance ?? {})
}

function rowsOf<F extends string>(fields: readonly F[], value: (field: F) => string | null, provenance: Record<string, Provenance>): FieldRow[] {
  const known = fields.map((field) => ({ field, known: true, value: value(field) ?? '—', provenance: provenance[field] ?? null }))
  const others = Object.keys(provenance)
    .filter((field) => !(fields as readonly string[]).includes(field))
    .sort()
    .map((field) => ({ field, known: false, value: '—', provenance: provenance[field] ?? null }))
  return [...known, ...others]
}

/** "batch 12, row 7", or null for values that came without a batch (seeded, or from a visit). */
export function batchRow(p: Provenance | null): { batch: number; row: number | null } | null {
  return p && p.batch !== null ? { batch: p.batch, row: p.row } : null
}
