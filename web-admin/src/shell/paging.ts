import type { LocationQuery } from 'vue-router'

export const PAGE_SIZES = [10, 20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20

export interface Paging {
  page: number
  size: number
}

/**
 * Page and size from the URL (`?page=2&size=50`), so a reload, a shared link or a return after
 * signing in shows the same page. Anything odd falls back to page 1 / the default size.
 */
export function pagingFromQuery(query: LocationQuery): Paging {
  const page = Number(first(query['page']))
  const size = Number(first(query['size']))
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  }
}

/** The number of the last page holding `total` items (1 for none). */
export function lastPage(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size))
}

function first(value: LocationQuery[string] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return v ?? undefined
}
