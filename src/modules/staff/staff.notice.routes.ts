import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { renderNotice, renderNoticeMissing } from './staff.notice'
import { noticeLanguage } from './staff.notice.page'
import { renderNoticePrint } from './staff.notice.print'
import type { StaffService } from './staff.service'

// Any short text: a mistyped code gets the page that says so, not a problem document.
const NoticeParams = z.object({ code: z.string().min(1).max(64) })

const HTML = 'text/html; charset=utf-8'

/**
 * The public notice board 公示牌 of a grid and its printable QR codes: pages without script or login,
 * showing only what the board publishes. `publicUrl` is the address printed in the QR codes.
 */
export async function noticeRoutes(
  app: FastifyInstance,
  opts: { staff: StaffService; hotline: string; publicUrl?: string },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { staff, hotline } = opts
  const tags = ['staff']

  const language = (req: FastifyRequest) => noticeLanguage(req.headers['accept-language'])
  const page = (reply: FastifyReply, html: string) =>
    reply
      .type(HTML)
      .header('cache-control', 'public, max-age=300')
      .header('vary', 'accept-language')
      .send(html)
  const missing = (req: FastifyRequest, reply: FastifyReply, code: string) =>
    reply
      .code(404)
      .type(HTML)
      .header('cache-control', 'no-cache')
      .send(renderNoticeMissing(code, hotline, language(req)))

  r.get(
    '/notice/:code',
    { schema: { tags, summary: "A grid's public notice board (HTML, no login)", params: NoticeParams } },
    async (req, reply) => {
      const notice = await staff.notice(req.params.code)
      if (!notice) return missing(req, reply, req.params.code)
      return page(reply, renderNotice(notice, hotline, language(req)))
    },
  )

  r.get(
    '/notice/:code/print',
    {
      schema: {
        tags,
        summary: "A grid's QR codes on an A4 sheet: the report page and the notice board (HTML, no login)",
        params: NoticeParams,
      },
    },
    async (req, reply) => {
      const notice = await staff.notice(req.params.code)
      if (!notice) return missing(req, reply, req.params.code)
      const origin = opts.publicUrl ?? `${req.protocol}://${req.host}`
      return page(reply, await renderNoticePrint(notice, { hotline, origin, lang: language(req) }))
    },
  )
}
