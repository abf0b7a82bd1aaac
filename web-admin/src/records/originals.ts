/**
 * Originals of a record's attachments live in the object store behind five-minute presigned links
 * (`?size=original&redirect=false` answers `{url, expiresAt}`; the 303 of the plain route cannot be followed by a
 * fetch that carries a bearer token, and an `<img>` or a new tab cannot send one). A link is fetched when an
 * original is opened and reused while it has time left.
 */
export interface OriginalLink {
  url: string
  expiresAt: string
}

/** Reuse a link only while it has more than `marginMs` left: a viewer opened at the last second would fail. */
export function isFresh(link: OriginalLink | undefined, now: number, marginMs = 30_000): link is OriginalLink {
  if (!link) {
    return false
  }
  const expires = Date.parse(link.expiresAt)
  return Number.isFinite(expires) && expires - now > marginMs
}

/** Only links to http(s) are opened: a server answer is data, and a `javascript:` URL would run in our origin. */
export function isOpenable(link: OriginalLink): boolean {
  try {
    const protocol = new URL(link.url).protocol
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}
