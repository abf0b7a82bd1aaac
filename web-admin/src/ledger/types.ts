/** The ledger's JSON shapes (docs/ledger.md §3, §4, §7, §8 and the public-key route). */

export interface Envelope {
  v: number
  form: { id: string; version: string }
  deviceId: string
  keyId: string
  capturedAt: string
  payload: Record<string, unknown>
  attachments: { name: string; mediaType: string; size: number; sm3: string }[]
  recordId: string
  sig: string
}

export interface LogEntry {
  record: Envelope
  receivedAt: string
}

export interface Receipt {
  recordId: string
  leafIndex: number
  inclusionProof: string[]
  checkpoint: string
}

export interface AuditBundle {
  entry: LogEntry
  deviceCertificate: string
  caCertificate: string
  receipt: Receipt
  logPublicKey: string
  logKeyName: string
  witnessKeys?: { name: string; publicKey: string }[]
  consistency?: { checkpoint: string; proof: string[] }
}

export interface LogPublicKey {
  keyName: string
  publicKey: string
  keyHash: string
  keyId: string
}
