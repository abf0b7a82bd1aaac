import { describe, expect, it, vi } from 'vitest'
import { ApiClient } from './client'
import { ApiError, CLIENT_PROBLEM, type FallbackTexts } from './problem'
import { ACCESS_KEY, MemoryStorage, REFRESH_KEY, TokenStore } from './tokens'

const texts: FallbackTexts = {
  networkTitle: 'offline',
  networkDetail: 'check the cable',
  unexpectedTitle: 'unreadable answer',
  unexpectedDetail: (status) => `HTTP ${status}`,
}

interface Call {
  method: string
  path: string
  authorization: string | null
  language: string | null
  body: unknown
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

const unauthenticated = () =>
  json(
    401,
    { type: 'urn:citygrid:problem:unauthenticated', title: '未登录', status: 401, detail: '令牌无效或已过期' },
    'application/problem+json',
  )

/**
 * A stand-in for the backend's token rules: one valid access token, refresh tokens that rotate,
 * and a reused refresh token refused (as the real server does, ending the session).
 */
class FakeBackend {
  readonly calls: Call[] = []
  access = 'cga_1'
  refresh = 'cgr_1'
  private generation = 1
  refreshStatus = 200
  /** Paths whose answer waits until the promise resolves (to order concurrent requests). */
  readonly gates = new Map<string, Promise<void>>()

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://test')
    const headers = new Headers(init?.headers)
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      authorization: headers.get('Authorization'),
      language: headers.get('Accept-Language'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    }
    this.calls.push(call)
    await (this.gates.get(url.pathname) ?? Promise.resolve()) // answer asynchronously, like a network
    return this.answer(call)
  })

  private answer(call: Call): Response {
    if (call.path === '/api/v1/auth/refresh') {
      const given = (call.body as { refreshToken?: string }).refreshToken
      if (this.refreshStatus !== 200) {
        return json(this.refreshStatus, { type: 'urn:citygrid:problem:internal-error', title: 'boom', status: 500 })
      }
      if (given !== this.refresh) {
        return unauthenticated()
      }
      this.generation += 1
      this.access = `cga_${this.generation}`
      this.refresh = `cgr_${this.generation}`
      return json(200, { accessToken: this.access, refreshToken: this.refresh, tokenType: 'Bearer', expiresIn: 900, roles: [] })
    }
    if (call.authorization !== `Bearer ${this.access}`) {
      return unauthenticated()
    }
    if (call.path.startsWith('/api/v1/nothing')) {
      return new Response(null, { status: 204 })
    }
    return json(200, { path: call.path })
  }

  refreshCalls(): number {
    return this.calls.filter((c) => c.path === '/api/v1/auth/refresh').length
  }
}

function setup(stored: { access?: string; refresh?: string } = { access: 'cga_1', refresh: 'cgr_1' }) {
  const backend = new FakeBackend()
  const storage = new MemoryStorage()
  if (stored.access) storage.setItem(ACCESS_KEY, stored.access)
  if (stored.refresh) storage.setItem(REFRESH_KEY, stored.refresh)
  const tokens = new TokenStore(storage)
  const client = new ApiClient({ tokens, texts: () => texts, fetch: backend.fetch, acceptLanguage: () => 'en' })
  const expired = vi.fn()
  client.onSessionExpired(expired)
  return { backend, storage, tokens, client, expired }
}

describe('ApiClient', () => {
  it('sends the bearer token and Accept-Language, and returns the parsed JSON', async () => {
    const { backend, client } = setup()
    await expect(client.get('/api/v1/me', { page: 2, size: undefined })).resolves.toEqual({ path: '/api/v1/me?page=2' })
    expect(backend.calls[0]).toMatchObject({ authorization: 'Bearer cga_1', language: 'en' })
  })

  it('returns a text answer byte for byte (a signed checkpoint must not be re-encoded)', async () => {
    const { backend, client } = setup()
    await expect(client.getText('/api/v1/ledger/checkpoint')).resolves.toBe('{"path":"/api/v1/ledger/checkpoint"}')
    expect(backend.calls).toHaveLength(1)
  })

  it('returns undefined for 204 No Content', async () => {
    const { client } = setup()
    await expect(client.post('/api/v1/nothing')).resolves.toBeUndefined()
  })

  it('on a 401 refreshes once, stores the new tokens and retries the request once', async () => {
    const { backend, client, tokens, storage, expired } = setup()
    backend.access = 'cga_other' // the stored access token has expired on the server

    await expect(client.get('/api/v1/me')).resolves.toEqual({ path: '/api/v1/me' })

    expect(backend.calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me'])
    expect(backend.calls[2]?.authorization).toBe('Bearer cga_2')
    expect(tokens.accessToken).toBe('cga_2')
    expect(storage.getItem(REFRESH_KEY)).toBe('cgr_2')
    expect(expired).not.toHaveBeenCalled()
  })

  it('shares one refresh among requests that fail together (a reused refresh token would end the session)', async () => {
    const { backend, client } = setup()
    backend.access = 'cga_other'

    const results = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')])

    expect(results).toEqual([{ path: '/a' }, { path: '/b' }, { path: '/c' }])
    expect(backend.refreshCalls()).toBe(1)
  })

  it('retries without refreshing when another request renewed the tokens while it was on its way', async () => {
    const { backend, client } = setup()
    backend.access = 'cga_other'
    let open = () => {}
    backend.gates.set('/slow', new Promise<void>((resolve) => (open = resolve)))

    const slow = client.get('/slow') // sent with cga_1; its 401 arrives only after the renewal below
    await client.get('/fast') // 401, refresh, retry: tokens are now cga_2
    open()

    await expect(slow).resolves.toEqual({ path: '/slow' })
    expect(backend.refreshCalls()).toBe(1)
    expect(backend.calls.filter((c) => c.path === '/slow').map((c) => c.authorization)).toEqual([
      'Bearer cga_1',
      'Bearer cga_2',
    ])
  })

  it('refreshes first-hand when the access token is missing but a refresh token is stored', async () => {
    const { backend, client } = setup({ refresh: 'cgr_1' })
    await expect(client.get('/api/v1/me')).resolves.toEqual({ path: '/api/v1/me' })
    expect(backend.calls[0]?.authorization).toBeNull()
    expect(backend.refreshCalls()).toBe(1)
  })

  it('when the refresh is refused, drops the tokens, reports the expiry once and throws a sessionExpired error', async () => {
    const { backend, client, tokens, storage, expired } = setup({ access: 'garbled', refresh: 'garbled' })

    const failures = await Promise.allSettled([client.get('/a'), client.get('/b')])

    for (const failure of failures) {
      expect(failure.status).toBe('rejected')
      const error = (failure as PromiseRejectedResult).reason
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).sessionExpired).toBe(true)
      expect((error as ApiError).status).toBe(401)
    }
    expect(backend.refreshCalls()).toBe(1)
    expect(expired).toHaveBeenCalledTimes(1)
    expect(tokens.present).toBe(false)
    expect(storage.getItem(ACCESS_KEY)).toBeNull()
    expect(storage.getItem(REFRESH_KEY)).toBeNull()
  })

  it('gives up when the fresh token is refused too (account disabled), without a second refresh', async () => {
    const { backend, client, expired } = setup()
    backend.access = 'cga_other'
    backend.fetch.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), 'http://test').pathname
      backend.calls.push({ method: init?.method ?? 'GET', path, authorization: null, language: null, body: undefined })
      return path === '/api/v1/auth/refresh'
        ? json(200, { accessToken: 'cga_9', refreshToken: 'cgr_9', tokenType: 'Bearer', expiresIn: 900, roles: [] })
        : unauthenticated()
    })

    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ sessionExpired: true })
    expect(backend.calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me'])
    expect(expired).toHaveBeenCalledTimes(1)
  })

  it('keeps the session when the refresh fails for another reason (server error)', async () => {
    const { backend, client, tokens, expired } = setup()
    backend.access = 'cga_other'
    backend.refreshStatus = 500

    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ sessionExpired: false, status: 500 })
    expect(tokens.refreshToken).toBe('cgr_1')
    expect(expired).not.toHaveBeenCalled()
  })

  it('never refreshes for requests without auth (sign-in): a 401 there is the answer', async () => {
    const backend = new FakeBackend()
    backend.fetch.mockResolvedValueOnce(
      json(
        401,
        {
          type: 'urn:citygrid:problem:invalid-credentials',
          title: '用户名或密码错误',
          status: 401,
          detail: '请检查后重试',
          requestId: 'r-1',
        },
        'application/problem+json',
      ),
    )
    const tokens = new TokenStore(new MemoryStorage())
    const client = new ApiClient({ tokens, texts: () => texts, fetch: backend.fetch })

    const error = await client.login('admin', 'wrong').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).problem).toMatchObject({ type: 'urn:citygrid:problem:invalid-credentials', requestId: 'r-1' })
    expect(backend.fetch).toHaveBeenCalledTimes(1)
    expect(tokens.present).toBe(false)
  })

  it('stores the tokens of a successful sign-in', async () => {
    const tokens = new TokenStore(new MemoryStorage())
    const fetch = vi.fn(async () =>
      json(200, { accessToken: 'cga_a', refreshToken: 'cgr_a', tokenType: 'Bearer', expiresIn: 900, roles: ['ADMIN'] }),
    )
    const client = new ApiClient({ tokens, texts: () => texts, fetch })
    await expect(client.login('admin', 'pw')).resolves.toMatchObject({ roles: ['ADMIN'] })
    expect(tokens.accessToken).toBe('cga_a')
    expect(tokens.refreshToken).toBe('cgr_a')
  })

  it('turns a dropped connection into a network problem', async () => {
    const tokens = new TokenStore(new MemoryStorage())
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const client = new ApiClient({ tokens, texts: () => texts, fetch })
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({
      problem: { type: CLIENT_PROBLEM.network, title: 'offline', status: 0 },
    })
  })

  it('turns a non-problem error page into a readable problem with the status', async () => {
    const { client, backend } = setup()
    backend.fetch.mockResolvedValueOnce(
      new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'gw-7' } }),
    )
    await expect(client.get('/api/v1/users')).rejects.toMatchObject({
      problem: { type: CLIENT_PROBLEM.unexpected, title: 'unreadable answer', detail: 'HTTP 502', status: 502, requestId: 'gw-7' },
    })
  })

  it('reports activity around every request, failed ones included, including refresh and retry', async () => {
    const { backend, client } = setup()
    const deltas: number[] = []
    client.onActivity((d) => deltas.push(d))
    backend.access = 'cga_other'
    await client.get('/ok')
    await client.get('/also-ok')
    backend.fetch.mockRejectedValueOnce(new TypeError('offline'))
    await client.get('/fails').catch(() => undefined)
    expect(deltas).toEqual([1, -1, 1, -1, 1, -1])
  })

  it('signs out on the server with the current token and forgets the tokens even if that fails', async () => {
    const { backend, client, tokens } = setup()
    backend.fetch.mockRejectedValueOnce(new TypeError('offline'))
    await client.logout()
    expect(tokens.present).toBe(false)
    expect(backend.fetch).toHaveBeenCalledTimes(1)
  })
})

describe('ApiClient bodies that are not JSON', () => {
  function recording(answer: Response) {
    const seen: { contentType: string | null; accept: string | null; body: unknown }[] = []
    const fetchFn = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers)
      seen.push({ contentType: headers.get('Content-Type'), accept: headers.get('Accept'), body: init?.body })
      return answer
    })
    const tokens = new TokenStore(new MemoryStorage())
    tokens.set({ accessToken: 'cga_1', refreshToken: 'cgr_1' })
    return { client: new ApiClient({ tokens, texts: () => texts, fetch: fetchFn }), seen }
  }

  it('sends an XForm as the XML it is, with its media type', async () => {
    const { client, seen } = recording(json(201, { status: 'published' }))
    const xml = '<h:html xmlns:h="http://www.w3.org/1999/xhtml"/>'
    await expect(client.postRaw('/api/v1/forms', xml, 'application/xml')).resolves.toEqual({ status: 'published' })
    expect(seen[0]).toEqual({ contentType: 'application/xml', accept: 'application/json, application/problem+json', body: xml })
  })

  it('returns an image as a blob and a refused one as its problem', async () => {
    const image = recording(new Response(new Uint8Array([0xff, 0xd8, 0xff]), { status: 200, headers: { 'Content-Type': 'image/jpeg' } }))
    const blob = await image.client.getBlob('/api/v1/records/r/attachments/a', { size: 256 })
    expect(blob.size).toBe(3)
    expect(image.seen[0]?.accept).toBe('*/*')
    const missing = recording(json(404, { type: 'urn:citygrid:problem:not-found', title: '不存在', status: 404 }, 'application/problem+json'))
    await expect(missing.client.getBlob('/x')).rejects.toMatchObject({ problem: { status: 404, title: '不存在' } })
  })
})
