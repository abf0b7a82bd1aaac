import type { RouteLocationRaw } from 'vue-router'

/** Why the sign-in page is shown; it tells the user. */
export type SignInReason = 'expired' | 'password-changed' | 'signed-out'

export function signInRoute(redirect: string | undefined, reason?: SignInReason): RouteLocationRaw {
  const query: Record<string, string> = {}
  if (redirect && redirect !== '/') {
    query['redirect'] = redirect
  }
  if (reason) {
    query['reason'] = reason
  }
  return { name: 'sign-in', query }
}

/** Only same-origin paths of this app: `?redirect=//evil.example` must not leave the site. */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/'
  }
  return value.startsWith('/sign-in') ? '/' : value
}
