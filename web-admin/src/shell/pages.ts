import type { Component } from 'vue'
import {
  Cellphone,
  DataAnalysis,
  Document,
  EditPen,
  Key,
  List,
  MapLocation,
  OfficeBuilding,
  Stamp,
  Tickets,
  UserFilled,
} from '@element-plus/icons-vue'
import type { Role } from '@/api/types'
import type { Messages } from '@/i18n/zh-CN'

export type MenuKey = Exclude<keyof Messages['menu'], 'home' | 'collapse' | 'expand'>
export type FeatureKey = keyof Messages['features']

/**
 * The console's pages, in menu order: the single list the side menu and the router are built from.
 * A page with `feature` has no API yet and shows the "coming with the … API" placeholder; give it a
 * `component` (and drop `feature`) when its API lands.
 */
export interface ConsolePage {
  /** Route name, path segment and the `menu.*` title key. */
  key: MenuKey
  icon: Component
  /** Who sees the menu entry and may open the page. */
  roles: readonly Role[]
  feature?: FeatureKey
  component?: () => Promise<Component>
  /** Pages reached from this one (a portrait, a record): same menu entry, same roles. */
  children?: readonly DetailPage[]
}

export interface DetailPage {
  /** Below the page's own path, e.g. `persons/:id` under `people`. */
  path: string
  name: string
  component: () => Promise<Component>
}

export const PAGES: readonly ConsolePage[] = [
  { key: 'map', icon: MapLocation, roles: ['ADMIN', 'SUPERVISOR', 'LEADER', 'GRID_WORKER'], component: () => import('@/map/MapPage.vue') },
  {
    key: 'people',
    icon: OfficeBuilding,
    roles: ['ADMIN', 'SUPERVISOR', 'LEADER', 'GRID_WORKER', 'DATA_STEWARD'],
    component: () => import('@/people/PeoplePage.vue'),
    children: [
      { path: 'persons/:id', name: 'person', component: () => import('@/people/PersonPortraitPage.vue') },
      { path: 'enterprises/:code', name: 'enterprise', component: () => import('@/people/EnterprisePortraitPage.vue') },
      { path: 'houses/:id', name: 'house', component: () => import('@/people/HousePage.vue') },
    ],
  },
  {
    key: 'records',
    icon: Document,
    roles: ['ADMIN', 'SUPERVISOR', 'LEADER', 'GRID_WORKER'],
    component: () => import('@/records/RecordsPage.vue'),
    children: [{ path: ':id', name: 'record', component: () => import('@/records/RecordPage.vue') }],
  },
  { key: 'tasks', icon: List, roles: ['ADMIN', 'SUPERVISOR', 'LEADER'], component: () => import('@/tasks/TasksPage.vue') },
  { key: 'proposals', icon: EditPen, roles: ['ADMIN', 'SUPERVISOR'], component: () => import('@/proposals/ProposalsPage.vue') },
  { key: 'devices', icon: Cellphone, roles: ['ADMIN', 'SUPERVISOR'], component: () => import('@/devices/DevicesPage.vue') },
  // Keys of the house and place labels (GET/POST /api/v1/placecodes/keys are ADMIN-only).
  { key: 'placecodes', icon: Key, roles: ['ADMIN'], component: () => import('@/placecodes/PlaceCodeKeysPage.vue') },
  {
    key: 'forms',
    icon: Tickets,
    roles: ['ADMIN', 'SUPERVISOR'],
    component: () => import('@/forms/FormsPage.vue'),
    children: [{ path: ':formId/versions/:version', name: 'form', component: () => import('@/forms/FormPreviewPage.vue') }],
  },
  {
    key: 'quality',
    icon: DataAnalysis,
    roles: ['ADMIN', 'SUPERVISOR', 'DATA_STEWARD'],
    component: () => import('@/quality/QualityPage.vue'),
  },
  // The data-access log is for administrators only (GET /api/v1/audit/data-access is ADMIN-only).
  { key: 'audit', icon: Stamp, roles: ['ADMIN'], component: () => import('@/audit/AuditPage.vue') },
  { key: 'users', icon: UserFilled, roles: ['ADMIN'], component: () => import('@/users/UsersPage.vue') },
]

export function pagesFor(roles: readonly Role[]): ConsolePage[] {
  return PAGES.filter((page) => page.roles.some((role) => roles.includes(role)))
}
