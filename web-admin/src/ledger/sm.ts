import { sha256 } from '@noble/hashes/sha2.js'
import { sm2, sm3 as sm3Hex } from 'sm-crypto'
import { fromHex, toHex } from './bytes'

/** SM3 (GB/T 32905) of bytes. */
export function sm3(data: Uint8Array): Uint8Array {
  return fromHex(sm3Hex(Array.from(data)))
}

export function sha256Of(data: Uint8Array): Uint8Array {
  return sha256(data)
}

/** The user ID every CityGrid SM2 signature uses (docs/ledger.md §2). */
export const SM2_USER_ID = '1234567812345678'

/**
 * SM3withSM2 verification: `point` is the uncompressed public point (0x04 ‖ x ‖ y, 65 bytes),
 * `signature` the DER SEQUENCE { r, s } (non-DER encodings are refused).
 */
export function sm2Verify(point: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (point.length !== 65 || point[0] !== 0x04) {
    return false
  }
  return sm2.doVerifySignature(Array.from(message), toHex(signature), toHex(point), {
    der: true,
    hash: true,
    userId: SM2_USER_ID,
  })
}
