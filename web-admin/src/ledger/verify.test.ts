import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64 } from './bytes'
import fixture from './testdata/record-fixture.json'
import type { AuditBundle } from './types'
import { allPassed, checkRecord, CHECK_IDS, type Check, type CheckId, type RecordCheckInput } from './verify'

/**
 * record-fixture.json was made by testdata/make-fixture.jsh with the protocol module's Java code
 * (record, device certificate, 5-leaf SM3 log, log-signed and witness-cosigned checkpoint,
 * receipt for leaf 3), and Java's own Receipt.verify accepted it. Each mutation below is named
 * after what it changes and must fail exactly the steps that depend on it.
 */
const bundle = fixture.bundle as unknown as AuditBundle

function input(): RecordCheckInput {
  const copy = structuredClone(bundle)
  return {
    entry: copy.entry,
    deviceCertificate: copy.deviceCertificate,
    caCertificate: copy.caCertificate,
    receipt: copy.receipt,
    latestCheckpoint: copy.receipt.checkpoint,
    logKey: fixture.logKey,
    witnessKeys: copy.witnessKeys ?? [],
  }
}

function statuses(checks: Check[]): Record<CheckId, Check['status']> {
  return Object.fromEntries(checks.map((c) => [c.id, c.status])) as Record<CheckId, Check['status']>
}

function failing(mutate: (i: RecordCheckInput) => void): CheckId[] {
  const i = input()
  mutate(i)
  return checkRecord(i)
    .filter((c) => c.status !== 'ok')
    .map((c) => c.id)
}

/** Flips one bit of base64 `text` at byte `at`. */
function flipBase64(text: string, at: number): string {
  const bytes = fromBase64(text)
  bytes[at] = bytes[at]! ^ 0x01
  return toBase64(bytes)
}

describe('checkRecord on a record made by the Java protocol module', () => {
  it('passes every step, in order, and says what it compared', () => {
    const checks = checkRecord(input())
    expect(checks.map((c) => c.id)).toEqual([...CHECK_IDS])
    expect(checks.filter((c) => c.status !== 'ok')).toEqual([])
    expect(allPassed(checks)).toBe(true)
    const byId = Object.fromEntries(checks.map((c) => [c.id, c.facts]))
    expect(byId['recordId']!['computed']).toBe(bundle.entry.record.recordId)
    expect(byId['inclusion']).toMatchObject({ leafIndex: '3', size: '5', hashes: '3' })
    expect(byId['device']!['keyId']).toBe(bundle.entry.record.keyId)
    expect(byId['cosignatures']).toMatchObject({ count: '1' })
    expect(byId['checkpointSignature']).toMatchObject({ keyName: 'citygrid.local/ledger', size: '5' })
  })

  it('modified-payload: the record id, the device signature, the leaf and its inclusion fail', () => {
    expect(failing((i) => (i.entry.record.payload['note'] = '改过的'))).toEqual(['recordId', 'signature', 'inclusion'])
  })

  it('modified-received-at: the leaf hash changes, so inclusion fails', () => {
    expect(failing((i) => (i.entry.receivedAt = '2026-11-27T04:46:08.123Z'))).toEqual(['inclusion'])
  })

  it('modified-proof[1]-bit: inclusion fails with got/want roots', () => {
    const i = input()
    const p = i.receipt.inclusionProof
    p[1] = p[1]!.slice(0, 10) + (p[1]![10] === '0' ? '1' : '0') + p[1]!.slice(11)
    const inclusion = checkRecord(i).find((c) => c.id === 'inclusion')!
    expect(inclusion).toMatchObject({ status: 'fail', reason: 'mismatch' })
    expect(inclusion.facts['got']).not.toBe(inclusion.facts['want'])
  })

  it('truncated-proof and wrong-leaf-index: inclusion fails', () => {
    expect(failing((i) => i.receipt.inclusionProof.pop())).toEqual(['inclusion'])
    expect(failing((i) => (i.receipt.leafIndex = 2))).toEqual(['inclusion'])
  })

  it('modified-checkpoint-signature: the log signature fails', () => {
    const i = input()
    const lines = i.receipt.checkpoint.split('\n')
    const at = lines.findIndex((l) => l.startsWith('\u2014 citygrid.local/ledger '))
    const [dash, name, sig] = lines[at]!.split(' ')
    lines[at] = `${dash} ${name} ${flipBase64(sig!, 20)}`
    i.receipt.checkpoint = lines.join('\n')
    i.latestCheckpoint = i.receipt.checkpoint
    // The witness signed the original body, which is unchanged: its cosignature still holds.
    expect(statuses(checkRecord(i))).toMatchObject({ checkpointSignature: 'fail', cosignatures: 'ok', inclusion: 'ok' })
  })

  it('modified-root: the signature and the inclusion both fail', () => {
    const i = input()
    const root = i.receipt.checkpoint.split('\n')[2]!
    i.receipt.checkpoint = i.receipt.checkpoint.replace(root, flipBase64(root, 0))
    i.latestCheckpoint = i.receipt.checkpoint
    expect(failing(() => undefined)).toEqual([])
    expect(checkRecord(i).filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([
      'checkpointSignature',
      'cosignatures',
      'inclusion',
    ])
  })

  it('other-log-key: a checkpoint under an unknown key has no signature line to trust', () => {
    const i = input()
    i.logKey = { keyName: 'citygrid.local/ledger', publicKey: bundle.witnessKeys![0]!.publicKey }
    const check = checkRecord(i).find((c) => c.id === 'checkpointSignature')!
    expect(check).toMatchObject({ status: 'fail', reason: 'no-key-line' })
  })

  it('dropped-cosignature: a listed witness without a line fails', () => {
    const i = input()
    i.receipt.checkpoint = i.receipt.checkpoint.replace(/\u2014 citygrid\.local\/witness .*\n/, '')
    i.latestCheckpoint = i.receipt.checkpoint
    expect(checkRecord(i).find((c) => c.id === 'cosignatures')).toMatchObject({ status: 'fail', reason: 'missing-cosignature' })
  })

  it('foreign-ca: the device certificate does not chain, and the steps needing its key still run', () => {
    const i = input()
    i.caCertificate = i.deviceCertificate
    expect(failing(() => undefined)).toEqual([])
    expect(checkRecord(i).find((c) => c.id === 'certificate')).toMatchObject({ status: 'fail', reason: 'bad-signature' })
  })

  it('captured-outside-validity and captured-long-after-receipt: certificate or timing fail', () => {
    const expired = failing((i) => (i.entry.record.capturedAt = '2030-01-01T00:00:00.000Z'))
    expect(expired).toContain('certificate')
    expect(expired).toContain('timing')
  })

  it('received-after-checkpoint (back-dating): timing fails', () => {
    const late = failing((i) => (i.entry.receivedAt = '2026-11-27T05:00:00.000Z'))
    expect(late).toContain('timing')
  })

  it('stale-receipt: a receipt against another checkpoint than the latest fails "latest"', () => {
    expect(failing((i) => (i.latestCheckpoint = 'origin\n6\n' + 'A'.repeat(43) + '=\n\n\u2014 x AAAAAAA=\n'))).toEqual(['latest'])
  })

  it('garbled-certificate: the parse error is reported and dependent steps are skipped, not guessed', () => {
    const i = input()
    i.deviceCertificate = '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n'
    const s = statuses(checkRecord(i))
    expect(s).toMatchObject({ certificate: 'fail', device: 'skip', signature: 'skip', inclusion: 'ok' })
  })
})
