import type { FastifyInstance } from 'fastify'
import { forbidden, unauthorized } from '../lib/problem'
import { holdsAnywhere } from '../modules/auth/auth.policy'
import type { Permission } from '../modules/auth/permissions'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The caller must be signed in and hold one of these permissions in some scope, checked before the
     * body is read: a large body costs its sender nothing and the server seconds of parsing.
     * The service still checks the scope of what is touched.
     */
    permission?: Permission | readonly Permission[]
  }
}

/** One hook for every route naming a `config.permission`; runs after the caller is known. */
export function registerRoutePermissions(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    const needed = request.routeOptions.config.permission
    if (!needed) return
    const actor = request.ctx.actor
    if (!actor) throw unauthorized('auth.unauthenticated', 'Sign in first')
    const anyOf: readonly Permission[] = typeof needed === 'string' ? [needed] : needed
    if (!anyOf.some((p) => holdsAnywhere(actor, p)))
      throw forbidden('auth.forbidden', 'You may not do this', { permission: anyOf })
  })
}
