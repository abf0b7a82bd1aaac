import { describe, expect, it } from 'vitest'
import { cityStyle, EVENT_COLOURS, EVENTS_LAYER, featureRows, isOverdue, layerIds, needsToken, overdueExpression, SELECTED_GRID_LAYER, selectedGridFilter, tileUrl } from './mapStyle'

const ALL = { regions: true, grids: true, buildings: true, houses: true, events: true }

describe('cityStyle', () => {
  it('draws our own composite tiles and nothing from the internet', () => {
    const style = cityStyle('https://grid.example', true, ALL)
    expect(style.sources).toEqual({ city: { type: 'vector', tiles: ['https://grid.example/api/v1/tiles/city/{z}/{x}/{y}.mvt'], minzoom: 0, maxzoom: 22 } })
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
  })

  it('reads each layer from the tile layer of the same name', () => {
    const style = cityStyle('', true, ALL)
    const sourceLayers = style.layers.filter((l) => 'source-layer' in l).map((l) => (l as { 'source-layer': string })['source-layer'])
    expect(new Set(sourceLayers)).toEqual(new Set(['regions', 'grids', 'buildings', 'houses', 'events']))
  })

  it('hides a layer the user switched off without removing it', () => {
    const style = cityStyle('', true, { ...ALL, houses: false })
    const houses = style.layers.find((l) => l.id === 'houses')
    expect(houses?.layout).toEqual({ visibility: 'none' })
    expect(style.layers.find((l) => l.id === 'grids-line')?.layout).toEqual({ visibility: 'visible' })
  })

  it('is the background only when the tile routes are not there', () => {
    const style = cityStyle('', false, ALL)
    expect(style.sources).toEqual({})
    expect(style.layers.map((l) => l.id)).toEqual(['background'])
  })
})

describe('needsToken', () => {
  it('adds the token to our tiles only', () => {
    expect(needsToken('https://grid.example/api/v1/tiles/city/1/2/3.mvt', 'https://grid.example')).toBe(true)
    expect(needsToken('https://evil.example/api/v1/tiles/city/1/2/3.mvt', 'https://grid.example')).toBe(false)
    expect(needsToken(tileUrl('https://grid.example'), 'https://grid.example')).toBe(true)
  })
})

describe('layerIds and featureRows', () => {
  it('names the drawn layers of each of our layers', () => {
    expect(layerIds('regions')).toEqual(['regions-fill', 'regions-line'])
    expect(layerIds('grids')).toEqual(['grids-fill', 'grids-line', SELECTED_GRID_LAYER])
  })

  it('outlines only the selected grid, and none before a click', () => {
    const selected = cityStyle('', true, ALL).layers.find((l) => l.id === SELECTED_GRID_LAYER)
    expect(selected && 'filter' in selected ? selected.filter : undefined).toEqual(['==', ['get', 'code'], ''])
    expect(selectedGridFilter('440304001019002')).toEqual(['==', ['get', 'code'], '440304001019002'])
  })

  it('lists names and codes first', () => {
    expect(featureRows({ grid_code: '440304', count: 3, name: '福田' }).map((r) => r.key)).toEqual(['name', 'count', 'grid_code'])
  })
})

describe('the events layer', () => {
  const NOW = 1_800_000_000
  const eventsLayer = (now: number) => cityStyle('', true, ALL, now).layers.find((l) => l.id === EVENTS_LAYER)

  it('draws the events tile layer above the houses, from zoom 12 as the server serves it', () => {
    const ids = cityStyle('', true, ALL, NOW).layers.map((l) => l.id)
    expect(ids.indexOf(EVENTS_LAYER)).toBeGreaterThan(ids.indexOf('houses'))
    expect(eventsLayer(NOW)).toMatchObject({ type: 'circle', 'source-layer': 'events', minzoom: 12 })
    expect(layerIds('events')).toEqual([EVENTS_LAYER])
  })

  it('colours each state from the legend table', () => {
    const paint = (eventsLayer(NOW) as { paint: Record<string, unknown> }).paint
    expect(paint['circle-color']).toEqual(['match', ['get', 'status'], 'reported', EVENT_COLOURS.reported, 'dispatched', EVENT_COLOURS.dispatched,
      'resolved', EVENT_COLOURS.resolved, 'closed', EVENT_COLOURS.closed, '#909399'])
  })

  it('judges overdue against the clock it is given, not the flag the tile was drawn with', () => {
    const paint = (eventsLayer(NOW) as { paint: Record<string, unknown> }).paint
    expect(paint['circle-stroke-color']).toEqual(['case', overdueExpression(NOW), '#f56c6c', '#ffffff'])
    expect(overdueExpression(NOW)).toContainEqual(['<', ['to-number', ['get', 'due']], NOW])
    // A tile cached before the event fell due still says overdue: false; `due` decides.
    expect(isOverdue({ status: 'reported', due: NOW - 1, overdue: false }, NOW)).toBe(true)
    expect(isOverdue({ status: 'dispatched', due: NOW + 1, overdue: true }, NOW)).toBe(false)
  })

  it('never calls a resolved or closed event overdue, nor one without a due time', () => {
    expect(isOverdue({ status: 'resolved', due: NOW - 3600 }, NOW)).toBe(false)
    expect(isOverdue({ status: 'closed', due: NOW - 3600 }, NOW)).toBe(false)
    expect(isOverdue({ status: 'reported' }, NOW)).toBe(false)
    expect(overdueExpression(NOW)[1]).toEqual(['in', ['get', 'status'], ['literal', ['reported', 'dispatched']]])
  })

  it('can be switched off like the others', () => {
    expect(cityStyle('', true, { ...ALL, events: false }, NOW).layers.find((l) => l.id === EVENTS_LAYER)?.layout).toEqual({ visibility: 'none' })
  })
})
