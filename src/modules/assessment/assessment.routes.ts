import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prefersChinese } from '../../http/problem-titles'
import { requireActor } from '../../http/request-context'
import {
  ComputeBodySchema,
  IndicatorListSchema,
  MarkBodySchema,
  MarkListSchema,
  MarkViewSchema,
  RunListSchema,
  RunPageQuerySchema,
  RunViewSchema,
  SchemeListSchema,
  SchemeUpdateBodySchema,
  SchemeViewSchema,
} from './assessment.schema'
import type { AssessmentService } from './assessment.service'
import { runFileName, runWorkbook } from './assessment.xlsx'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Assessment 考核: indicators, schemes, runs (compute, read, publish, export) and hand-entered scores. */
export async function assessmentRoutes(app: FastifyInstance, opts: { assessment: AssessmentService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { assessment } = opts
  const tags = ['assessment']
  const read = { permission: ['assessment.read', 'assessment.manage'] as const }
  const manage = { permission: 'assessment.manage' as const }
  const id = z.object({ id: z.uuid() })

  r.get(
    '/api/assessment/indicators',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary: 'The indicators a scheme may weigh, with their formulas',
        response: { 200: IndicatorListSchema },
      },
    },
    (req) => assessment.indicators(req.ctx),
  )

  r.get(
    '/api/assessment/schemes',
    {
      preHandler: requireActor,
      config: read,
      schema: { tags, summary: 'The assessment schemes 考核方案', response: { 200: SchemeListSchema } },
    },
    (req) => assessment.schemes(req.ctx),
  )

  r.put(
    '/api/assessment/schemes/:id',
    {
      preHandler: requireActor,
      config: manage,
      schema: {
        tags,
        summary:
          'Change a scheme’s names, weights, thresholds, bonuses, stars, lists and subsidy (with the version read)',
        params: id,
        body: SchemeUpdateBodySchema,
        response: { 200: SchemeViewSchema },
      },
    },
    (req) => assessment.updateScheme(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/assessment/runs',
    {
      preHandler: requireActor,
      config: manage,
      schema: {
        tags,
        summary: 'Compute a scheme over an area and a period (again, unless published)',
        body: ComputeBodySchema,
        response: { 200: RunViewSchema },
      },
    },
    (req) => assessment.compute(req.ctx, req.body),
  )

  r.get(
    '/api/assessment/runs',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary: 'The runs of a scheme in the reader’s subtrees, newest period first',
        querystring: z.object({ scheme: z.uuid() }),
        response: { 200: RunListSchema },
      },
    },
    (req) => assessment.runs(req.ctx, req.query.scheme),
  )

  r.get(
    '/api/assessment/runs/:id',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary:
          'A page of a run’s results in the reader’s subtrees (scores, stars, ranks and movement, lists, subsidies), in the order asked, with the totals',
        params: id,
        querystring: RunPageQuerySchema,
        response: { 200: RunViewSchema },
      },
    },
    (req) => assessment.run(req.ctx, req.params.id, req.query),
  )

  r.post(
    '/api/assessment/runs/:id/publish',
    {
      preHandler: requireActor,
      config: manage,
      schema: {
        tags,
        summary: 'Publish a run: its figures become final',
        params: id,
        response: { 200: RunViewSchema },
      },
    },
    (req) => assessment.publish(req.ctx, req.params.id),
  )

  r.get(
    '/api/assessment/runs/:id/export.xlsx',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary:
          'A run as Excel: scores, the subsidy sheet (`sheet=subsidy`, worker schemes) and its scheme and data version',
        params: id,
        querystring: z.object({ sheet: z.enum(['scores', 'subsidy']).default('scores') }),
      },
    },
    async (req, reply) => {
      const run = await assessment.run(req.ctx, req.params.id, 'all')
      const lang = prefersChinese(req.headers['accept-language']) ? 'zh' : 'en'
      const subsidy = req.query.sheet === 'subsidy' && run.scheme.subsidy
      const name = runFileName(run, subsidy ? 'subsidy' : 'scores', lang)
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store')
        .send(await runWorkbook(run, lang, subsidy))
    },
  )

  r.get(
    '/api/assessment/marks',
    {
      preHandler: requireActor,
      config: read,
      schema: {
        tags,
        summary: 'The scores entered by hand for a scheme’s period, with notes and who entered them',
        querystring: z.object({
          scheme: z.uuid(),
          period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/),
        }),
        response: { 200: MarkListSchema },
      },
    },
    (req) => assessment.marks(req.ctx, req.query),
  )

  r.put(
    '/api/assessment/marks',
    {
      preHandler: requireActor,
      config: manage,
      schema: {
        tags,
        summary:
          'Enter a democratic-review 民主评议 or spot-check 电话抽查 score (0–100) of a subject for a period',
        body: MarkBodySchema,
        response: { 200: MarkViewSchema },
      },
    },
    (req) => assessment.mark(req.ctx, req.body),
  )
}
