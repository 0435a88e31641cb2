import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { prefersChinese } from '../../http/problem-titles'
import { casesFileName, casesWorkbook } from './cases.export.xlsx'
import { EXPORT_CAP } from './cases.inbox'
import {
  CaseExportQuerySchema,
  CaseFilterSchema,
  CaseMapQuerySchema,
  CaseMapSchema,
  QueueCountsSchema,
} from './cases.schema'
import type { CasesService } from './cases.service'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The inbox's tab counts and its Excel export, under the list's filters (under casesRoutes' sign-in). */
export async function casesInboxRoutes(app: FastifyInstance, opts: { cases: CasesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { cases } = opts
  const tags = ['cases']

  r.get(
    '/api/cases/queue-counts',
    {
      schema: {
        tags,
        summary: 'How many cases each inbox queue holds, with the list’s filters and scope',
        querystring: CaseFilterSchema,
        response: { 200: QueueCountsSchema },
      },
    },
    (req) => cases.queueCounts(req.ctx, req.query),
  )

  r.get(
    '/api/cases/map',
    {
      schema: {
        tags,
        summary:
          'The cases the map draws: the list’s filters (bbox, open, source …), newest first, as points',
        querystring: CaseMapQuerySchema,
        response: { 200: CaseMapSchema },
      },
    },
    (req) => cases.map(req.ctx, req.query),
  )

  r.get(
    '/api/cases/export.xlsx',
    {
      schema: {
        tags,
        summary: `The filtered list as an Excel workbook, newest first, at most ${EXPORT_CAP} rows; no reporter contact`,
        querystring: CaseExportQuerySchema,
      },
    },
    async (req, reply) => {
      const { rows, more, now } = await cases.exportRows(req.ctx, req.query)
      const lang = prefersChinese(req.headers['accept-language']) ? 'zh' : 'en'
      const filters = Object.fromEntries(
        Object.entries(req.query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
      )
      const name = casesFileName(now, lang)
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store')
        .header('x-export-truncated', String(more))
        .send(casesWorkbook({ rows, more, cap: EXPORT_CAP, now, filters }, lang))
    },
  )
}
