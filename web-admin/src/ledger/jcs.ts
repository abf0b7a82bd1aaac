/**
 * RFC 8785 JSON Canonicalization Scheme over values from JSON.parse: members sorted by UTF-16 code
 * units, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them (which is what
 * RFC 8785 specifies). Only JSON values are accepted: a function, undefined, NaN or Infinity throws.
 */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`not a JSON number: ${value}`)
    }
    return JSON.stringify(value) // -0 prints as 0, 1e21 as 1e+21: Number::toString, as RFC 8785 asks
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalize).join(',')}]`
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    // Default sort compares UTF-16 code units, exactly RFC 8785 §3.2.3.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalize(v)}`).join(',')}}`
  }
  throw new Error(`not a JSON value: ${typeof value}`)
}
