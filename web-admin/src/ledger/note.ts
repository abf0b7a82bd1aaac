/**
 * C2SP signed notes and tlog checkpoints with CityGrid's SM2 signature types (docs/ledger.md §6):
 * parsing, key hashes, the log's signature and witness cosignatures.
 */
import { concat, equalBytes, fromBase64, utf8 } from './bytes'
import { sha256Of, sm2Verify } from './sm'

const NOTE_TYPE = concat(Uint8Array.of(0xff), utf8('citygrid/sm2-sm3-note/v1'))
const COSIGNATURE_TYPE = concat(Uint8Array.of(0xff), utf8('citygrid/sm2-sm3-cosignature/v1'))

export interface NoteSignature {
  keyName: string
  keyHash: Uint8Array
  /** The bytes after the key hash. */
  signature: Uint8Array
}

export interface SignedNote {
  /** The signed text: every body line with its newline, without the blank line. */
  body: string
  signatures: NoteSignature[]
}

export interface Checkpoint {
  origin: string
  size: bigint
  root: Uint8Array
  /** The `timestamp` extension line (log signing time), if there is one. */
  timestamp: Date | null
}

export class NoteError extends Error {}

export function parseSignedNote(note: string): SignedNote {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) {
    throw new NoteError('the note contains control characters')
  }
  const split = note.lastIndexOf('\n\n')
  if (split < 0 || !note.endsWith('\n')) {
    throw new NoteError('the note has no blank line before its signatures')
  }
  const lines = note.slice(split + 2, -1).split('\n')
  if (lines.length > 64) {
    throw new NoteError(`${lines.length} signature lines, at most 64 accepted`)
  }
  const signatures = lines.map((line) => {
    const [, keyName, base64] = /^\u2014 ([^\s+]+) (\S+)$/.exec(line) ?? []
    if (keyName === undefined || base64 === undefined) {
      throw new NoteError(`malformed signature line: ${line}`)
    }
    const bytes = fromBase64(base64)
    if (bytes.length < 5) {
      throw new NoteError(`signature of ${keyName} is too short`)
    }
    return { keyName, keyHash: bytes.subarray(0, 4), signature: bytes.subarray(4) }
  })
  return { body: note.slice(0, split + 1), signatures }
}

export function parseCheckpoint(body: string): Checkpoint {
  const lines = body.slice(0, -1).split('\n')
  const [origin, size, root, ...extensions] = lines
  if (!origin || !size || !root || !body.endsWith('\n')) {
    throw new NoteError('a checkpoint has at least origin, size and root lines')
  }
  if (!/^(0|[1-9][0-9]*)$/.test(size)) {
    throw new NoteError(`tree size "${size}" is not a decimal number`)
  }
  const rootBytes = fromBase64(root)
  if (rootBytes.length !== 32) {
    throw new NoteError(`root has ${rootBytes.length} bytes, want 32`)
  }
  const stamps = extensions.filter((line) => line.startsWith('timestamp '))
  if (stamps.length > 1 || extensions.some((line) => line === '')) {
    throw new NoteError('more than one timestamp line, or an empty extension line')
  }
  const millis = stamps[0]?.slice('timestamp '.length)
  if (millis !== undefined && !/^(0|[1-9][0-9]*)$/.test(millis)) {
    throw new NoteError(`timestamp "${millis}" is not a number`)
  }
  return {
    origin,
    size: BigInt(size),
    root: rootBytes,
    timestamp: millis === undefined ? null : new Date(Number(millis)),
  }
}

/** SHA-256(name ‖ 0x0a ‖ type ‖ SPKI DER)[0..4): names a key in a signature line. */
export function keyHash(keyName: string, type: 'note' | 'cosignature', spki: Uint8Array): Uint8Array {
  const typeBytes = type === 'note' ? NOTE_TYPE : COSIGNATURE_TYPE
  return sha256Of(concat(utf8(keyName), Uint8Array.of(0x0a), typeBytes, spki)).subarray(0, 4)
}

export interface NoteKey {
  name: string
  /** Canonical SubjectPublicKeyInfo DER. */
  spki: Uint8Array
  /** Its uncompressed SM2 point. */
  point: Uint8Array
}

function linesOf(note: SignedNote, key: NoteKey, type: 'note' | 'cosignature'): NoteSignature[] {
  const hash = keyHash(key.name, type, key.spki)
  return note.signatures.filter((s) => s.keyName === key.name && equalBytes(s.keyHash, hash))
}

/**
 * The log's signature lines (name and key hash both match) and whether every one verifies.
 * Lines of other keys are ignored, as signed-note asks.
 */
export function verifyLogSignature(note: SignedNote, key: NoteKey): { lines: number; valid: boolean } {
  const lines = linesOf(note, key, 'note')
  const valid = lines.length > 0 && lines.every((s) => sm2Verify(key.point, utf8(note.body), s.signature))
  return { lines: lines.length, valid }
}

/** A witness's cosignature: its time if it verifies, null if it is absent, 'invalid' if it does not. */
export function verifyCosignature(note: SignedNote, key: NoteKey): Date | null | 'invalid' {
  const lines = linesOf(note, key, 'cosignature')
  if (lines.length === 0) {
    return null
  }
  let time: Date | null = null
  for (const line of lines) {
    if (line.signature.length < 9) {
      return 'invalid'
    }
    const seconds = new DataView(line.signature.buffer, line.signature.byteOffset, 8).getBigUint64(0)
    const text = `cosignature/v1\ntime ${seconds}\n${note.body}`
    if (!sm2Verify(key.point, utf8(text), line.signature.subarray(8))) {
      return 'invalid'
    }
    time = new Date(Number(seconds) * 1000)
  }
  return time
}
