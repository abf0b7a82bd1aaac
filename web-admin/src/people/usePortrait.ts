import { computed, ref, watch, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import type { Problem } from '@/api/problem'
import { toProblem } from '@/shell/notify'
import { queryString } from '@/shell/useServerPage'
import { purposeOf } from './purposes'

/**
 * Loads a portrait for the route's key and `?purpose=`, again whenever either changes (each load is
 * a logged read, so nothing loads twice for one view). An answer that arrives late is dropped.
 */
export function usePortrait<T>(key: () => string, fetch: (key: string, purpose: string) => Promise<T>) {
  const route = useRoute()
  const routeName = route.name
  const purpose = computed(() => purposeOf(queryString(route.query['purpose'])))
  const data = ref(null) as Ref<T | null>
  const loading = ref(false)
  const problem = ref<Problem | null>(null)
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const answer = await fetch(key(), purpose.value)
      if (ticket === latest) {
        data.value = answer
        problem.value = null
      }
    } catch (error) {
      if (ticket === latest) {
        data.value = null
        problem.value = toProblem(error)
      }
    } finally {
      if (ticket === latest) {
        loading.value = false
      }
    }
  }

  watch(
    () => (route.name === routeName ? `${key()}|${purpose.value}` : null),
    (now) => {
      if (now !== null) {
        void load()
      }
    },
    { immediate: true },
  )
  return { data, loading, problem, purpose, load }
}
