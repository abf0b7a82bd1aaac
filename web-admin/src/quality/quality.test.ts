import { describe, expect, it } from 'vitest'
import type { QualityMetrics, Rate } from './api'
import { metricRows, verdict } from './metrics'
import { nextStatuses } from './workOrders'

const rate = (part: number, whole: number): Rate => ({ rate: whole === 0 ? null : part / whole, part, whole })

describe('verdict', () => {
  it('meets the target at exactly 90 % and misses it just below', () => {
    expect(verdict(0.9, 0.9)).toBe('met')
    expect(verdict(0.8999, 0.9)).toBe('missed')
  })

  it('calls a rate with nothing counted unknown, never a pass', () => {
    expect(verdict(null, 0.9)).toBe('unknown')
    expect(verdict(undefined, 0.9)).toBe('unknown')
  })
})

describe('metricRows', () => {
  const metrics: QualityMetrics = {
    target: 0.9,
    overall: { standardisation: rate(95, 100), validity: rate(9, 10), completeness: rate(8, 10), freshness: rate(0, 0), sharing: rate(1, 1), rows: 10 },
    sources: [
      {
        source: 'gongan_hukou',
        department: '公安',
        title: '公安户籍',
        standardisation: rate(1, 2),
        validity: rate(1, 2),
        completeness: rate(2, 2),
        freshness: rate(2, 2),
        sharing: rate(0, 2),
        rows: 2,
      },
    ],
  }

  it('puts the overall row first, then each source, counting the metrics below target', () => {
    const rows = metricRows(metrics, 'overall')
    expect(rows.map((r) => r.key)).toEqual(['overall', 'gongan_hukou'])
    expect(rows[0]?.missed).toBe(1)
    expect(rows[0]?.cells.freshness.verdict).toBe('unknown')
    expect(rows[1]?.missed).toBe(3)
    expect(rows[1]?.department).toBe('公安')
  })
})

describe('nextStatuses', () => {
  it('follows the server transitions', () => {
    expect(nextStatuses('open', true)).toEqual(['in_progress'])
    expect(nextStatuses('in_progress', true)).toEqual(['fixed', 'rejected'])
    expect(nextStatuses('verified', true)).toEqual([])
  })

  it('offers verification only to those who may verify', () => {
    expect(nextStatuses('fixed', true)).toEqual(['verified', 'in_progress'])
    expect(nextStatuses('fixed', false)).toEqual(['in_progress'])
  })
})
