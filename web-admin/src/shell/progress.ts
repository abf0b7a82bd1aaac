import { readonly, ref } from 'vue'

/** Requests quicker than this show no indicator: a flash would be noise, not information. */
export const PROGRESS_DELAY_MS = 250

const pending = ref(0)
const visible = ref(false)
let timer: ReturnType<typeof setTimeout> | null = null

/** True while some request has been running for longer than {@link PROGRESS_DELAY_MS}. */
export const busy = readonly(visible)

export function trackActivity(delta: 1 | -1): void {
  pending.value = Math.max(0, pending.value + delta)
  if (pending.value > 0 && timer === null && !visible.value) {
    timer = setTimeout(() => {
      timer = null
      visible.value = pending.value > 0
    }, PROGRESS_DELAY_MS)
  }
  if (pending.value === 0) {
    if (timer !== null) {
      clearTimeout(timer)
      timer = null
    }
    visible.value = false
  }
}
