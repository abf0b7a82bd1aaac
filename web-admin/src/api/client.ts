import { ApiError, networkProblem, parseProblem, type FallbackTexts, type Problem } from './problem'
import type { TokenStore } from './tokens'
import type { LoginResult } from './types'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
export type Query = Record<string, string | number | boolean | undefined>

export interface RequestOptions {
  method?: Method
  query?: Query
  /** Sent as JSON, unless `contentType` is given: then it is sent as the string it is. */
  body?: unknown
  /** The body's media type when it is not JSON (an XForm is `application/xml`). */
  contentType?: string
  /** False for sign-in and refresh: no token is sent and a 401 is final. */
  auth?: boolean
  /** 'text' returns the body as it came (signed checkpoints are text/plain and must stay byte-exact). */
  as?: 'json' | 'text' | 'blob'
}

export interface ApiClientOptions {
  tokens: TokenStore
  texts: () => FallbackTexts
  /** The Accept-Language header: the backend answers problems in Chinese unless English is preferred. */
  acceptLanguage?: () => string
  fetch?: typeof fetch
  baseUrl?: string
}

const REFRESH_PATH = '/api/v1/auth/refresh'

const ACCEPT = {
  json: 'application/json, application/problem+json',
  text: 'text/plain, application/problem+json',
  blob: '*/*',
} as const

/**
 * The one way the SPA talks to the backend. Sends `Authorization: Bearer`, turns every failure into
 * an {@link ApiError} carrying a problem, and survives an access token that expired or was revoked:
 * the first 401 exchanges the refresh token once — one exchange shared by all requests that failed
 * meanwhile, because the backend treats a second use of a refresh token as theft and ends the session —
 * and retries the request once. When that fails too the tokens are dropped and the session-expired
 * handler runs (the app sends the user to sign in, and back afterwards).
 */
export class ApiClient {
  private readonly tokens: TokenStore
  private readonly texts: () => FallbackTexts
  private readonly acceptLanguage: (() => string) | undefined
  private readonly fetchFn: typeof fetch
  private readonly baseUrl: string
  private refreshing: Promise<boolean> | null = null
  private sessionExpired: () => void = () => {}
  private activity: (delta: 1 | -1) => void = () => {}

  constructor(options: ApiClientOptions) {
    this.tokens = options.tokens
    this.texts = options.texts
    this.acceptLanguage = options.acceptLanguage
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
    this.baseUrl = options.baseUrl ?? ''
  }

  /** Called once each time a signed-in session ends because its tokens were refused. */
  onSessionExpired(handler: () => void): void {
    this.sessionExpired = handler
  }

  /** +1 when a request starts, -1 when it ends (drives the progress indicator). */
  onActivity(listener: (delta: 1 | -1) => void): void {
    this.activity = listener
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>(path, { method: 'GET', query })
  }

  /** A text/plain answer, unparsed. */
  getText(path: string, query?: Query): Promise<string> {
    return this.request<string>(path, { method: 'GET', query, as: 'text' })
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'POST', body })
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PUT', body })
  }

  /** A body that is not JSON (XForm XML), sent as it is with its media type. */
  postRaw<T>(path: string, body: string, contentType: string): Promise<T> {
    return this.request<T>(path, { method: 'POST', body, contentType })
  }

  /** An image or file behind the Bearer token (an `<img src>` cannot send one): show it with `URL.createObjectURL`. */
  getBlob(path: string, query?: Query): Promise<Blob> {
    return this.request<Blob>(path, { method: 'GET', query, as: 'blob' })
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    this.activity(1)
    try {
      return await this.exchange<T>(path, options)
    } finally {
      this.activity(-1)
    }
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const result = await this.request<LoginResult>('/api/v1/auth/login', {
      method: 'POST',
      body: { username, password },
      auth: false,
    })
    this.tokens.set(result)
    return result
  }

  /** Revokes the session on the server when it can; the local tokens go in any case. */
  async logout(): Promise<void> {
    const token = this.tokens.accessToken
    this.tokens.clear()
    if (token === null) {
      return
    }
    this.activity(1)
    try {
      await this.send('/api/v1/auth/logout', { method: 'POST' }, token)
    } catch {
      // Offline or already revoked: the session is gone from this tab, which is what the user asked.
    } finally {
      this.activity(-1)
    }
  }

  private async exchange<T>(path: string, options: RequestOptions): Promise<T> {
    if (options.auth === false) {
      return this.parse<T>(await this.send(path, options, null), options.as)
    }
    const used = this.tokens.accessToken
    const first = await this.send(path, options, used)
    if (first.status !== 401) {
      return this.parse<T>(first, options.as)
    }
    if (!(await this.renew(used))) {
      throw await this.expire(first)
    }
    const second = await this.send(path, options, this.tokens.accessToken)
    if (second.status === 401) {
      // Fresh tokens refused at once: the account was disabled or its sessions revoked.
      throw await this.expire(second)
    }
    return this.parse<T>(second, options.as)
  }

  /** True when there is a new access token to retry with. */
  private renew(used: string | null): Promise<boolean> {
    const current = this.tokens.accessToken
    if (current !== null && current !== used) {
      // Another request renewed the tokens while this one was on its way: just retry.
      return Promise.resolve(true)
    }
    if (this.refreshing === null) {
      this.refreshing = this.refresh().finally(() => {
        this.refreshing = null
      })
    }
    return this.refreshing
  }

  private async refresh(): Promise<boolean> {
    const refreshToken = this.tokens.refreshToken
    if (refreshToken === null) {
      return false
    }
    const response = await this.send(REFRESH_PATH, { method: 'POST', body: { refreshToken } }, null)
    if (response.status === 401 || response.status === 400) {
      return false // refused: the session is over
    }
    // Any other failure (a 5xx, a proxy page) is thrown with the tokens kept: the session may be fine.
    this.tokens.set(await this.parse<LoginResult>(response))
    return true
  }

  private async expire(response: Response): Promise<ApiError> {
    const problem = await this.problem(response)
    const wasSignedIn = this.tokens.present
    this.tokens.clear()
    if (wasSignedIn) {
      this.sessionExpired()
    }
    return new ApiError(problem, { sessionExpired: true })
  }

  private async send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const accept = ACCEPT[options.as ?? 'json']
    const headers: Record<string, string> = { Accept: accept }
    const language = this.acceptLanguage?.()
    if (language) {
      headers['Accept-Language'] = language
    }
    if (token) {
      headers['Authorization'] = `Bearer ${token}`
    }
    let body: string | undefined
    if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json'
      body = options.contentType === undefined ? JSON.stringify(options.body) : String(options.body)
    }
    try {
      return await this.fetchFn(this.url(path, options.query), { method: options.method ?? 'GET', headers, body })
    } catch (cause) {
      throw new ApiError(networkProblem(this.texts()), { cause })
    }
  }

  private url(path: string, query: Query | undefined): string {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) {
        params.set(key, String(value))
      }
    }
    const search = params.toString()
    return this.baseUrl + path + (search ? `?${search}` : '')
  }

  private async parse<T>(response: Response, as: 'json' | 'text' | 'blob' = 'json'): Promise<T> {
    if (!response.ok) {
      throw new ApiError(await this.problem(response))
    }
    if (as === 'blob') {
      return (await response.blob()) as T
    }
    const text = await response.text()
    if (as === 'text') {
      return text as T
    }
    if (response.status === 204 || text === '') {
      return undefined as T
    }
    try {
      // The backend's contract (openapi.yaml) is trusted for shape; only the syntax is checked here.
      return JSON.parse(text) as T
    } catch (cause) {
      throw new ApiError(parseProblem(response.status, '', this.texts()), { cause })
    }
  }

  private async problem(response: Response): Promise<Problem> {
    let text = ''
    try {
      text = await response.text()
    } catch {
      // a body cut short: the status still says enough
    }
    return parseProblem(response.status, text, this.texts(), response.headers.get('X-Request-Id'))
  }
}
