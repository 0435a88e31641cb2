import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Actor, RequestContext } from '../lib/context'
import { forbidden, unauthorized } from '../lib/problem'
import type { Me } from '../modules/auth/auth.schema'
import type { SessionService } from '../modules/auth/session.service'
import { isMonitoringRoute } from './monitoring-access'

export const SESSION_COOKIE = 'wangge_session'

/** Routes that act for someone; pages and public boards do not look for a session. */
const ACTOR_ROUTES = ['/api/', '/open311/', '/tiles/']

/** A user whose password was set by someone else may only do this until they change it. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout'])

/** A user whose role requires a second factor may only do this until they enrol one. */
const ALLOWED_BEFORE_ENROLMENT = new Set([
  '/api/auth/me',
  '/api/auth/logout',
  '/api/auth/second-factor/enrol',
  '/api/auth/second-factor/confirm',
])

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext
    /** The signed-in user's view (null for API keys and anonymous requests). */
    me: Me | null
    /** How the request authenticated: a session cookie, an API key, or not at all. */
    authVia: 'cookie' | 'api_key' | null
  }
}

/** Resolves who is calling, once per request, before any route runs. */
export function registerRequestContext(app: FastifyInstance, sessions: SessionService) {
  app.decorateRequest('ctx', null as unknown as RequestContext)
  app.decorateRequest('me', null)
  app.decorateRequest('authVia', null)
  app.addHook('onRequest', async (request) => {
    request.ctx = { actor: null, ip: request.ip, requestId: request.id }
    // The matched route, not the raw URL: the router has already decoded and normalised it.
    const route = request.routeOptions.url ?? ''
    if (!ACTOR_ROUTES.some((prefix) => route.startsWith(prefix)) && !isMonitoringRoute(route)) return
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    if (bearer) {
      const actor = await sessions.actorForApiKey(bearer)
      if (!actor) throw unauthorized('auth.invalid_api_key', 'The API key is unknown or revoked')
      setActor(request, actor, null, 'api_key')
      return
    }
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return
    const found = await sessions.actorForSession(token)
    if (!found) return
    setActor(request, found.actor, found.me, 'cookie')
    if (found.me.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(route)) {
      throw forbidden('auth.password_change_required', 'Change your password first')
    }
    const { required, active } = found.me.secondFactor
    if (required && !active && !ALLOWED_BEFORE_ENROLMENT.has(route)) {
      throw forbidden('auth.second_factor_enrolment_required', 'Set up two-step verification first')
    }
  })
}

function setActor(request: FastifyRequest, actor: Actor, me: Me | null, via: 'cookie' | 'api_key') {
  request.ctx.actor = actor
  request.me = me
  request.authVia = via
}

/** preHandler for routes that need someone signed in (or an API key). */
export async function requireActor(request: FastifyRequest) {
  if (!request.ctx.actor) throw unauthorized('auth.unauthenticated', 'Sign in first')
}
