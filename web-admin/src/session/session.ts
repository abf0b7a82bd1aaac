import { readonly, ref } from 'vue'
import { api } from '@/api'
import type { Me, Role } from '@/api/types'

const current = ref<Me | null>(null)
const loadError = ref<unknown>(null)
let loading: Promise<Me> | null = null

/** The signed-in account (GET /api/v1/me), loaded once per sign-in. */
export const me = readonly(current)

/** Why the account could not be read (not a 401: those end the session instead). */
export const meError = readonly(loadError)

export function loadMe(): Promise<Me> {
  if (current.value) {
    return Promise.resolve(current.value)
  }
  if (loading === null) {
    // One request even when the router guard and a page ask at the same time.
    loading = api
      .get<Me>('/api/v1/me')
      .then((account) => {
        current.value = account
        loadError.value = null
        return account
      })
      .catch((error: unknown) => {
        loadError.value = error
        throw error
      })
      .finally(() => {
        loading = null
      })
  }
  return loading
}

/** Drops the cached account, so the next navigation reads it again (new sign-in, expiry). */
export function forgetMe(): void {
  current.value = null
  loadError.value = null
}

/** True when the route needs no role, or the caller holds one of them. */
export function hasAnyRole(needed: readonly Role[] | undefined): boolean {
  if (!needed) {
    return true
  }
  return current.value?.roles.some((role) => needed.includes(role)) ?? false
}

export async function signIn(username: string, password: string): Promise<void> {
  forgetMe()
  await api.login(username, password)
}

export async function signOut(): Promise<void> {
  forgetMe()
  await api.logout()
}
