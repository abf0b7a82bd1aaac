/**
 * Just enough DER to check a CityGrid device certificate in the browser (docs/ledger.md §2, §11):
 * the SM2 public key of a SubjectPublicKeyInfo, and of a certificate its TBS bytes, subject CN,
 * validity and signature. Definite lengths only; anything unexpected throws.
 */
import { fromBase64, toHex } from './bytes'

export interface Tlv {
  tag: number
  /** The whole element, header included (what a signature covers for the TBS certificate). */
  der: Uint8Array
  value: Uint8Array
}

const OID_EC_PUBLIC_KEY = '2a8648ce3d0201' // 1.2.840.10045.2.1
const OID_SM2P256V1 = '2a811ccf5501822d' // 1.2.156.10197.1.301
const OID_COMMON_NAME = '550403' // 2.5.4.3

export function readTlv(bytes: Uint8Array, at = 0): Tlv {
  const tag = byteAt(bytes, at)
  let length = byteAt(bytes, at + 1)
  let header = 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4) {
      throw new Error('DER: unsupported length')
    }
    length = 0
    for (let i = 0; i < count; i++) {
      length = length * 256 + byteAt(bytes, at + 2 + i)
    }
    header += count
  }
  const end = at + header + length
  if (end > bytes.length) {
    throw new Error('DER: element runs past the end')
  }
  return { tag, der: bytes.subarray(at, end), value: bytes.subarray(at + header, end) }
}

export function children(parent: Tlv): Tlv[] {
  const out: Tlv[] = []
  for (let at = 0; at < parent.value.length; ) {
    const child = readTlv(parent.value, at)
    out.push(child)
    at += child.der.length
  }
  return out
}

function byteAt(bytes: Uint8Array, at: number): number {
  const b = bytes[at]
  if (b === undefined) {
    throw new Error('DER: truncated')
  }
  return b
}

function expect(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) {
    throw new Error(`DER: expected ${what}`)
  }
  return tlv
}

/** The DER inside a PEM block with this label. */
export function pemToDer(pem: string, label: string): Uint8Array {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem)
  if (!match?.[1]) {
    throw new Error(`not a PEM ${label}`)
  }
  return fromBase64(match[1].replace(/\s+/g, ''))
}

/** The uncompressed SM2 point (65 bytes) of a SubjectPublicKeyInfo naming id-ecPublicKey on sm2p256v1. */
export function sm2PointOfSpki(spki: Uint8Array | Tlv): Uint8Array {
  const top = spki instanceof Uint8Array ? readTlv(spki) : spki
  const [algorithm, key] = children(expect(top, 0x30, 'SubjectPublicKeyInfo'))
  const [kind, curve] = children(expect(algorithm, 0x30, 'AlgorithmIdentifier'))
  if (toHex(expect(kind, 0x06, 'OID').value) !== OID_EC_PUBLIC_KEY || toHex(expect(curve, 0x06, 'OID').value) !== OID_SM2P256V1) {
    throw new Error('not an SM2 (sm2p256v1) public key')
  }
  const bits = expect(key, 0x03, 'BIT STRING').value
  if (bits.length !== 66 || bits[0] !== 0 || bits[1] !== 0x04) {
    throw new Error('not an uncompressed SM2 point')
  }
  return bits.subarray(1)
}

export interface Certificate {
  tbs: Uint8Array
  subjectCommonName: string | null
  notBefore: Date
  notAfter: Date
  /** The SubjectPublicKeyInfo DER (its SM3 prefix is the key id). */
  spki: Uint8Array
  point: Uint8Array
  signature: Uint8Array
}

/** The parts of an X.509 certificate a record check needs. */
export function parseCertificate(der: Uint8Array): Certificate {
  const [tbsTlv, , signatureBits] = children(expect(readTlv(der), 0x30, 'Certificate'))
  const tbs = expect(tbsTlv, 0x30, 'TBSCertificate')
  const fields = children(tbs)
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0 // [0] version is optional
  const validity = children(expect(fields[offset + 3], 0x30, 'Validity'))
  const bits = expect(signatureBits, 0x03, 'signature BIT STRING').value
  const spki = expect(fields[offset + 5], 0x30, 'SubjectPublicKeyInfo')
  return {
    tbs: tbs.der,
    subjectCommonName: commonName(expect(fields[offset + 4], 0x30, 'subject Name')),
    notBefore: time(validity[0]),
    notAfter: time(validity[1]),
    spki: spki.der,
    point: sm2PointOfSpki(spki),
    signature: bits.subarray(1),
  }
}

function commonName(name: Tlv): string | null {
  for (const rdn of children(name)) {
    for (const attribute of children(rdn)) {
      const [type, value] = children(attribute)
      if (type && value && toHex(type.value) === OID_COMMON_NAME) {
        return new TextDecoder().decode(value.value)
      }
    }
  }
  return null
}

/** UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
function time(tlv: Tlv | undefined): Date {
  const text = new TextDecoder().decode(expect(tlv, tlv?.tag === 0x17 ? 0x17 : 0x18, 'Time').value)
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!match) {
    throw new Error(`DER: unsupported time ${text}`)
  }
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = match.slice(1).map(Number)
  const year = text.length === 13 ? (y >= 50 ? 1900 + y : 2000 + y) : y
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s))
}
