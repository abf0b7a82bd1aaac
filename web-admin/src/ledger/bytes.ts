/** Byte helpers for the receipt check: strict encodings as docs/ledger.md §1 defines them. */

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

/** Lowercase hex only (uppercase is rejected, as everywhere in the protocol). */
export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) {
    throw new Error(`not lowercase hex of even length: ${hex.slice(0, 16)}…`)
  }
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  }
  return out
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Standard base64 with padding, canonical: decoding then encoding must give the same text. */
export function fromBase64(text: string): Uint8Array {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    throw new Error('not standard padded base64')
  }
  const binary = atob(text)
  const out = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  if (toBase64(out) !== text) {
    throw new Error('non-canonical base64')
  }
  return out
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))
}
