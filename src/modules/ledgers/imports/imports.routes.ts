import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../../http/request-context'
import { loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { createPeopleExport, EXPORT_CAP } from './imports.export'
import { createImports, MAX_IMPORT_ROWS } from './imports.service'
import { templateWorkbook } from './imports.sheet'
import { RECORD_TYPE_KEYS, RECORD_TYPES } from './imports.types'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Uploads larger than this are refused (413 request.too_large) before they are read. */
export const IMPORT_BYTES = 20 * 1024 * 1024

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`

const ImportViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  mode: z.enum(['all_or_nothing', 'valid_only']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  fileName: z.string(),
  rowsRead: z.number(),
  rowsCreated: z.number(),
  rowsUpdated: z.number(),
  rowsFailed: z.number(),
  rolledBack: z.boolean(),
  errorReport: z.boolean(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})

const TypeParams = z.object({ type: z.enum(RECORD_TYPE_KEYS) })
const IdParams = z.object({ id: z.string().uuid() })
const GridCode = z.string().regex(/^\d{1,40}$/, 'digits only')

export async function importsRoutes(app: FastifyInstance, opts: { deps: LedgerDeps }) {
  const { deps } = opts
  const imports = createImports(deps)
  const exportPeople = createPeopleExport(deps)
  app.addHook('onClose', () => imports.stop())

  const r = app.withTypeProvider<ZodTypeProvider>()
  // Raw bodies only in this plugin: the file is read once the sender may import.
  r.addContentTypeParser(
    [XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_BYTES },
    (_req, body, done) => done(null, body),
  )
  const tags = ['ledgers']

  r.get(
    '/api/imports/:type/template.xlsx',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary:
          'The import template of a record type: Chinese headers (required ones marked *), English keys, drop-downs, an example row and the version mark',
        params: TypeParams,
        querystring: z.object({ grid: GridCode.optional() }),
      },
    },
    async (req, reply) => {
      const sheet = RECORD_TYPES[req.params.type]
      const bytes = await templateWorkbook(sheet, await loadCodeBook(deps.db), {
        defaultGrid: req.query.grid,
      })
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`${sheet.zh}导入模板_v${sheet.version}.xlsx`))
        .header('cache-control', 'no-store')
        .send(bytes)
    },
  )

  r.post(
    '/api/imports/:type',
    {
      config: { permission: 'ledger.write' },
      bodyLimit: IMPORT_BYTES,
      onRequest: async (req) => {
        // After the caller is known and before the body is read: importing needs both permissions.
        imports.assertMayImport(req.ctx, (req.params as { type?: string }).type)
      },
      schema: {
        tags,
        summary: `Upload a filled template (.xlsx, at most 20 MB and ${MAX_IMPORT_ROWS} rows): queued as a background job (202)`,
        consumes: [XLSX],
        params: TypeParams,
        querystring: z.object({
          mode: z.enum(['all_or_nothing', 'valid_only']).default('valid_only'),
          grid: GridCode.optional(),
          fileName: z.string().max(200).optional(),
        }),
        response: { 202: z.object({ id: z.string(), status: z.literal('queued') }) },
      },
    },
    async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
      const started = await imports.start(req.ctx, {
        type: req.params.type,
        mode: req.query.mode,
        grid: req.query.grid,
        fileName: req.query.fileName ?? `${req.params.type}.xlsx`,
        bytes,
      })
      return reply.code(202).send(started)
    },
  )

  r.get(
    '/api/imports',
    {
      preHandler: requireActor,
      schema: { tags, summary: 'The caller’s latest imports', response: { 200: z.array(ImportViewSchema) } },
    },
    (req) => imports.mine(req.ctx),
  )

  r.get(
    '/api/imports/:id',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'An import’s status, counts and progress (its importer, or an exporter over its grid)',
        params: IdParams,
        response: { 200: ImportViewSchema },
      },
    },
    (req) => imports.get(req.ctx, req.params.id),
  )

  r.get(
    '/api/imports/:id/errors.xlsx',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary:
          'The failed rows as read, with an error column naming each field and why; fix and import again',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { bytes, fileName } = await imports.report(req.ctx, req.params.id)
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .send(bytes)
    },
  )

  r.get(
    '/api/people/export.xlsx',
    {
      preHandler: requireActor,
      config: { permission: 'ledger.export' },
      schema: {
        tags,
        summary: `The people within the reader’s export scope as a streamed workbook (at most ${EXPORT_CAP} rows), masked unless unmask=true with a reason; watermarked and audited`,
        querystring: z.object({
          grid: GridCode.optional(),
          kind: z.enum(['registered', 'floating', 'foreign']).optional(),
          unmask: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
          reason: z.string().max(200).optional(),
        }),
      },
    },
    async (req, reply) => {
      const { stream, fileName, rows } = await exportPeople(req.ctx, req.query)
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(fileName))
        .header('cache-control', 'no-store')
        .header('x-export-rows', String(rows))
        .send(stream)
    },
  )
}
