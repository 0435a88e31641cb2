import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import type { createApiKeysService } from './apikeys.service'
import { ApiKeyCreateBodySchema, ApiKeyCreatedSchema, ApiKeyViewSchema, IdParamsSchema } from './auth.schema'

export async function apiKeysRoutes(
  app: FastifyInstance,
  opts: { apiKeys: ReturnType<typeof createApiKeysService> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { apiKeys } = opts
  const tags = ['api-keys']
  r.addHook('preHandler', requireActor)

  r.get(
    '/api/api-keys',
    { schema: { tags, summary: 'API keys', response: { 200: z.array(ApiKeyViewSchema) } } },
    (req) => apiKeys.list(req.ctx),
  )

  r.post(
    '/api/api-keys',
    {
      schema: {
        tags,
        summary: 'Issue an API key (shown once)',
        body: ApiKeyCreateBodySchema,
        response: { 201: ApiKeyCreatedSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await apiKeys.create(req.ctx, req.body)),
  )

  r.delete(
    '/api/api-keys/:id',
    { schema: { tags, summary: 'Revoke an API key', params: IdParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await apiKeys.revoke(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )
}
