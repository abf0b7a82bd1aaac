import { describe, expect, it } from 'vitest'
import { fromHex, toHex, utf8 } from './bytes'
import { canonicalize } from './jcs'
import { sm2Verify, sm3 } from './sm'

describe('SM3 (GB/T 32905-2016 Annex A)', () => {
  it('hashes "abc" and "abcd"×16', () => {
    expect(toHex(sm3(utf8('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
    expect(toHex(sm3(utf8('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732')
  })

  it('hashes the empty input to the empty tree root of docs/ledger.md', () => {
    expect(toHex(sm3(new Uint8Array()))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b')
  })
})

describe('SM2 verification (GB/T 32918.5 vector on sm2p256v1, ID 1234567812345678)', () => {
  const point = fromHex(
    '04' +
      '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
      'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  )
  const der = fromHex(
    '3046022100f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3' +
      '022100b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
  )

  it('accepts the standard signature', () => {
    expect(sm2Verify(point, utf8('message digest'), der)).toBe(true)
  })

  it('refuses a changed message, a changed signature and a non-DER encoding', () => {
    expect(sm2Verify(point, utf8('message digesT'), der)).toBe(false)
    const flipped = der.slice()
    flipped[40] = flipped[40]! ^ 0x01
    expect(sm2Verify(point, utf8('message digest'), flipped)).toBe(false)
    const raw = der.slice(5, 37) // r alone, not a DER sequence
    expect(sm2Verify(point, utf8('message digest'), raw)).toBe(false)
  })

  it('refuses a key that is not an uncompressed point', () => {
    expect(sm2Verify(point.subarray(1), utf8('message digest'), der)).toBe(false)
  })
})

describe('JCS (RFC 8785)', () => {
  it('sorts members by UTF-16 code units and writes no whitespace', () => {
    expect(canonicalize({ b: 1, a: [true, null, 'x'], '\u20ac': 0, '\ud83d\ude00': 1, '\ufb33': 2 })).toBe(
      '{"a":[true,null,"x"],"b":1,"\u20ac":0,"\ud83d\ude00":1,"\ufb33":2}',
    )
  })

  it('prints numbers as ECMAScript does and escapes minimally', () => {
    expect(canonicalize([1e21, 1e-7, 0.000001, -0, 86.5, 'é"\\\n\u001f'])).toBe('[1e+21,1e-7,0.000001,0,86.5,"é\\"\\\\\\n\\u001f"]')
  })

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalize([Number.NaN])).toThrow()
    expect(() => canonicalize({ f: () => 1 })).toThrow()
  })
})
