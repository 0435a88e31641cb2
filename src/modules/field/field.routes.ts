import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../http/request-context'
import { SyncPageSchema, SyncQuerySchema } from './field.schema'
import type { FieldSyncService } from './field.service'

export async function fieldRoutes(app: FastifyInstance, opts: { sync: FieldSyncService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get(
    '/api/field/sync',
    {
      preHandler: requireActor,
      schema: {
        tags: ['field'],
        summary:
          'The field app’s sync feed: the caller’s grids’ buildings, households and people (masked), by cursor with tombstones',
        querystring: SyncQuerySchema,
        response: { 200: SyncPageSchema },
      },
    },
    async (request) => opts.sync.sync(request.ctx, request.query),
  )
}
