import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../http/request-context'
import { SyncPageSchema, SyncQuerySchema } from './field.schema'
import type { FieldSyncService } from './field.service'

const gzipAsync = promisify(gzip)

/**
 * The feed's pages are large and repetitive JSON (≈1 MB for a first sync of 2,000 records, ≈9× smaller
 * gzipped), read over weak phone networks: gzipped here when the client takes it, whether or not a
 * proxy in front compresses.
 */
async function gzipWhenAccepted(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
  if (!accepts || typeof payload !== 'string' || payload.length < 1024 || reply.statusCode !== 200)
    return payload
  reply.header('content-encoding', 'gzip')
  reply.header('vary', 'accept-encoding')
  reply.removeHeader('content-length')
  return gzipAsync(payload)
}

export async function fieldRoutes(app: FastifyInstance, opts: { sync: FieldSyncService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get(
    '/api/field/sync',
    {
      preHandler: requireActor,
      onSend: gzipWhenAccepted,
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
