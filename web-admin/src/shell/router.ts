import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { tokens } from '@/api'
import { ApiError } from '@/api/problem'
import type { Role } from '@/api/types'
import { loadMe, me } from '@/session/session'
import AppLayout from './AppLayout.vue'
import { PAGES, pagesFor, type ConsolePage } from './pages'
import { signInRoute } from './redirect'

export { safeRedirect, signInRoute } from './redirect'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Roles that may open the page; the layout shows a 403 notice to anyone else. */
    roles?: readonly Role[]
    page?: ConsolePage
  }
}

const consoleRoutes: RouteRecordRaw[] = PAGES.flatMap((page) => [
  {
    path: page.key,
    name: page.key,
    component: page.component ?? (() => import('@/pages/ComingSoonPage.vue')),
    meta: { roles: page.roles, page },
  },
  ...(page.children ?? []).map((child) => ({
    path: `${page.key}/${child.path}`,
    name: child.name,
    component: child.component,
    meta: { roles: page.roles, page },
  })),
])

const routes: RouteRecordRaw[] = [
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/auth/SignInPage.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/pages/HomePage.vue'),
        // Straight to the first page the caller may use; the home page is for roles with none.
        beforeEnter: () => {
          const first = pagesFor(me.value?.roles ?? [])[0]
          return first ? { name: first.key } : true
        },
      },
      ...consoleRoutes,
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) {
    return true
  }
  if (!tokens.present) {
    return signInRoute(to.fullPath)
  }
  try {
    await loadMe()
  } catch (error) {
    if (error instanceof ApiError && error.sessionExpired) {
      return signInRoute(to.fullPath, 'expired')
    }
    // Anything else (server down): the layout shows the problem with a retry button.
  }
  return true
})
