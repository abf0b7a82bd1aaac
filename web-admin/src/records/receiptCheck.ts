import { parseCheckpoint, parseSignedNote } from '@/ledger/note'
import type { AuditBundle } from '@/ledger/types'
import { checkRecord, type Check } from '@/ledger/verify'
import { recordsApi } from './api'

export interface ReceiptCheckResult {
  checks: Check[]
  /** The size of the latest checkpoint the receipt was asked against. */
  latestSize: string
  logKeyId: string
  /** True when the bundle names the same log key as the public-key route. */
  sameLogKeyAsBundle: boolean
}

/**
 * Fetches the latest checkpoint first, then the receipt against exactly that checkpoint (a receipt
 * asked for "the latest" could be for a newer one), and the log key; then checks everything here.
 */
export async function verifyInBrowser(recordId: string, bundle: AuditBundle): Promise<ReceiptCheckResult> {
  const latest = await recordsApi.latestCheckpoint()
  const size = String(parseCheckpoint(parseSignedNote(latest).body).size)
  const [receipt, logKey] = await Promise.all([recordsApi.receipt(recordId, size), recordsApi.logKey()])
  const checks = checkRecord({
    entry: bundle.entry,
    deviceCertificate: bundle.deviceCertificate,
    caCertificate: bundle.caCertificate,
    receipt,
    latestCheckpoint: latest,
    logKey,
    witnessKeys: bundle.witnessKeys ?? [],
  })
  return {
    checks,
    latestSize: size,
    logKeyId: logKey.keyId,
    sameLogKeyAsBundle: logKey.publicKey.trim() === bundle.logPublicKey.trim() && logKey.keyName === bundle.logKeyName,
  }
}
