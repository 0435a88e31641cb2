import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Registry } from 'prom-client'
import { z } from 'zod'
import type { Database } from '../../db/database'
import { shippedMigrationCount } from '../../db/migrate'
import { systemRepo } from './system.repo'

export async function systemRoutes(app: FastifyInstance, opts: { database: Database; metrics: Registry }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['system']
  const shipped = shippedMigrationCount()

  r.get(
    '/healthz',
    {
      schema: {
        tags,
        summary: 'The process is alive',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({
      status: 'ok' as const,
    }),
  )

  r.get(
    '/readyz',
    {
      schema: {
        tags,
        summary: 'The database answers and every migration is applied',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string(), migrations: z.number() }),
          503: z.object({ title: z.string(), status: z.number(), code: z.string() }).passthrough(),
        },
      },
    },
    async (_req, reply) => {
      try {
        const applied = await systemRepo.appliedMigrations(opts.database)
        if (applied >= shipped)
          return { status: 'ready' as const, database: opts.database.kind, migrations: applied }
        return reply.code(503).type('application/problem+json').send({
          title: 'Migrations pending',
          status: 503,
          code: 'server.migrations_pending',
          applied,
          shipped,
        })
      } catch {
        return reply
          .code(503)
          .type('application/problem+json')
          .send({ title: 'Database unreachable', status: 503, code: 'server.unavailable' })
      }
    },
  )

  r.get('/metrics', { schema: { tags, summary: 'Prometheus metrics', hide: true } }, async (_req, reply) =>
    reply.type(opts.metrics.contentType).send(await opts.metrics.metrics()),
  )
}
