/**
 * The record check the browser runs (docs/ledger.md §9, minus the consistency step): from the
 * record as the log holds it, its device and CA certificates, a receipt against the latest
 * checkpoint and the log's public key, it recomputes everything itself — SM3, SM2, the Merkle path —
 * and trusts no hash or verdict from the server. Each step reports what it checked; a step whose
 * input failed earlier is skipped, never guessed.
 */
import { equalBytes, fromBase64, fromHex, toHex, utf8 } from './bytes'
import { parseCertificate, pemToDer, sm2PointOfSpki, type Certificate } from './der'
import { canonicalize } from './jcs'
import { rootFromInclusionProof, treeHasher } from './merkle'
import {
  parseCheckpoint,
  parseSignedNote,
  verifyCosignature,
  verifyLogSignature,
  type Checkpoint,
  type NoteKey,
  type SignedNote,
} from './note'
import { sm2Verify, sm3 } from './sm'
import type { LogEntry, Receipt } from './types'

export const CHECK_IDS = [
  'recordId',
  'certificate',
  'device',
  'signature',
  'leaf',
  'checkpointSignature',
  'cosignatures',
  'inclusion',
  'timing',
  'latest',
] as const
export type CheckId = (typeof CHECK_IDS)[number]

export type Reason =
  | 'mismatch'
  | 'malformed'
  | 'bad-signature'
  | 'not-valid-at'
  | 'no-key-line'
  | 'captured-after-received'
  | 'received-after-checkpoint'
  | 'no-timestamp'
  | 'not-latest'
  | 'missing-cosignature'

export interface Check {
  id: CheckId
  status: 'ok' | 'fail' | 'skip'
  /** Parameters for the step's message: what was compared, in hex, sizes and times. */
  facts: Record<string, string>
  reason?: Reason
  /** The parser's own words when an input could not be read. */
  error?: string
}

export interface RecordCheckInput {
  entry: LogEntry
  deviceCertificate: string
  caCertificate: string
  receipt: Receipt
  /** The latest signed checkpoint note (GET /api/v1/ledger/checkpoint). */
  latestCheckpoint: string
  logKey: { keyName: string; publicKey: string }
  witnessKeys: readonly { name: string; publicKey: string }[]
  skewMs?: number
}

const SM3_TREE = treeHasher(sm3)
const DEFAULT_SKEW_MS = 5 * 60 * 1000

/** Runs every step; never throws (a step that cannot read its input fails with the reason). */
export function checkRecord(input: RecordCheckInput): Check[] {
  return new RecordCheck(input).run()
}

export function allPassed(checks: readonly Check[]): boolean {
  return checks.length > 0 && checks.every((c) => c.status === 'ok')
}

function iso(date: Date): string {
  return date.toISOString()
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function noteKey(name: string, pem: string): NoteKey {
  const spki = pemToDer(pem, 'PUBLIC KEY')
  return { name, spki, point: sm2PointOfSpki(spki) }
}

type Outcome = Omit<Check, 'id'>

class RecordCheck {
  private readonly checks: Check[] = []
  private readonly skew: number

  constructor(private readonly input: RecordCheckInput) {
    this.skew = input.skewMs ?? DEFAULT_SKEW_MS
  }

  run(): Check[] {
    this.step('recordId', () => this.recordId())
    const device = this.step('certificate', () => this.certificate())
    this.step('device', device && (() => this.deviceMatches(device)))
    this.step('signature', device && (() => this.signature(device)))
    const leafHash = this.step('leaf', () => this.leaf())
    const signed = this.step('checkpointSignature', () => this.checkpointSignature())
    this.step('cosignatures', signed && (() => this.cosignatures(signed.note)))
    this.step('inclusion', leafHash && signed && (() => this.inclusion(leafHash, signed.checkpoint)))
    this.step('timing', signed && (() => this.timing(signed.checkpoint)))
    this.step('latest', signed && (() => this.latest(signed)))
    return this.checks
  }

  /**
   * Runs one step and records its outcome. `body` is null when an input it needs could not be read
   * earlier: the step is skipped. Returns what the step read for later steps (null if it could not).
   */
  private step<T>(id: CheckId, body: (() => [Outcome, T] | Outcome) | null | undefined): T | null {
    if (!body) {
      this.checks.push({ id, status: 'skip', facts: {} })
      return null
    }
    try {
      const result = body()
      const [outcome, value] = Array.isArray(result) ? result : [result, null]
      this.checks.push({ id, ...outcome })
      return value
    } catch (error) {
      this.checks.push({ id, status: 'fail', facts: {}, reason: 'malformed', error: errorText(error) })
      return null
    }
  }

  private get record() {
    return this.input.entry.record
  }

  private recordId(): Outcome {
    const computed = toHex(sm3(utf8(canonicalize(this.record.payload))))
    const facts = { computed, claimed: this.record.recordId, receipt: this.input.receipt.recordId }
    if (computed !== this.record.recordId) {
      return { status: 'fail', facts: { ...facts, got: computed, want: this.record.recordId }, reason: 'mismatch' }
    }
    if (computed !== this.input.receipt.recordId) {
      return { status: 'fail', facts: { ...facts, got: this.input.receipt.recordId, want: computed }, reason: 'mismatch' }
    }
    return { status: 'ok', facts }
  }

  /** The device certificate is read even when its chain fails: later steps say what its key signed. */
  private certificate(): [Outcome, Certificate] {
    const ca = parseCertificate(pemToDer(this.input.caCertificate, 'CERTIFICATE'))
    const device = parseCertificate(pemToDer(this.input.deviceCertificate, 'CERTIFICATE'))
    const at = new Date(this.record.capturedAt)
    const facts = {
      caKeyId: keyId(ca.spki),
      deviceCn: device.subjectCommonName ?? '',
      notBefore: iso(device.notBefore),
      notAfter: iso(device.notAfter),
      capturedAt: this.record.capturedAt,
    }
    if (!sm2Verify(ca.point, ca.tbs, ca.signature) || !sm2Verify(ca.point, device.tbs, device.signature)) {
      return [{ status: 'fail', facts, reason: 'bad-signature' }, device]
    }
    const valid = (c: Certificate) => c.notBefore <= at && at <= c.notAfter
    if (Number.isNaN(at.getTime()) || !valid(device) || !valid(ca)) {
      return [{ status: 'fail', facts, reason: 'not-valid-at' }, device]
    }
    return [{ status: 'ok', facts }, device]
  }

  private deviceMatches(device: Certificate): Outcome {
    const computed = keyId(device.spki)
    const facts = { keyId: computed, deviceId: this.record.deviceId }
    if (computed !== this.record.keyId) {
      return { status: 'fail', facts: { ...facts, got: this.record.keyId, want: computed }, reason: 'mismatch' }
    }
    if (device.subjectCommonName !== this.record.deviceId) {
      const want = device.subjectCommonName ?? ''
      return { status: 'fail', facts: { ...facts, got: this.record.deviceId, want }, reason: 'mismatch' }
    }
    return { status: 'ok', facts }
  }

  private signature(device: Certificate): Outcome {
    const { sig, ...unsigned } = this.record
    const ok = sm2Verify(device.point, utf8(canonicalize(unsigned)), fromBase64(sig))
    return ok ? { status: 'ok', facts: { deviceId: this.record.deviceId } } : { status: 'fail', facts: {}, reason: 'bad-signature' }
  }

  private leaf(): [Outcome, Uint8Array] {
    const entry = { record: this.record, receivedAt: this.input.entry.receivedAt }
    const leafHash = SM3_TREE.leaf(utf8(canonicalize(entry)))
    return [{ status: 'ok', facts: { leafHash: toHex(leafHash), receivedAt: this.input.entry.receivedAt } }, leafHash]
  }

  /** The receipt's checkpoint, read even when its signature fails (the steps after it say why it matters). */
  private checkpointSignature(): [Outcome, { note: SignedNote; checkpoint: Checkpoint }] {
    const note = parseSignedNote(this.input.receipt.checkpoint)
    const checkpoint = parseCheckpoint(note.body)
    const key = noteKey(this.input.logKey.keyName, this.input.logKey.publicKey)
    const { lines, valid } = verifyLogSignature(note, key)
    const facts = { keyName: key.name, keyId: keyId(key.spki), size: String(checkpoint.size) }
    const outcome: Outcome =
      lines === 0
        ? { status: 'fail', facts, reason: 'no-key-line' }
        : valid
          ? { status: 'ok', facts }
          : { status: 'fail', facts, reason: 'bad-signature' }
    return [outcome, { note, checkpoint }]
  }

  private cosignatures(note: SignedNote): Outcome {
    const signed: string[] = []
    for (const witness of this.input.witnessKeys) {
      const time = verifyCosignature(note, noteKey(witness.name, witness.publicKey))
      if (time === 'invalid') {
        return { status: 'fail', facts: { witness: witness.name }, reason: 'bad-signature' }
      }
      if (time === null) {
        return { status: 'fail', facts: { witness: witness.name }, reason: 'missing-cosignature' }
      }
      signed.push(`${witness.name} @ ${iso(time)}`)
    }
    return { status: 'ok', facts: { count: String(signed.length), witnesses: signed.join(', ') } }
  }

  private inclusion(leafHash: Uint8Array, checkpoint: Checkpoint): Outcome {
    const { leafIndex, inclusionProof } = this.input.receipt
    const root = rootFromInclusionProof(SM3_TREE, BigInt(leafIndex), checkpoint.size, leafHash, inclusionProof.map(fromHex))
    const facts = {
      leafIndex: String(leafIndex),
      size: String(checkpoint.size),
      hashes: String(inclusionProof.length),
      root: toHex(checkpoint.root),
    }
    if (!equalBytes(root, checkpoint.root)) {
      return { status: 'fail', facts: { ...facts, got: toHex(root), want: toHex(checkpoint.root) }, reason: 'mismatch' }
    }
    return { status: 'ok', facts }
  }

  private timing(checkpoint: Checkpoint): Outcome {
    const captured = Date.parse(this.record.capturedAt)
    const received = Date.parse(this.input.entry.receivedAt)
    const signedAt = checkpoint.timestamp
    const facts = {
      capturedAt: this.record.capturedAt,
      receivedAt: this.input.entry.receivedAt,
      checkpointAt: signedAt ? iso(signedAt) : '',
      skewMinutes: String(this.skew / 60000),
    }
    if (!(captured <= received + this.skew)) {
      return { status: 'fail', facts, reason: 'captured-after-received' }
    }
    if (signedAt === null) {
      return { status: 'fail', facts, reason: 'no-timestamp' }
    }
    if (!(received <= signedAt.getTime() + this.skew)) {
      return { status: 'fail', facts, reason: 'received-after-checkpoint' }
    }
    return { status: 'ok', facts }
  }

  private latest(receipt: { note: SignedNote; checkpoint: Checkpoint }): Outcome {
    const latest = parseSignedNote(this.input.latestCheckpoint)
    const facts = { size: String(parseCheckpoint(latest.body).size), receiptSize: String(receipt.checkpoint.size) }
    return latest.body === receipt.note.body ? { status: 'ok', facts } : { status: 'fail', facts, reason: 'not-latest' }
  }
}

/** keyId = hex(SM3(SPKI DER)[0..16)) (docs/ledger.md §2). */
export function keyId(spki: Uint8Array): string {
  return toHex(sm3(spki).subarray(0, 16))
}
