import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { Problem } from '@/api/problem'
import { toProblem } from './notify'
import { pagingFromQuery, type Paging } from './paging'

export type Filters = Record<string, string | undefined>

/**
 * A list paged on the server with its page, size and filters in the URL (so reloads, links and the
 * return after signing in show the same rows). Loads whenever the page's own query changes; an answer
 * that arrives after a newer request started is dropped, so a slow page never overwrites a fast one.
 */
export function useServerPage<T>(fetchPage: (query: LocationQuery, paging: Paging) => Promise<T>) {
  const route = useRoute()
  const router = useRouter()
  const routeName = route.name
  const paging = computed(() => pagingFromQuery(route.query))
  const data: Ref<T | null> = shallowRef(null)
  const loading = ref(false)
  const problem = ref<Problem | null>(null)
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const page = await fetchPage(route.query, paging.value)
      if (ticket === latest) {
        data.value = page
        problem.value = null
      }
    } catch (error) {
      if (ticket === latest) {
        problem.value = toProblem(error)
      }
    } finally {
      if (ticket === latest) {
        loading.value = false
      }
    }
  }

  // Only this page's own URL changes: leaving the page must not fire one more request.
  watch(
    () => (route.name === routeName ? route.fullPath : null),
    (path) => {
      if (path !== null) {
        void load()
      }
    },
    { immediate: true },
  )

  /** New filters start again at page 1; empty values leave the URL. */
  function setFilters(filters: Filters): void {
    const query: Record<string, string> = {}
    for (const [key, value] of Object.entries({ ...currentFilters(route.query), ...filters })) {
      if (value !== undefined && value !== '') {
        query[key] = value
      }
    }
    if (paging.value.size !== pagingFromQuery({}).size) {
      query['size'] = String(paging.value.size)
    }
    void router.push({ query })
  }

  return { data, loading, problem, paging, load, setFilters }
}

/** The URL's filters: every parameter but page and size, first value only. */
export function currentFilters(query: LocationQuery): Filters {
  const out: Filters = {}
  for (const [key, value] of Object.entries(query)) {
    if (key !== 'page' && key !== 'size') {
      out[key] = queryString(value)
    }
  }
  return out
}

/** One query parameter as a string (the first of repeated ones), or undefined. */
export function queryString(value: LocationQuery[string] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return v ?? undefined
}
