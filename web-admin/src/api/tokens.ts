/**
 * The signed-in session's tokens: held in memory and mirrored to sessionStorage, so a reload of the
 * tab keeps the session while a new tab (or a closed browser) starts signed out. Never localStorage:
 * a token there would outlive the tab and be shared by every tab of the origin.
 */

export interface Tokens {
  accessToken: string
  refreshToken: string
}

/** The part of the Web Storage API the store needs (sessionStorage in the app, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export const ACCESS_KEY = 'citygrid.accessToken'
export const REFRESH_KEY = 'citygrid.refreshToken'

export class TokenStore {
  private access: string | null
  private refresh: string | null

  constructor(private readonly storage: KeyValueStorage | null) {
    this.access = read(storage, ACCESS_KEY)
    this.refresh = read(storage, REFRESH_KEY)
  }

  get accessToken(): string | null {
    return this.access
  }

  get refreshToken(): string | null {
    return this.refresh
  }

  /** True while there is anything to try: an access token, or a refresh token to get one. */
  get present(): boolean {
    return this.access !== null || this.refresh !== null
  }

  set(tokens: Tokens): void {
    this.access = tokens.accessToken
    this.refresh = tokens.refreshToken
    write(this.storage, ACCESS_KEY, tokens.accessToken)
    write(this.storage, REFRESH_KEY, tokens.refreshToken)
  }

  clear(): void {
    this.access = null
    this.refresh = null
    write(this.storage, ACCESS_KEY, null)
    write(this.storage, REFRESH_KEY, null)
  }
}

function read(storage: KeyValueStorage | null, key: string): string | null {
  try {
    const value = storage?.getItem(key)
    return value ? value : null
  } catch {
    return null // storage disabled by the browser: the session lives in memory only
  }
}

function write(storage: KeyValueStorage | null, key: string, value: string | null): void {
  try {
    if (value === null) {
      storage?.removeItem(key)
    } else {
      storage?.setItem(key, value)
    }
  } catch {
    // storage disabled or full: memory still holds the tokens for this page's life
  }
}

/** A Map-backed storage for tests and for browsers that refuse sessionStorage. */
export class MemoryStorage implements KeyValueStorage {
  private readonly values = new Map<string, string>()

  getItem(key: string): string | null {
    return this.values.get(key) ?? null
  }

  setItem(key: string, value: string): void {
    this.values.set(key, value)
  }

  removeItem(key: string): void {
    this.values.delete(key)
  }
}
