import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import {
  GrantBodySchema,
  GrantParamsSchema,
  IdParamsSchema,
  ResetPasswordBodySchema,
  UserCreateBodySchema,
  UserListQuerySchema,
  UserListSchema,
  UserPatchBodySchema,
  UserViewSchema,
} from './auth.schema'
import type { UsersService } from './users.service'

export async function usersRoutes(app: FastifyInstance, opts: { users: UsersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { users } = opts
  const tags = ['users']
  r.addHook('preHandler', requireActor)

  r.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'List users',
        querystring: UserListQuerySchema,
        response: { 200: UserListSchema },
      },
    },
    (req) => users.list(req.ctx, req.query),
  )

  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create a user',
        body: UserCreateBodySchema,
        response: { 201: UserViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await users.create(req.ctx, req.body)),
  )

  r.get(
    '/api/users/:id',
    { schema: { tags, summary: 'One user', params: IdParamsSchema, response: { 200: UserViewSchema } } },
    (req) => users.get(req.ctx, req.params.id),
  )

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Rename, disable or enable a user',
        params: IdParamsSchema,
        body: UserPatchBodySchema,
        response: { 200: UserViewSchema },
      },
    },
    (req) => users.update(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/users/:id/password',
    {
      schema: {
        tags,
        summary: "Reset a user's password",
        params: IdParamsSchema,
        body: ResetPasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await users.resetPassword(req.ctx, req.params.id, req.body.password)
      return reply.code(204).send(null)
    },
  )

  r.post(
    '/api/users/:id/grants',
    {
      schema: {
        tags,
        summary: 'Grant a role in a scope',
        params: IdParamsSchema,
        body: GrantBodySchema,
        response: { 201: UserViewSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await users.grant(req.ctx, req.params.id, req.body.roleId, req.body.scope)),
  )

  r.delete(
    '/api/users/:id/grants/:grantId',
    {
      schema: { tags, summary: 'Take a grant away', params: GrantParamsSchema, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await users.revokeGrant(req.ctx, req.params.id, req.params.grantId)
      return reply.code(204).send(null)
    },
  )

  r.post(
    '/api/users/:id/sessions/revoke',
    {
      schema: {
        tags,
        summary: "End all of a user's sessions",
        params: IdParamsSchema,
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (req) => ({ revoked: await users.revokeSessions(req.ctx, req.params.id) }),
  )
}
