/**
 * RFC 9162 §2.1 Merkle tree hashing and inclusion proof verification (§2.1.3.2), with the hash the
 * caller gives: SM3 for the CityGrid log (docs/ledger.md §5), SHA-256 for the RFC 6962 test vectors.
 * Indexes and sizes are bigint: JavaScript's bit operators stop at 32 bits, logs need not.
 */
import { concat } from './bytes'

export interface TreeHasher {
  readonly size: number
  leaf(data: Uint8Array): Uint8Array
  node(left: Uint8Array, right: Uint8Array): Uint8Array
}

export function treeHasher(hash: (data: Uint8Array) => Uint8Array, size = 32): TreeHasher {
  return {
    size,
    leaf: (data) => hash(concat(Uint8Array.of(0x00), data)),
    node: (left, right) => hash(concat(Uint8Array.of(0x01), left, right)),
  }
}

export class ProofError extends Error {}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length
}

function popCount(x: bigint): number {
  return [...x.toString(2)].filter((c) => c === '1').length
}

/** The exact length of the inclusion proof for leaf `index` in a tree of `size` leaves (docs/ledger.md §5). */
export function inclusionProofLength(index: bigint, size: bigint): number {
  const inner = bitLength(index ^ (size - 1n))
  return inner + popCount(index >> BigInt(inner))
}

/**
 * The root that `proof` leads to from `leafHash` at `index` in a tree of `size`; the caller compares
 * it with the root it trusts. Preconditions are checked first, each failure says got/want.
 */
export function rootFromInclusionProof(
  hasher: TreeHasher,
  index: bigint,
  size: bigint,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  if (index < 0n || index >= size) {
    throw new ProofError(`leaf index ${index} is outside a tree of size ${size}`)
  }
  if (leafHash.length !== hasher.size) {
    throw new ProofError(`leaf hash has ${leafHash.length} bytes, want ${hasher.size}`)
  }
  const want = inclusionProofLength(index, size)
  if (proof.length !== want) {
    throw new ProofError(`proof has ${proof.length} hashes, want ${want}`)
  }
  let fn = index
  let sn = size - 1n
  let r = leafHash
  proof.forEach((p, i) => {
    if (sn === 0n) {
      throw new ProofError('proof goes on past the root')
    }
    if (p.length !== hasher.size) {
      throw new ProofError(`proof hash ${i} has ${p.length} bytes, want ${hasher.size}`)
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = hasher.node(p, r)
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n
        sn >>= 1n
      }
    } else {
      r = hasher.node(r, p)
    }
    fn >>= 1n
    sn >>= 1n
  })
  if (sn !== 0n) {
    throw new ProofError('proof ends below the root')
  }
  return r
}
