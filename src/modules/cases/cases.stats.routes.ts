import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { prefersChinese } from '../../http/problem-titles'
import type { CasesService } from './cases.service'
import { StatsQuerySchema, StatsSchema } from './cases.stats.schema'
import { statsFileName, statsWorkbook } from './cases.stats.xlsx'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The statistics, as JSON for the page and as the same figures in an .xlsx (under casesRoutes' sign-in). */
export async function casesStatsRoutes(app: FastifyInstance, opts: { cases: CasesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { cases } = opts
  const tags = ['cases']

  r.get(
    '/api/cases/stats',
    {
      schema: {
        tags,
        summary:
          'Monthly indicators: 受理数, 立案率, 结案率, 按期结案率, 返工率, 延期率, handling time, satisfaction',
        querystring: StatsQuerySchema,
        response: { 200: StatsSchema },
      },
    },
    (req) => cases.stats(req.ctx, req.query),
  )

  r.get(
    '/api/cases/stats.xlsx',
    {
      schema: {
        tags,
        summary:
          'The same indicators as an Excel workbook, headers in Chinese or (Accept-Language: en) English',
        querystring: StatsQuerySchema,
      },
    },
    async (req, reply) => {
      const stats = await cases.stats(req.ctx, req.query)
      const lang = prefersChinese(req.headers['accept-language']) ? 'zh' : 'en'
      const name = statsFileName(stats, lang)
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store')
        .send(statsWorkbook(stats, lang, new Date()))
    },
  )
}
