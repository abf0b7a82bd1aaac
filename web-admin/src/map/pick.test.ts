import { describe, expect, it } from 'vitest'
import { pickTarget, viewFromQuery, type HitFeature } from './pick'

const GRID = '440304001019002'
const grid: HitFeature = { layer: 'grids', properties: { code: GRID, name: '莲花一网格', community_code: '440304001019' } }
const region: HitFeature = { layer: 'regions', properties: { code: '440304001', name: '莲花街道', level: 4 } }
const flat = (id: number, address: string): HitFeature => ({ layer: 'houses', properties: { id, address, grid_code: GRID, usage: '住宅' } })

describe('pickTarget', () => {
  it('opens the event under the pointer before the house and grid beneath it', () => {
    const event: HitFeature = { layer: 'events', properties: { id: 5, category: 'municipal', urgency: 'urgent', status: 'reported', grid_code: GRID, record_id: 'ab12', overdue: false, due: 1_800_000_000 } }
    expect(pickTarget([event, flat(7, '莲花路 1 号 101'), grid])).toEqual({
      kind: 'event',
      event: { id: 5, category: 'municipal', urgency: 'urgent', status: 'reported', gridCode: GRID, recordId: 'ab12', due: 1_800_000_000 },
    })
  })

  it('gives an event made without a field record no record to link to', () => {
    const event: HitFeature = { layer: 'events', properties: { id: 6, category: 'other', urgency: 'normal', status: 'closed' } }
    const pick = pickTarget([event])
    expect(pick?.kind === 'event' && pick.event.recordId).toBeNull()
  })

  it('opens the house when one house is under the pointer, over its grid and region', () => {
    expect(pickTarget([flat(7, '莲花路 1 号 101'), grid, region])).toEqual({ kind: 'houses', houses: [{ id: 7, address: '莲花路 1 号 101' }] })
  })

  it('lists the flats of a building that share one point, each once, by address', () => {
    const pick = pickTarget([flat(9, '莲花路 1 号 201'), flat(7, '莲花路 1 号 101'), flat(9, '莲花路 1 号 201'), grid])
    expect(pick).toEqual({ kind: 'houses', houses: [{ id: 7, address: '莲花路 1 号 101' }, { id: 9, address: '莲花路 1 号 201' }] })
  })

  it('takes a cluster of houses (it has a count, not an id) for the grid it lies in', () => {
    expect(pickTarget([{ layer: 'houses', properties: { count: 12 } }, grid])).toEqual({ kind: 'grid', code: GRID })
  })

  it("opens the grid from a low zoom's per-grid dot", () => {
    expect(pickTarget([{ layer: 'houses', properties: { grid_code: GRID, name: '莲花一网格', count: 96 } }, region]))
      .toEqual({ kind: 'grid', code: GRID })
  })

  it('shows the attributes of anything else, and nothing for an empty spot', () => {
    const pick = pickTarget([region])
    expect(pick?.kind).toBe('feature')
    expect(pick?.kind === 'feature' && pick.rows.map((r) => r.key)).toEqual(['name', 'code', 'level'])
    expect(pickTarget([])).toBeNull()
  })

  it('ignores a grid code that is not one (a region code in the grids layer is not a grid)', () => {
    expect(pickTarget([{ layer: 'grids', properties: { code: '440304' } }])?.kind).toBe('feature')
  })
})

describe('viewFromQuery', () => {
  it('opens the map where the link says', () => {
    expect(viewFromQuery({ lon: '114.0579', lat: '22.5431', zoom: '17' })).toEqual({ center: [114.0579, 22.5431], zoom: 17 })
  })

  it('ignores a partial or impossible view', () => {
    expect(viewFromQuery({ lon: '114.0579', lat: '22.5431' })).toBeNull()
    expect(viewFromQuery({ lon: '114', lat: '95', zoom: '10' })).toBeNull()
    expect(viewFromQuery({ lon: 'east', lat: '22', zoom: '10' })).toBeNull()
    expect(viewFromQuery({ lon: '114', lat: '22', zoom: '30' })).toBeNull()
    expect(viewFromQuery({ lon: ['114'], lat: '22', zoom: '3' })).toBeNull()
  })
})
