import type { FastifyInstance, FastifyRequest } from 'fastify'
import { forbidden } from '../lib/problem'
import { SESSION_COOKIE } from './request-context'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** `http://a.cn:80` and `http://a.cn` are one origin: compare normalised forms. */
function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/** Where the request says it comes from; `invalid` for an unparseable (or `null`) origin. */
function requestOrigin(request: FastifyRequest): string | null {
  const claimed = request.headers.origin ?? request.headers.referer
  if (!claimed) return null
  return originOf(claimed) ?? 'invalid'
}

/**
 * Cookie-authenticated writes must come from the site itself (or a configured origin): the browser's
 * `Origin` (or, failing that, `Referer`) says where. API-key requests carry no ambient credential and
 * are exempt. A sign-in without a cookie and without an origin comes from a non-browser client: allowed.
 */
export function registerCsrfCheck(app: FastifyInstance, allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin))
  app.addHook('onRequest', async (request) => {
    if (SAFE.has(request.method) || request.authVia === 'api_key') return
    const hasCookie = !!request.cookies[SESSION_COOKIE]
    if (!hasCookie && request.routeOptions.url !== '/api/auth/login') return
    const origin = requestOrigin(request)
    if (origin === null && !hasCookie) return
    const self = originOf(`${request.protocol}://${request.host}`)
    if (origin === self || (origin && allowed.has(origin))) return
    throw forbidden('auth.csrf', 'Cross-site request refused: the Origin is not this site')
  })
}
