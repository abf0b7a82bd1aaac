import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PROGRESS_DELAY_MS, busy, trackActivity } from './progress'

describe('progress indicator', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('stays hidden for requests quicker than the delay', () => {
    trackActivity(1)
    vi.advanceTimersByTime(PROGRESS_DELAY_MS - 1)
    trackActivity(-1)
    vi.advanceTimersByTime(PROGRESS_DELAY_MS)
    expect(busy.value).toBe(false)
  })

  it('shows while any slow request runs and hides when the last one ends', () => {
    trackActivity(1)
    trackActivity(1)
    vi.advanceTimersByTime(PROGRESS_DELAY_MS)
    expect(busy.value).toBe(true)
    trackActivity(-1)
    expect(busy.value).toBe(true)
    trackActivity(-1)
    expect(busy.value).toBe(false)
  })
})
