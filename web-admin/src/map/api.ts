import { api } from '@/api'
import type { PersonHit } from '@/people/types'

/** `GET /api/v1/geo/grids/{code}`: one unit grid of the caller's scope. */
export interface GridDetail {
  code: string
  name: string
  communityCode: string
  communityName: string | null
  stats: { houses: number; persons: number; enterprises: number; places: number; openEvents: number; refreshedAt: string | null }
  /** Enabled grid workers whose territory covers the grid; `scope` is the node that covers it. */
  workers: { username: string; displayName: string; scope: string }[]
}

/** A current resident, masked as person search masks (name unless disclosed, ID number always). */
export interface Resident extends PersonHit {
  kind: 'owner' | 'tenant' | 'resident' | 'other'
  since: string | null
}

/** `GET /api/v1/houses/{id}`: the house, its residents (each a logged read) and its latest field records. */
export interface HouseDetail {
  id: number
  address: string
  gridCode: string
  gridName: string
  usage: string | null
  areaM2: string | null
  lon: number
  lat: number
  disclosure: { purpose: string; clear: string[] }
  residents: Resident[]
  visits: { recordId: string; form: string; capturedAt: string; worker: string; workerName: string }[]
}

export const mapApi = {
  grid: (code: string) => api.get<GridDetail>(`/api/v1/geo/grids/${encodeURIComponent(code)}`),
  house: (id: number, purpose: string) => api.get<HouseDetail>(`/api/v1/houses/${id}`, { purpose }),
}
