import { describe, expect, it } from 'vitest'
import { lastPage, pagingFromQuery } from './paging'

describe('pagingFromQuery', () => {
  it('reads page and size from the URL', () => {
    expect(pagingFromQuery({ page: '3', size: '50' })).toEqual({ page: 3, size: 50 })
  })

  it('falls back to page 1 and size 20 for missing or odd values', () => {
    expect(pagingFromQuery({})).toEqual({ page: 1, size: 20 })
    expect(pagingFromQuery({ page: '0', size: '7' })).toEqual({ page: 1, size: 20 })
    expect(pagingFromQuery({ page: 'x', size: '1e3' })).toEqual({ page: 1, size: 20 })
    expect(pagingFromQuery({ page: ['2', '5'], size: null })).toEqual({ page: 2, size: 20 })
  })
})

describe('lastPage', () => {
  it('is the page holding the last item, and 1 for none', () => {
    expect(lastPage(0, 20)).toBe(1)
    expect(lastPage(20, 20)).toBe(1)
    expect(lastPage(21, 20)).toBe(2)
  })
})
