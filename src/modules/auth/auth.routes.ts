import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor, SESSION_COOKIE } from '../../http/request-context'
import { tooMany, unauthorized } from '../../lib/problem'
import {
  ChangePasswordBodySchema,
  DeviceListQuerySchema,
  DeviceViewSchema,
  LoginBodySchema,
  LoginSecondFactorBodySchema,
  type Me,
  MeSchema,
} from './auth.schema'
import type { SessionService } from './session.service'

export interface AuthRouteOptions {
  sessions: SessionService
  /** Always mark the cookie Secure; otherwise only requests that came over HTTPS get it. */
  cookieSecure: boolean
  loginRateLimit: number
}

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { sessions } = opts
  const tags = ['auth']
  const rateLimit = {
    max: opts.loginRateLimit,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number }) =>
      tooMany('auth.rate_limited', 'Too many sign-in attempts from this address', Math.ceil(ctx.ttl / 1000)),
  }
  const signedIn = (
    request: FastifyRequest,
    reply: FastifyReply,
    session: { token: string; me: Me; maxAgeSeconds: number },
  ) => {
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      // request.protocol believes X-Forwarded-Proto only from WANGGE_TRUST_PROXY's proxies.
      secure: opts.cookieSecure || request.protocol === 'https',
      path: '/',
      maxAge: session.maxAgeSeconds,
    })
    return session.me
  }

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary:
          'Sign in (sets the session cookie, or answers 401 auth.second_factor_required with a challenge)',
        body: LoginBodySchema,
        response: { 200: MeSchema },
      },
      config: { rateLimit },
    },
    async (request, reply) =>
      signedIn(
        request,
        reply,
        await sessions.login(request.ctx, request.body.username, request.body.password, {
          userAgent: request.headers['user-agent'] ?? null,
          device: request.body.device,
        }),
      ),
  )

  r.post(
    '/api/auth/login/second-factor',
    {
      schema: {
        tags,
        summary: 'Complete a sign-in with a code or a recovery code (sets the session cookie)',
        body: LoginSecondFactorBodySchema,
        response: { 200: MeSchema },
      },
      config: { rateLimit },
    },
    async (request, reply) => {
      const { challenge, code, recoveryCode, device } = request.body
      const proof = code !== undefined ? { code } : { recoveryCode: recoveryCode ?? '' }
      return signedIn(
        request,
        reply,
        await sessions.completeSecondFactor(request.ctx, challenge, proof, {
          userAgent: request.headers['user-agent'] ?? null,
          device,
        }),
      )
    },
  )

  r.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Sign out (ends this session)', response: { 204: z.null() } } },
    async (request, reply) => {
      await sessions.logout(request.ctx)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )

  r.get(
    '/api/auth/me',
    {
      preHandler: requireActor,
      schema: { tags, summary: 'The signed-in user', response: { 200: MeSchema } },
    },
    async (request) => {
      if (!request.me) throw unauthorized('auth.unauthenticated', 'Sign in as a user first')
      return request.me
    },
  )

  r.post(
    '/api/auth/password',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Change my password (ends my other sessions)',
        body: ChangePasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await sessions.changePassword(request.ctx, request.body.currentPassword, request.body.newPassword)
      return reply.code(204).send(null)
    },
  )

  r.get(
    '/api/auth/devices',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'My signed-in devices 我的设备 (device sessions of the field app), or a managed user’s',
        querystring: DeviceListQuerySchema,
        response: { 200: z.object({ items: z.array(DeviceViewSchema) }) },
      },
    },
    async (request) => ({ items: await sessions.devices(request.ctx, request.query.user) }),
  )

  r.delete(
    '/api/auth/devices/:id',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'End a device session (mine, or of a user I manage)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await sessions.endDevice(request.ctx, request.params.id)
      return reply.code(204).send(null)
    },
  )
}
