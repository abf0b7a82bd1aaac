/**
 * RFC 9457 problem details as the backend writes them (docs/problems.md), and the one error type
 * the API client throws. Anything that is not a well-formed problem (a proxy's HTML page, a dropped
 * connection) is turned into a problem here too, so the UI has exactly one shape to show.
 */

export interface FieldError {
  field: string
  code: string
  message: string
}

export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  requestId?: string
  errors: FieldError[]
  retryAfterSeconds?: number
}

/** Problem types the client makes up itself; the backend's are `urn:citygrid:problem:*`. */
export const CLIENT_PROBLEM = {
  network: 'urn:citygrid:client:network-error',
  unexpected: 'urn:citygrid:client:unexpected-response',
} as const

/** Localised wording for problems the client makes up (the server localises its own). */
export interface FallbackTexts {
  networkTitle: string
  networkDetail: string
  unexpectedTitle: string
  unexpectedDetail: (status: number) => string
}

export class ApiError extends Error {
  /** True when the session ended (refresh failed): the sign-in page explains it, no toast needed. */
  readonly sessionExpired: boolean

  constructor(
    readonly problem: Problem,
    options: { sessionExpired?: boolean; cause?: unknown } = {},
  ) {
    super(summarize(problem), { cause: options.cause })
    this.name = 'ApiError'
    this.sessionExpired = options.sessionExpired ?? false
  }

  get status(): number {
    return this.problem.status
  }

  get type(): string {
    return this.problem.type
  }
}

/** One line: "title: detail". */
export function summarize(problem: Problem): string {
  const detail = problem.detail?.trim()
  return detail && detail !== problem.title ? `${problem.title}: ${detail}` : problem.title
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalString(o: Json, key: string): string | undefined {
  const v = o[key]
  return typeof v === 'string' ? v : undefined
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) {
    return []
  }
  return value.filter(isObject).map((e) => ({
    field: optionalString(e, 'field') ?? '',
    code: optionalString(e, 'code') ?? '',
    message: optionalString(e, 'message') ?? optionalString(e, 'code') ?? '',
  }))
}

/**
 * The problem in an error response. `body` is the raw text; it is used only when it is a JSON
 * object — otherwise (HTML error pages, empty bodies) a client-made problem with the status is returned.
 */
export function parseProblem(
  status: number,
  body: string,
  texts: FallbackTexts,
  requestIdHeader?: string | null,
): Problem {
  let json: unknown
  try {
    json = body ? JSON.parse(body) : undefined
  } catch {
    json = undefined
  }
  const o: Json = isObject(json) ? json : {}
  const title = optionalString(o, 'title')
  const retry = o['retryAfterSeconds']
  return {
    type: optionalString(o, 'type') ?? CLIENT_PROBLEM.unexpected,
    title: title ?? texts.unexpectedTitle,
    status: typeof o['status'] === 'number' ? o['status'] : status,
    detail: optionalString(o, 'detail') ?? (title ? undefined : texts.unexpectedDetail(status)),
    instance: optionalString(o, 'instance'),
    requestId: optionalString(o, 'requestId') ?? requestIdHeader ?? undefined,
    errors: fieldErrors(o['errors']),
    retryAfterSeconds: typeof retry === 'number' ? retry : undefined,
  }
}

/** The problem for a request that never got an answer (offline, refused, aborted). */
export function networkProblem(texts: FallbackTexts): Problem {
  return {
    type: CLIENT_PROBLEM.network,
    title: texts.networkTitle,
    status: 0,
    detail: texts.networkDetail,
    errors: [],
  }
}

/**
 * Splits a problem for a form: `errors[]` entries naming a field the form shows become that field's
 * message (joined when several), and whatever is left — other fields, or a problem without field
 * errors — stays in `rest` for a general alert, so no message is ever dropped. `rest` is null when
 * every message found its field.
 */
export function splitFieldErrors<F extends string>(
  problem: Problem,
  fields: readonly F[],
): { byField: Partial<Record<F, string>>; rest: Problem | null } {
  const byField: Partial<Record<F, string>> = {}
  const leftover: FieldError[] = []
  for (const error of problem.errors) {
    const field = fields.find((f) => f === error.field)
    if (field === undefined) {
      leftover.push(error)
    } else {
      const before = byField[field]
      byField[field] = before ? `${before}; ${error.message}` : error.message
    }
  }
  const placed = Object.keys(byField).length > 0
  return { byField, rest: placed && leftover.length === 0 ? null : { ...problem, errors: leftover } }
}
