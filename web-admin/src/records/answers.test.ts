import { describe, expect, it } from 'vitest'
import { answerRows, formatSize } from './answers'

describe('answerRows', () => {
  it('lists answers in payload order, nested values as JSON, without the client id', () => {
    expect(answerRows({ clientId: 'x', houseId: '12', members: [{ age: 3 }], note: null, ok: true })).toEqual([
      { field: 'houseId', value: '12' },
      { field: 'members', value: '[{"age":3}]' },
      { field: 'note', value: '—' },
      { field: 'ok', value: 'true' },
    ])
  })
})

describe('formatSize', () => {
  it('uses bytes, KiB and MiB', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(12345)).toBe('12.1 KiB')
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MiB')
  })
})
