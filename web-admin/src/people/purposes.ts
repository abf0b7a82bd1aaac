/** Why a person's data is read (openapi.yaml `Purpose`); every read is logged with it. */
export const PURPOSES = ['browse', 'visit', 'care', 'case', 'verification', 'data-correction', 'statistics'] as const
export type Purpose = (typeof PURPOSES)[number]

/**
 * The purpose in the URL, as it is: an unknown one goes to the server, which refuses it with a 400
 * that the page shows (never silently replaced by browsing).
 */
export function purposeOf(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : 'browse'
}

export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value)
}
