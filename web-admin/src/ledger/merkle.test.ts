import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import { equalBytes, fromBase64, fromHex, toHex } from './bytes'
import { inclusionProofLength, rootFromInclusionProof, treeHasher, ProofError } from './merkle'
import { sm3 } from './sm'

/** The protocol module's vectors: one source of truth for Java, the phone and the browser. */
const VECTORS = new URL('../../../offline-sync/protocol/src/test/resources/vectors/', import.meta.url).pathname

interface Probe {
  leafIdx: number
  treeSize: number
  root: string | null
  leafHash: string | null
  proof: string[] | null
  desc: string
  wantErr: boolean
}

function probes(): { file: string; probe: Probe }[] {
  const dir = join(VECTORS, 'merkle-transparency-dev-testdata/testdata/inclusion')
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, probe: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Probe }))
}

/** True when the proof leads to the probe's root; false (or a ProofError) when it must not. */
function accepts(probe: Probe): boolean {
  const b64 = (s: string | null) => (s === null ? new Uint8Array() : fromBase64(s))
  try {
    const root = rootFromInclusionProof(
      treeHasher(sha256),
      BigInt(probe.leafIdx),
      BigInt(probe.treeSize),
      b64(probe.leafHash),
      (probe.proof ?? []).map(b64),
    )
    return equalBytes(root, b64(probe.root))
  } catch (error) {
    expect(error).toBeInstanceOf(ProofError)
    return false
  }
}

describe('inclusion proofs (RFC 9162 layout)', () => {
  const all = probes()

  it('reads the transparency-dev probes', () => {
    expect(all.length).toBeGreaterThan(40)
    expect(all.filter((p) => !p.probe.wantErr).length).toBeGreaterThan(3)
  })

  it.each(all.map((p) => [p.file, p.probe] as const))('%s: accepted only when it should be', (_file, probe) => {
    expect(accepts(probe)).toBe(!probe.wantErr)
  })

  it('reproduces the CityGrid SM3 vector (leaf 5 of 8) from the protocol module', () => {
    const sm3Lines = readFileSync(join(VECTORS, 'merkle-sm3-citygrid.txt'), 'utf8').split('\n')
    const leaves = readFileSync(join(VECTORS, 'merkle-rfc6962-sha256.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^leaf \d = /.test(l))
      .map((l) => l.split(' = ')[1]!)
    const hasher = treeHasher(sm3)
    const root8 = sm3Lines.find((l) => l.startsWith('root 8 '))!.split(/\s+/)[2]!
    const proof = sm3Lines.find((l) => l.startsWith('incl 5 8 '))!.split(' ')[3]!.split(',').map(fromHex)
    const leaf5 = hasher.leaf(leaves[5] === '-' ? new Uint8Array() : fromHex(leaves[5]!))
    expect(toHex(rootFromInclusionProof(hasher, 5n, 8n, leaf5, proof))).toBe(root8)

    const flipped = proof.map((p, i) => (i === 1 ? p.map((b, j) => (j === 4 ? b ^ 0x08 : b)) : p))
    expect(toHex(rootFromInclusionProof(hasher, 5n, 8n, leaf5, flipped))).not.toBe(root8)
  })

  it('states the exact proof length, and refuses any other', () => {
    expect(inclusionProofLength(5n, 8n)).toBe(3)
    expect(inclusionProofLength(3n, 5n)).toBe(3)
    expect(inclusionProofLength(4n, 5n)).toBe(1)
    expect(inclusionProofLength(0n, 1n)).toBe(0)
    const leaf = new Uint8Array(32)
    expect(() => rootFromInclusionProof(treeHasher(sm3), 4n, 5n, leaf, [leaf, leaf])).toThrow('proof has 2 hashes, want 1')
    expect(() => rootFromInclusionProof(treeHasher(sm3), 5n, 5n, leaf, [])).toThrow('outside a tree of size 5')
  })

  it('works past 32 bits of index', () => {
    const size = 2n ** 40n + 3n
    expect(inclusionProofLength(size - 1n, size)).toBe(2)
  })
})
