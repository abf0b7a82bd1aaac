import { api } from '@/api'

/** A row of GET /api/v1/placecodes/keys (administrators): every place-code key, newest first. */
export interface PlaceCodeKey {
  keyId: string
  createdAt: string
  retiredAt: string | null
  /** The key new codes are signed with (the newest not retired). */
  signing: boolean
  publicKey: string
}

export type KeyState = 'signing' | 'verifying' | 'retired'

/** Signing: new labels get it; verifying: older labels still check in with it; retired: its labels are refused. */
export function keyState(key: PlaceCodeKey): KeyState {
  return key.retiredAt !== null ? 'retired' : key.signing ? 'signing' : 'verifying'
}

const keys = '/api/v1/placecodes/keys'

export const placeCodeKeysApi = {
  list: () => api.get<PlaceCodeKey[]>(keys),
  add: () => api.post<{ keyId: string }>(keys),
  retire: (keyId: string) => api.post<undefined>(`${keys}/${encodeURIComponent(keyId)}/retire`),
}
