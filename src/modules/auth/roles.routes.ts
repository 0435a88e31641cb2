import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import {
  IdParamsSchema,
  PermissionViewSchema,
  RoleCreateBodySchema,
  RolePatchBodySchema,
  RoleViewSchema,
} from './auth.schema'
import type { createRolesService } from './roles.service'

export async function rolesRoutes(
  app: FastifyInstance,
  opts: { roles: ReturnType<typeof createRolesService> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { roles } = opts
  const tags = ['roles']
  r.addHook('preHandler', requireActor)

  r.get(
    '/api/permissions',
    { schema: { tags, summary: 'Every permission', response: { 200: z.array(PermissionViewSchema) } } },
    async () => roles.permissions(),
  )

  r.get(
    '/api/roles',
    { schema: { tags, summary: 'Roles, built-in first', response: { 200: z.array(RoleViewSchema) } } },
    (req) => roles.list(req.ctx),
  )

  r.post(
    '/api/roles',
    {
      schema: {
        tags,
        summary: 'Define a role',
        body: RoleCreateBodySchema,
        response: { 201: RoleViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await roles.create(req.ctx, req.body)),
  )

  r.patch(
    '/api/roles/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom role',
        params: IdParamsSchema,
        body: RolePatchBodySchema,
        response: { 200: RoleViewSchema },
      },
    },
    (req) => roles.update(req.ctx, req.params.id, req.body),
  )

  r.delete(
    '/api/roles/:id',
    {
      schema: {
        tags,
        summary: 'Delete a custom role no one holds',
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await roles.remove(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )
}
