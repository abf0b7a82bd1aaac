/**
 * What the people page's search box means. Person searches go to the server as typed (ID numbers are
 * matched exactly, names by their start); an empty query lists nobody, because every person listed is
 * a logged read. Enterprises are opened by their unified social credit code.
 */
export const SEARCH_KINDS = ['persons', 'enterprises', 'houses'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export function searchKindOf(value: string | undefined): SearchKind {
  return (SEARCH_KINDS as readonly string[]).includes(value ?? '') ? (value as SearchKind) : 'persons'
}

/** GB 32100: 18 characters of 0-9 and A-Z without I, O, S, V, Z (the check digit is the server's business). */
const CREDIT_CODE = /^[0-9A-HJ-NP-RTUWXY]{18}$/

/** The credit code as the server stores it (upper case, no spaces), or null when it cannot be one. */
export function creditCodeOf(input: string): string | null {
  const code = input.replace(/\s+/g, '').toUpperCase()
  return CREDIT_CODE.test(code) ? code : null
}

/** The query to send, or null when there is nothing to search for. */
export function personQueryOf(input: string | undefined): string | null {
  const q = (input ?? '').trim()
  return q === '' ? null : q
}
