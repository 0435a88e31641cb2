import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Registry } from 'prom-client'
import { z } from 'zod'
import type { Database } from '../../db/database'
import { shippedMigrationCount } from '../../db/migrate'
import { systemRepo } from './system.repo'

/** What the working calendar has loaded and lacks, for operators (nothing in it is personal). */
const CalendarStatusSchema = z.object({
  knownYears: z.array(z.number()),
  currentYear: z.object({ year: z.number(), known: z.boolean() }),
  nextYear: z.object({ year: z.number(), known: z.boolean() }),
  /** Deadlines this node set across a year with no arrangement loaded, since it started. */
  unknownYearDeadlines: z.array(z.object({ year: z.number(), deadlines: z.number() })),
  warnings: z.array(z.string()),
})

export async function systemRoutes(
  app: FastifyInstance,
  opts: { database: Database; metrics: Registry; calendar: () => z.infer<typeof CalendarStatusSchema> },
) {
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
        summary:
          'The database answers and every migration is applied; the working calendar’s missing years as details',
        response: {
          200: z.object({
            status: z.literal('ready'),
            database: z.string(),
            migrations: z.number(),
            calendar: CalendarStatusSchema,
          }),
          503: z.object({ title: z.string(), status: z.number(), code: z.string() }).passthrough(),
        },
      },
    },
    async (_req, reply) => {
      try {
        const applied = await systemRepo.appliedMigrations(opts.database)
        if (applied >= shipped)
          return {
            status: 'ready' as const,
            database: opts.database.kind,
            migrations: applied,
            // A missing year is a warning, not unreadiness: deadlines still count by the weekday rule.
            calendar: opts.calendar(),
          }
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
