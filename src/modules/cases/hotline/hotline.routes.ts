import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { badRequest, Problem } from '../../../lib/problem'
import { parseCsv, parseXlsx } from './hotline.parse'
import type { createHotlineImport } from './hotline.service'

/** UTF-8, or GB18030 (a superset of GBK) as Excel on Chinese Windows saves CSV. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const IMPORT_LIMIT = 20 * 1024 * 1024

export async function hotlineRoutes(
  app: FastifyInstance,
  opts: { importSheet: ReturnType<typeof createHotlineImport> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  // Raw bodies only here: the file is read once the sender is known to be intake staff.
  r.addContentTypeParser(
    ['text/csv', XLSX],
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
    (_req, body, done) => done(null, body),
  )

  r.post(
    '/api/cases/import',
    {
      // Before the body is read: the 20 MB limit is for intake staff only.
      config: { permission: 'case.accept' },
      bodyLimit: IMPORT_LIMIT,
      schema: {
        tags: ['cases'],
        summary:
          'Import 12345 hotline work orders from CSV or .xlsx; each bad row is reported, good ones are taken in',
        consumes: ['text/csv', XLSX],
        response: {
          200: z.object({
            rows: z.number(),
            created: z.number(),
            skipped: z.number(),
            failures: z.array(
              z.object({
                row: z.number(),
                ticket: z.string().nullable(),
                code: z.string(),
                reason: z.string(),
              }),
            ),
            /** Every row taken in (`created`, with its case number) or skipped as imported before. */
            taken: z.array(
              z.object({
                row: z.number(),
                ticket: z.string(),
                outcome: z.enum(['created', 'skipped']),
                no: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const body = req.body as Buffer
      const type = req.headers['content-type']?.split(';')[0]?.trim()
      let sheet: string[][]
      try {
        sheet = type === XLSX ? parseXlsx(body) : parseCsv(decodeText(body))
      } catch (error) {
        // The archive's own problems say what was wrong; nothing from inside a parser reaches the client.
        if (error instanceof Problem) throw error
        throw badRequest('case.import_unreadable', 'The file cannot be read')
      }
      return opts.importSheet(req.ctx, sheet)
    },
  )
}
