import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../http/request-context'
import { ScreenQuerySchema, ScreenSchema } from './dashboard.schema'
import type { DashboardService } from './dashboard.service'

/** The command centre's big screen 大屏: one answer for all its panels. */
export async function dashboardRoutes(app: FastifyInstance, opts: { dashboard: DashboardService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { dashboard } = opts

  r.get(
    '/api/dashboard/screen',
    {
      preHandler: requireActor,
      config: { permission: 'case.read' as const },
      schema: {
        tags: ['dashboard'],
        summary:
          'The big screen 大屏 of a scope (a grid, or the reader’s area) and period: KPIs, trend, categories, sources, ranking, base data, special groups, workers on duty — counts only',
        querystring: ScreenQuerySchema,
        response: { 200: ScreenSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      return dashboard.screen(req.ctx, req.query)
    },
  )
}
