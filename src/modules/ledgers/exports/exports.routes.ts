import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../../http/request-context'
import { DISPUTE_SCALES } from '../disputes/disputes.schema'
import { EXPORT_CAP } from '../imports/imports.export'
import { GridCodeSchema } from '../ledgers.schema'
import { DEVICE_STATUSES } from '../things/devices.schema'
import type { RecordExportQuery, RecordExports, RecordExportType } from './exports.service'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`

/** What every export takes besides its list's filters: the list's grid and text, an unmask with its reason. */
const ExportQueryBase = z.object({
  grid: GridCodeSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  unmask: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  reason: z.string().max(200).optional(),
})

const kind = z.string().max(40).optional()

const EXPORTS: Record<RecordExportType, { url: string; what: string; query: z.ZodType<RecordExportQuery> }> =
  {
    organizations: {
      url: '/api/organizations/export.xlsx',
      what: 'The organisations of the list’s filter (legal representative and contact phone masked)',
      query: ExportQueryBase.extend({ kind }),
    },
    devices: {
      url: '/api/devices/export.xlsx',
      what: 'The devices of the list’s filter',
      query: ExportQueryBase.extend({ kind, status: z.enum(DEVICE_STATUSES).optional() }),
    },
    disputes: {
      url: '/api/disputes/export.xlsx',
      what: 'The disputes of the list’s filter (parties’ names and phones masked)',
      query: ExportQueryBase.extend({
        kind,
        scale: z.enum(DISPUTE_SCALES).optional(),
        state: z.enum(['open', 'overdue', 'resolved']).optional(),
      }),
    },
    rooms: {
      url: '/api/rooms/export.xlsx',
      what: 'The rooms (实有房屋) of the buildings of the building list’s filter, with building and unit (room address and owner masked)',
      query: ExportQueryBase,
    },
  }

/** The ledgers' list exports, beside the people export (`/api/people/export.xlsx`). */
export async function exportsRoutes(app: FastifyInstance, opts: { exports: RecordExports }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  for (const [type, e] of Object.entries(EXPORTS) as [RecordExportType, (typeof EXPORTS)[RecordExportType]][])
    r.get(
      e.url,
      {
        preHandler: requireActor,
        config: { permission: 'ledger.export' },
        schema: {
          tags: ['ledgers'],
          summary: `${e.what} within the reader’s export scope as a streamed workbook (at most ${EXPORT_CAP} rows), masked unless unmask=true with a reason; watermarked and audited`,
          querystring: e.query,
        },
      },
      async (req, reply) => {
        const { stream, fileName, rows } = await opts.exports(req.ctx, type, req.query)
        return reply
          .type(XLSX)
          .header('content-disposition', attachment(fileName))
          .header('cache-control', 'no-store')
          .header('x-export-rows', String(rows))
          .send(stream)
      },
    )
}
