/**
 * The city map's MapLibre style, built here rather than fetched: a plain background and our own vector
 * tiles (`/api/v1/tiles/city/{z}/{x}/{y}.mvt`, every layer in one tile, docs/gis.md), no internet base map and
 * no glyphs or sprites (so no text labels). Zoom bands follow the server's layer registry; asking a
 * layer outside them only costs an empty 204 tile, but drawing within them keeps the map readable.
 */
import type { CircleLayerSpecification, ExpressionSpecification, FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl'

type CirclePaint = NonNullable<CircleLayerSpecification['paint']>

export const MAP_LAYERS = ['regions', 'grids', 'buildings', 'houses', 'events'] as const
export type MapLayer = (typeof MAP_LAYERS)[number]

/** The demo city's civic centre (CGCS2000 ≈ WGS84 at map scale), Shenzhen Futian. */
export const CITY_CENTRE: [number, number] = [114.0596, 22.543]
export const CITY_ZOOM = 12

export function tileUrl(origin: string): string {
  return `${origin}/api/v1/tiles/city/{z}/{x}/{y}.mvt`
}

/** True for requests that must carry the caller's token: tiles depend on the caller's scope. */
export function needsToken(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/api/v1/tiles/`)
}

export const SELECTED_GRID_LAYER = 'grids-selected'

/** The filter of the selected-grid outline: the grid with this code, or none. */
export function selectedGridFilter(code: string | null): FilterSpecification {
  return ['==', ['get', 'code'], code ?? '']
}

/** The states of a field event (grid.event.status), in the order they are worked through. */
export const EVENT_STATES = ['reported', 'dispatched', 'resolved', 'closed'] as const
export type EventState = (typeof EVENT_STATES)[number]

/** Open events are warm colours, finished ones cool; an unknown state is grey. */
export const EVENT_COLOURS: Record<EventState, string> = {
  reported: '#e6a23c',
  dispatched: '#409eff',
  resolved: '#67c23a',
  closed: '#909399',
}
export const OVERDUE_COLOUR = '#f56c6c'
const OPEN_STATES: readonly string[] = ['reported', 'dispatched']

/**
 * Overdue means still open after its `due` time (epoch seconds, docs/gis.md). The tile's own `overdue` is
 * judged when the tile was drawn and a cached tile keeps it, so the map judges `due` against `nowSeconds`.
 */
export function isOverdue(properties: Record<string, unknown>, nowSeconds: number): boolean {
  const due = properties['due']
  return OPEN_STATES.includes(String(properties['status'])) && typeof due === 'number' && due < nowSeconds
}

/** The same rule as a MapLibre expression, with `nowSeconds` fixed when the paint is set. */
export function overdueExpression(nowSeconds: number): ExpressionSpecification {
  return ['all', ['in', ['get', 'status'], ['literal', OPEN_STATES]], ['has', 'due'], ['<', ['to-number', ['get', 'due']], nowSeconds]]
}

export const EVENTS_LAYER = 'events'

/** The events layer's paint at `nowSeconds`: fill by state, a thick red ring and a larger dot when overdue. */
export function eventPaint(nowSeconds: number): CirclePaint {
  const overdue = overdueExpression(nowSeconds)
  return {
    'circle-radius': ['case', overdue, 8, 6],
    // Built from the table so that the legend and the map cannot disagree; the tuple type cannot follow a spread.
    'circle-color': ['match', ['get', 'status'], ...EVENT_STATES.flatMap((s) => [s, EVENT_COLOURS[s]]), '#909399'] as unknown as ExpressionSpecification,
    'circle-stroke-color': ['case', overdue, OVERDUE_COLOUR, '#ffffff'],
    'circle-stroke-width': ['case', overdue, 3, 1.5],
  }
}

const LAYERS: Record<MapLayer, LayerSpecification[]> = {
  regions: [
    {
      id: 'regions-fill',
      type: 'fill',
      source: 'city',
      'source-layer': 'regions',
      paint: { 'fill-color': '#409eff', 'fill-opacity': 0.06 },
    },
    {
      id: 'regions-line',
      type: 'line',
      source: 'city',
      'source-layer': 'regions',
      paint: { 'line-color': '#409eff', 'line-width': 1.5 },
    },
  ],
  grids: [
    {
      // Nearly transparent: it is there so that a click anywhere inside a grid finds the grid.
      id: 'grids-fill',
      type: 'fill',
      source: 'city',
      'source-layer': 'grids',
      minzoom: 12,
      paint: { 'fill-color': '#e6a23c', 'fill-opacity': 0.04 },
    },
    {
      id: 'grids-line',
      type: 'line',
      source: 'city',
      'source-layer': 'grids',
      minzoom: 12,
      paint: { 'line-color': '#e6a23c', 'line-width': 1, 'line-dasharray': [2, 2] },
    },
    {
      // The grid clicked last (see selectGrid), drawn over its dashed outline.
      id: SELECTED_GRID_LAYER,
      type: 'line',
      source: 'city',
      'source-layer': 'grids',
      minzoom: 12,
      filter: selectedGridFilter(null),
      paint: { 'line-color': '#f56c6c', 'line-width': 3 },
    },
  ],
  buildings: [
    {
      id: 'buildings',
      type: 'circle',
      source: 'city',
      'source-layer': 'buildings',
      minzoom: 15,
      paint: { 'circle-radius': 3, 'circle-color': '#909399' },
    },
  ],
  houses: [
    {
      id: 'houses',
      type: 'circle',
      source: 'city',
      'source-layer': 'houses',
      minzoom: 10,
      paint: {
        // Low zooms carry one point per grid and clusters carry `count`; single houses have none.
        'circle-radius': ['interpolate', ['linear'], ['coalesce', ['get', 'count'], 1], 1, 3, 50, 8, 500, 14],
        'circle-color': '#67c23a',
        'circle-opacity': 0.8,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
  ],
  // Above the houses, so that an event at a house is what a click there finds first (see pick.ts).
  events: [
    {
      id: EVENTS_LAYER,
      type: 'circle',
      source: 'city',
      'source-layer': 'events',
      minzoom: 12,
      paint: eventPaint(0),
    },
  ],
}

/** The layer ids drawn for one of our layers (to toggle and to query on click). */
export function layerIds(layer: MapLayer): string[] {
  return LAYERS[layer].map((l) => l.id)
}

/**
 * The style. Without `tiles` (the tile routes are not there) it is the background only, so the map
 * does not fire a failing request per tile.
 */
export function cityStyle(
  origin: string,
  tiles: boolean,
  visible: Readonly<Record<MapLayer, boolean>>,
  nowSeconds = Date.now() / 1000,
): StyleSpecification {
  const background: LayerSpecification = { id: 'background', type: 'background', paint: { 'background-color': '#f4f6f9' } }
  if (!tiles) {
    return { version: 8, sources: {}, layers: [background] }
  }
  const layers = MAP_LAYERS.flatMap((layer) =>
    LAYERS[layer].map((spec) => {
      const paint = spec.id === EVENTS_LAYER ? { paint: eventPaint(nowSeconds) } : {}
      return { ...spec, ...paint, layout: { visibility: visible[layer] ? 'visible' : 'none' } } as LayerSpecification
    }),
  )
  return {
    version: 8,
    sources: { city: { type: 'vector', tiles: [tileUrl(origin)], minzoom: 0, maxzoom: 22 } },
    layers: [background, ...layers],
  }
}

/** What a clicked feature says, as label/value pairs, in the order the server documents its properties. */
const PROPERTY_ORDER = ['name', 'code', 'level', 'address', 'usage', 'floors', 'category', 'status', 'urgency', 'count', 'grid_code', 'community_code', 'id', 'building_id']

export function featureRows(properties: Record<string, unknown>): { key: string; value: string }[] {
  const keys = Object.keys(properties).sort((a, b) => {
    const ia = PROPERTY_ORDER.indexOf(a)
    const ib = PROPERTY_ORDER.indexOf(b)
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b)
  })
  return keys.map((key) => ({ key, value: String(properties[key]) }))
}
