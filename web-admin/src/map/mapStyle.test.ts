import { describe, expect, it } from 'vitest'
import { cityStyle, featureRows, layerIds, needsToken, SELECTED_GRID_LAYER, selectedGridFilter, tileUrl } from './mapStyle'

const ALL = { regions: true, grids: true, buildings: true, houses: true }

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
    expect(new Set(sourceLayers)).toEqual(new Set(['regions', 'grids', 'buildings', 'houses']))
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
