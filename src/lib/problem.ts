/**
 * Errors with names (RFC 9457 problem details). Services throw these; the error handler turns them into
 * `application/problem+json` with a stable `code` that clients and tests match on.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(title)
  }
}

export interface FieldError {
  /** Dotted path of the failing field, e.g. `body.password`. */
  field: string
  message: string
}

export const badRequest = (code: string, title: string, extra?: Record<string, unknown>) =>
  new Problem(400, code, title, extra)
export const invalid = (errors: FieldError[], title = 'The request is invalid') =>
  new Problem(400, 'request.invalid', title, { errors })
export const unauthorized = (code: string, title: string) => new Problem(401, code, title)
export const forbidden = (code: string, title: string, extra?: Record<string, unknown>) =>
  new Problem(403, code, title, extra)
export const notFound = (code: string, title: string) => new Problem(404, code, title)
export const conflict = (code: string, title: string, extra?: Record<string, unknown>) =>
  new Problem(409, code, title, extra)
export const locked = (code: string, title: string, retryAfterSeconds: number) =>
  new Problem(423, code, title, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) })
export const tooMany = (code: string, title: string, retryAfterSeconds: number) =>
  new Problem(429, code, title, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) })
export const serviceUnavailable = (code: string, title: string) => new Problem(503, code, title)
