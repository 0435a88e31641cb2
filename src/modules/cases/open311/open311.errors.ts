/**
 * GeoReport v2 errors: a list of `{ code, description }` with HTTP 400, 403 or 404 (the standard's
 * client statuses), and 429 when one address asks too often (the standard names no status for it;
 * 429 with Retry-After is what HTTP clients know). Our `code` is the HTTP status, as most servers
 * answer; the description says what was wrong, in English as the standard's examples are.
 */
export type Open311ErrorItem = { code: number; description: string }

export type Open311HttpStatus = 400 | 403 | 404 | 429 | 500

export class Open311Error extends Error {
  readonly errors: Open311ErrorItem[]

  constructor(
    readonly status: Open311HttpStatus,
    descriptions: string | string[],
  ) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions]
    super(list.join('; '))
    this.errors = list.map((description) => ({ code: status, description }))
  }
}

export const badRequest311 = (description: string | string[]) => new Open311Error(400, description)
export const forbidden311 = (description: string) => new Open311Error(403, description)
export const notFound311 = (description: string) => new Open311Error(404, description)
export const tooMany311 = (description: string) => new Open311Error(429, description)
