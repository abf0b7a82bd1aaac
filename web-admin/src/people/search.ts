/**
 * What the people page's search boxes mean. Every query goes to the server trimmed, as typed: ID
 * numbers are matched exactly and names by their start; addresses by what they contain; enterprises by
 * a part of their name or the start of their credit code (the server wants at least 2 characters and
 * says so on the field). An empty query lists nothing, because every person listed is a logged read.
 */
export const SEARCH_KINDS = ['persons', 'enterprises', 'houses'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export function searchKindOf(value: string | undefined): SearchKind {
  return (SEARCH_KINDS as readonly string[]).includes(value ?? '') ? (value as SearchKind) : 'persons'
}

/** The query to send (persons, houses or enterprises), or null when there is nothing to search for. */
export function personQueryOf(input: string | undefined): string | null {
  const q = (input ?? '').trim()
  return q === '' ? null : q
}
