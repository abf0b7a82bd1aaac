import { computed } from 'vue'
import { useRoute } from 'vue-router'
import { useLatest } from '@/shell/useLatest'
import { queryString } from '@/shell/useServerPage'
import { purposeOf } from './purposes'

/**
 * Loads a portrait (or any read of persons that states a purpose) for `key` and the route's `?purpose=`,
 * again whenever either changes (each load is a logged read, so nothing loads twice for one view, and
 * nothing loads once the route has moved on). An answer that arrives late is dropped.
 */
export function usePortrait<T>(key: () => string, fetch: (key: string, purpose: string) => Promise<T>) {
  const route = useRoute()
  const routeName = route.name
  const purpose = computed(() => purposeOf(queryString(route.query['purpose'])))
  const loaded = useLatest(
    () => (route.name === routeName ? `${key()}|${purpose.value}` : null),
    () => fetch(key(), purpose.value),
  )
  return { ...loaded, purpose }
}
