import { describe, expect, it } from 'vitest'
import { ApiError, CLIENT_PROBLEM, parseProblem, splitFieldErrors, summarize, type FallbackTexts, type Problem } from './problem'

const texts: FallbackTexts = {
  networkTitle: 'offline',
  networkDetail: 'check the cable',
  unexpectedTitle: 'unreadable answer',
  unexpectedDetail: (status) => `HTTP ${status}`,
}

// The example of docs/problems.md, as the backend writes it.
const validation = JSON.stringify({
  type: 'urn:citygrid:problem:validation-failed',
  title: '请求数据不合法',
  status: 400,
  detail: '有 2 个字段不合法',
  instance: '/api/v1/users',
  requestId: 'req-42',
  errors: [
    { field: 'scope', code: 'unknown', message: '区划或网格不存在：440304999999001' },
    { field: 'password', code: 'weak-password', message: '密码至少 8 位，且同时包含字母和数字' },
  ],
})

describe('parseProblem', () => {
  it('reads every member of a backend problem', () => {
    expect(parseProblem(400, validation, texts, 'header-id')).toEqual({
      type: 'urn:citygrid:problem:validation-failed',
      title: '请求数据不合法',
      status: 400,
      detail: '有 2 个字段不合法',
      instance: '/api/v1/users',
      requestId: 'req-42',
      errors: [
        { field: 'scope', code: 'unknown', message: '区划或网格不存在：440304999999001' },
        { field: 'password', code: 'weak-password', message: '密码至少 8 位，且同时包含字母和数字' },
      ],
      retryAfterSeconds: undefined,
    })
  })

  it('keeps retryAfterSeconds of a locked account', () => {
    const body = JSON.stringify({ type: 'urn:citygrid:problem:account-locked', title: '账户已锁定', status: 429, retryAfterSeconds: 30 })
    expect(parseProblem(429, body, texts).retryAfterSeconds).toBe(30)
  })

  it('takes the request id from the X-Request-Id header when the body has none', () => {
    const body = JSON.stringify({ type: 'urn:citygrid:problem:forbidden', title: '无权访问', status: 403 })
    expect(parseProblem(403, body, texts, 'abc').requestId).toBe('abc')
  })

  it('makes a readable problem of an HTML error page, keeping the status', () => {
    expect(parseProblem(502, '<html>Bad Gateway</html>', texts)).toMatchObject({
      type: CLIENT_PROBLEM.unexpected,
      title: 'unreadable answer',
      detail: 'HTTP 502',
      status: 502,
      errors: [],
    })
  })

  it('makes a readable problem of an empty body and of JSON that is not an object', () => {
    expect(parseProblem(500, '', texts)).toMatchObject({ title: 'unreadable answer', status: 500 })
    expect(parseProblem(500, '[1,2]', texts)).toMatchObject({ title: 'unreadable answer', status: 500 })
  })

  it('drops malformed entries of errors[] but keeps the well-formed ones', () => {
    const body = JSON.stringify({
      type: 'urn:citygrid:problem:validation-failed',
      title: 'bad',
      status: 400,
      errors: ['nonsense', null, { field: 'username', code: 'pattern' }, { field: 'roles', code: 'required', message: 'pick one' }],
    })
    expect(parseProblem(400, body, texts).errors).toEqual([
      { field: 'username', code: 'pattern', message: 'pattern' },
      { field: 'roles', code: 'required', message: 'pick one' },
    ])
  })
})

describe('summarize and ApiError', () => {
  it('reads "title: detail", without repeating a detail equal to the title', () => {
    const p: Problem = { type: 't', title: '未登录', status: 401, detail: '令牌已过期', errors: [] }
    expect(summarize(p)).toBe('未登录: 令牌已过期')
    expect(summarize({ ...p, detail: '未登录' })).toBe('未登录')
    expect(new ApiError(p).message).toBe('未登录: 令牌已过期')
  })
})

describe('splitFieldErrors', () => {
  const problem = parseProblem(400, validation, texts)

  it('puts each message on its field and keeps the others for a general alert', () => {
    const { byField, rest } = splitFieldErrors(problem, ['password', 'username'] as const)
    expect(byField).toEqual({ password: '密码至少 8 位，且同时包含字母和数字' })
    expect(rest?.errors).toEqual([{ field: 'scope', code: 'unknown', message: '区划或网格不存在：440304999999001' }])
  })

  it('leaves nothing for the alert when every message found its field', () => {
    expect(splitFieldErrors(problem, ['password', 'scope'] as const).rest).toBeNull()
  })

  it('joins several messages for one field', () => {
    const twice: Problem = {
      ...problem,
      errors: [
        { field: 'scope', code: 'pattern', message: 'a' },
        { field: 'scope', code: 'unknown', message: 'b' },
      ],
    }
    expect(splitFieldErrors(twice, ['scope'] as const).byField).toEqual({ scope: 'a; b' })
  })

  it('keeps a problem without field errors whole', () => {
    const forbidden: Problem = { type: 'urn:citygrid:problem:forbidden', title: '无权访问', status: 403, errors: [] }
    expect(splitFieldErrors(forbidden, ['username'] as const)).toEqual({ byField: {}, rest: forbidden })
  })
})
