import { describe, expect, it } from 'vitest'
import { filterErrors, filtersFromQuery, listQuery } from './list'

describe('record list filters', () => {
  it('reads the URL, dropping blanks', () => {
    expect(filtersFromQuery({ grid: ' 440304 ', worker: '', form: 'event-report', page: '2' })).toEqual({
      grid: '440304',
      worker: undefined,
      form: 'event-report',
      from: undefined,
      to: undefined,
    })
  })

  it('turns Beijing days into UTC instants, the last day included', () => {
    expect(listQuery({ from: '2026-11-27', to: '2026-11-27' })).toMatchObject({ from: '2026-11-26T16:00:00Z', to: '2026-11-27T16:00:00Z' })
    expect(listQuery({ to: '2026-12-31' }).to).toBe('2026-12-31T16:00:00Z')
    expect(listQuery({ from: '2026-03-01' }).from).toBe('2026-02-28T16:00:00Z')
  })

  it('passes a malformed date on as typed, for the server to refuse', () => {
    expect(listQuery({ from: 'yesterday' }).from).toBe('yesterday')
  })
})

describe('filterErrors', () => {
  it('puts the server messages on the filters and both date errors on the range', () => {
    const problem = {
      type: 'urn:citygrid:problem:validation',
      title: '请求有误',
      status: 400,
      errors: [
        { field: 'grid', code: 'type', message: '应为区划或网格编码' },
        { field: 'from', code: 'type', message: '应为 UTC 时间' },
      ],
    }
    expect(filterErrors(problem)).toEqual({ grid: '应为区划或网格编码', worker: undefined, form: undefined, days: '应为 UTC 时间', rest: null })
  })
})
