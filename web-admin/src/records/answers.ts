/** A form payload as rows to show: top-level answers in order, nested values as compact JSON. */
export interface AnswerRow {
  field: string
  value: string
}

/** `clientId` is the device's idempotency key, not an answer: it is left out. */
export function answerRows(payload: Record<string, unknown>): AnswerRow[] {
  return Object.entries(payload)
    .filter(([field]) => field !== 'clientId')
    .map(([field, value]) => ({ field, value: shown(value) }))
}

function shown(value: unknown): string {
  if (value === null || value === undefined) {
    return '—'
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** Bytes as B, KiB or MiB with one decimal. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`
  }
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
