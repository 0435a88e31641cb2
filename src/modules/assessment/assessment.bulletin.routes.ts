import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prefersChinese } from '../../http/problem-titles'
import { requireActor } from '../../http/request-context'
import { bulletinPdf, pdfFontOf } from './assessment.bulletin.pdf'
import type { BulletinService } from './assessment.bulletin.service'
import { bulletinFileName, bulletinWorkbook } from './assessment.bulletin.xlsx'
import { BulletinComposeBodySchema, BulletinListSchema, BulletinViewSchema } from './assessment.schema'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const langOf = (header: string | undefined) => (prefersChinese(header) ? 'zh' : 'en')
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`

/** Bulletins 通报: compose, list (published ones for the workbenches), read, publish, print (PDF), Excel. */
export async function bulletinRoutes(
  app: FastifyInstance,
  opts: { bulletins: BulletinService; pdfFont?: string },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { bulletins } = opts
  const tags = ['assessment']
  const id = z.object({ id: z.uuid() })

  r.post(
    '/api/assessment/bulletins',
    {
      preHandler: requireActor,
      config: { permission: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Compose (again) the bulletin of an area and a period, as a draft',
        body: BulletinComposeBodySchema,
        response: { 200: BulletinViewSchema },
      },
    },
    (req) => bulletins.compose(req.ctx, req.body, langOf(req.headers['accept-language'])),
  )

  r.get(
    '/api/assessment/bulletins',
    {
      preHandler: requireActor,
      config: { permission: ['case.read', 'assessment.read', 'assessment.manage'] },
      schema: {
        tags,
        summary:
          'Published bulletins of the reader’s areas (the workbench’s), or drafts for those who assess',
        querystring: z.object({
          state: z.enum(['draft', 'published']).default('published'),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: BulletinListSchema },
      },
    },
    (req) => bulletins.list(req.ctx, req.query, langOf(req.headers['accept-language'])),
  )

  r.get(
    '/api/assessment/bulletins/:id',
    {
      preHandler: requireActor,
      config: { permission: ['case.read', 'assessment.read', 'assessment.manage'] },
      schema: { tags, summary: 'One bulletin', params: id, response: { 200: BulletinViewSchema } },
    },
    (req) => bulletins.get(req.ctx, req.params.id, langOf(req.headers['accept-language'])),
  )

  r.post(
    '/api/assessment/bulletins/:id/publish',
    {
      preHandler: requireActor,
      config: { permission: 'assessment.manage' },
      schema: {
        tags,
        summary: 'Publish a bulletin to the workbenches',
        params: id,
        response: { 200: BulletinViewSchema },
      },
    },
    (req) => bulletins.publish(req.ctx, req.params.id, langOf(req.headers['accept-language'])),
  )

  r.get(
    '/api/assessment/bulletins/:id/export.:format',
    {
      preHandler: requireActor,
      config: { permission: ['case.read', 'assessment.read', 'assessment.manage'] },
      schema: {
        tags,
        summary: 'A bulletin printed (pdf, in Chinese) or as a workbook (xlsx, in the reader’s language)',
        params: id.extend({ format: z.enum(['pdf', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      const lang = langOf(req.headers['accept-language'])
      const { body } = await bulletins.get(req.ctx, req.params.id, lang)
      reply.header('cache-control', 'no-store')
      if (req.params.format === 'pdf') {
        const pdf = await bulletinPdf(body, pdfFontOf(opts.pdfFont))
        return reply
          .type('application/pdf')
          .header('content-disposition', attachment(bulletinFileName(body, 'pdf', 'zh')))
          .send(pdf)
      }
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(bulletinFileName(body, 'xlsx', lang)))
        .send(await bulletinWorkbook(body, lang))
    },
  )
}
