import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { casesInboxRoutes } from './cases.inbox.routes'
import {
  CaseActionBodySchema,
  CaseActionParamsSchema,
  CaseCreateBodySchema,
  CaseIdParamsSchema,
  CaseIntakeSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseViewSchema,
  CategoryListSchema,
  DispatchOptionsSchema,
  IdempotencyKeySchema,
  NearbyQuerySchema,
  NearbySchema,
} from './cases.schema'
import type { CasesService } from './cases.service'
import { casesStatsRoutes } from './cases.stats.routes'

const IdempotencyHeaders = z.object({
  /** A retried report with the same key never makes a second case. */
  'idempotency-key': IdempotencyKeySchema.optional(),
})

export async function casesRoutes(app: FastifyInstance, opts: { cases: CasesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { cases } = opts
  const tags = ['cases']
  r.addHook('preHandler', requireActor)

  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Report an event: located to its grid chain, its accept clock started',
        headers: IdempotencyHeaders,
        body: CaseCreateBodySchema,
        response: { 201: CaseIntakeSchema },
      },
    },
    async (req, reply) => {
      const { view, replayed } = await cases.report(req.ctx, req.body, req.headers['idempotency-key'])
      if (replayed) reply.header('idempotent-replayed', 'true')
      return reply.code(201).send(view)
    },
  )

  r.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary:
          'Events the reader may see, newest first: by queue, state, category, grid, overdue, report day, number or text',
        querystring: CaseListQuerySchema,
        response: { 200: CaseListSchema },
      },
    },
    (req) => cases.list(req.ctx, req.query),
  )

  await app.register(casesStatsRoutes, { cases })
  await app.register(casesInboxRoutes, { cases })

  r.get(
    '/api/cases/nearby',
    {
      schema: {
        tags,
        summary:
          'Open cases of a category near a point, reported recently: join one instead of reporting again',
        querystring: NearbyQuerySchema,
        response: { 200: z.array(NearbySchema) },
      },
    },
    (req) => cases.nearby(req.ctx, req.query),
  )

  r.post(
    '/api/cases/:id/follow',
    {
      schema: {
        tags,
        summary: '"Me too" 附议: follow an open case instead of reporting it again',
        params: CaseIdParamsSchema,
        response: { 200: z.object({ following: z.boolean(), followers: z.number() }) },
      },
    },
    (req) => cases.follow(req.ctx, req.params.id),
  )

  r.get(
    '/api/case-categories',
    {
      schema: {
        tags,
        summary: 'Event categories with their filing standards 立结案标准, and the hotline request natures',
        response: { 200: CategoryListSchema },
      },
    },
    (req) => cases.categories(req.ctx),
  )

  r.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'One event with its grids, deadlines, timeline and the actions the reader may take',
        params: CaseIdParamsSchema,
        response: { 200: CaseViewSchema },
      },
    },
    (req) => cases.view(req.ctx, req.params.id),
  )

  r.get(
    '/api/cases/:id/dispatch-options',
    {
      schema: {
        tags,
        summary: 'Where a dispatch may go now: the rules’ target and the grids that may take the case',
        params: CaseIdParamsSchema,
        response: { 200: DispatchOptionsSchema },
      },
    },
    (req) => cases.dispatchOptions(req.ctx, req.params.id),
  )

  r.post(
    '/api/cases/:id/actions/:action',
    {
      schema: {
        tags,
        summary: 'Act on an event (accept, dispatch, handle, verify, close …) at the version seen',
        params: CaseActionParamsSchema,
        body: CaseActionBodySchema,
        response: { 200: CaseViewSchema },
      },
    },
    (req) => cases.act(req.ctx, req.params.id, req.params.action, req.body),
  )
}
