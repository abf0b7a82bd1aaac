import { ref, watch, type Ref } from 'vue'
import type { Problem } from '@/api/problem'
import { toProblem } from './notify'

/**
 * Loads what `key` names, again whenever it changes (a portrait, a clicked grid or house); a null key
 * loads nothing. Only the latest answer counts: a slow answer for an earlier key never replaces the one
 * for the latest, and a failure becomes the problem to show in place.
 */
export function useLatest<T>(key: () => string | null, fetch: (key: string) => Promise<T>) {
  const data = ref(null) as Ref<T | null>
  const loading = ref(false)
  const problem = ref<Problem | null>(null)
  let latest = 0

  async function load(): Promise<void> {
    const current = key()
    if (current === null) {
      return
    }
    const ticket = ++latest
    loading.value = true
    try {
      const answer = await fetch(current)
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

  watch(key, () => void load(), { immediate: true })
  return { data, loading, problem, load }
}

/** {@link useLatest} of one thing (a list, the metrics): loaded at once, again on `load()`. */
export function useLoaded<T>(fetch: () => Promise<T>) {
  return useLatest(() => 'the one', () => fetch())
}
