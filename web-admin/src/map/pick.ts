/**
 * What a click on the city map opens, decided from the features drawn under the pointer (pure, so it is
 * tested without a map): a field event first, then single houses (a building's flats share one point, so
 * there may be many), then the unit grid (its fill, or its per-grid dot at low zooms), else the
 * attributes of whatever was hit.
 */
import { featureRows } from './mapStyle'

/** A rendered feature as MapLibre's queryRenderedFeatures gives it, reduced to what the choice needs. */
export interface HitFeature {
  /** The tile layer (`houses`, `grids`, …), or the style layer's id when there is none. */
  layer: string
  properties: Record<string, unknown>
}

export interface HouseHit {
  id: number
  address: string
}

/** A field event as its tile carries it (docs/gis.md, `events`). */
export interface EventHit {
  id: number
  category: string
  urgency: string
  status: string
  gridCode: string | null
  /** The signed field record the event came from, when it came from one. */
  recordId: string | null
  /** Epoch seconds after which an open event is overdue, when the tile says. */
  due: number | null
}

export type MapPick =
  | { kind: 'event'; event: EventHit }
  | { kind: 'houses'; houses: HouseHit[] }
  | { kind: 'grid'; code: string }
  | { kind: 'feature'; layer: string; rows: { key: string; value: string }[] }

/** A unit grid code: 15 digits (district 6, street 3, community 3, grid 3). */
const GRID_CODE = /^[0-9]{15}$/

export function pickTarget(features: readonly HitFeature[]): MapPick | null {
  // An event is a small dot drawn over everything else: when the pointer is on one, that is what was meant.
  const event = features.find((f) => f.layer === 'events' && typeof f.properties['id'] === 'number')
  if (event) {
    return { kind: 'event', event: eventOf(event.properties) }
  }
  const houses = new Map<number, HouseHit>()
  for (const f of features) {
    // From z 16 a house is a point of its own with its id; below, points carry a count (a grid or a cluster).
    const id = f.properties['id']
    if (f.layer === 'houses' && typeof id === 'number' && f.properties['count'] === undefined) {
      houses.set(id, { id, address: String(f.properties['address'] ?? `#${id}`) })
    }
  }
  if (houses.size > 0) {
    return { kind: 'houses', houses: [...houses.values()].sort((a, b) => a.address.localeCompare(b.address, 'zh-CN') || a.id - b.id) }
  }
  const code = features.map(gridCodeOf).find((c) => c !== null)
  if (code) {
    return { kind: 'grid', code }
  }
  const first = features[0]
  return first ? { kind: 'feature', layer: first.layer, rows: featureRows(first.properties) } : null
}

function eventOf(p: Record<string, unknown>): EventHit {
  const text = (key: string) => (p[key] === undefined || p[key] === null ? '' : String(p[key]))
  return {
    id: Number(p['id']),
    category: text('category'),
    urgency: text('urgency'),
    status: text('status'),
    gridCode: text('grid_code') || null,
    recordId: text('record_id') || null,
    due: typeof p['due'] === 'number' ? p['due'] : null,
  }
}

function gridCodeOf(f: HitFeature): string | null {
  const value = f.layer === 'grids' ? f.properties['code'] : f.layer === 'houses' ? f.properties['grid_code'] : undefined
  return typeof value === 'string' && GRID_CODE.test(value) ? value : null
}

/** Where the map opens: `?lon=&lat=&zoom=` (CGCS2000, zoom 0–22) when all three are there and sane, else null. */
export function viewFromQuery(query: Record<string, unknown>): { center: [number, number]; zoom: number } | null {
  const [lon, lat, zoom] = ['lon', 'lat', 'zoom'].map((k) => {
    const raw = query[k]
    return typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN
  }) as [number, number, number]
  if (![lon, lat, zoom].every(Number.isFinite) || Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) {
    return null
  }
  return { center: [lon, lat], zoom }
}
