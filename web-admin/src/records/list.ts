import { splitFieldErrors, type Problem } from '@/api/problem'
import type { LocationQuery } from 'vue-router'

/** The list's filters as the URL keeps them: grid code, worker username, form id, and Beijing-time dates. */
export interface RecordFilters {
  grid?: string
  worker?: string
  form?: string
  /** First day, `YYYY-MM-DD` (Beijing). */
  from?: string
  /** Last day, inclusive, `YYYY-MM-DD` (Beijing). */
  to?: string
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export function filtersFromQuery(query: LocationQuery): RecordFilters {
  const pick = (key: string) => {
    const value = query[key]
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined
  }
  return { grid: pick('grid'), worker: pick('worker'), form: pick('form'), from: pick('from'), to: pick('to') }
}

/**
 * The API's query: dates become the UTC instants of Beijing midnights (the platform serves one city
 * in China), `to` the midnight after the last day because the server's `to` is exclusive. A date that
 * is not `YYYY-MM-DD` is passed as typed, so the server's 400 names it rather than the list silently
 * ignoring it.
 */
export function listQuery(filters: RecordFilters): Record<string, string | undefined> {
  return {
    grid: filters.grid,
    worker: filters.worker,
    form: filters.form,
    from: filters.from === undefined ? undefined : beijingMidnight(filters.from, 0),
    to: filters.to === undefined ? undefined : beijingMidnight(filters.to, 1),
  }
}

function beijingMidnight(day: string, plusDays: number): string {
  if (!DAY.test(day)) {
    return day
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + plusDays, -8)).toISOString().replace('.000Z', 'Z')
}

export const FILTER_FIELDS = ['grid', 'worker', 'form', 'from', 'to'] as const

/** The server's field errors on the filters they name (`from`/`to` both on the one date range); the rest for the alert. */
export function filterErrors(problem: Problem): { grid?: string; worker?: string; form?: string; days?: string; rest: Problem | null } {
  const { byField, rest } = splitFieldErrors(problem, FILTER_FIELDS)
  const days = [byField.from, byField.to].filter((m) => m !== undefined).join('; ') || undefined
  return { grid: byField.grid, worker: byField.worker, form: byField.form, days, rest }
}
