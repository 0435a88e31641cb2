import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CaseNoParams, CaseSubjectsSchema, LinkParams } from './links.schema'
import type { LinksService } from './links.service'

export async function linksRoutes(app: FastifyInstance, opts: { links: LinksService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { links } = opts
  const config = { permission: 'ledger.write' } as const
  r.get(
    '/api/cases/:no/ledger-links',
    {
      config: { permission: 'ledger.read' },
      schema: {
        tags: ['ledgers'],
        summary: 'The people, rooms and organisations of your grids an event concerns (masked)',
        params: CaseNoParams,
        response: { 200: CaseSubjectsSchema },
      },
    },
    (req) => links.listForCase(req.ctx, req.params.no),
  )
  r.put(
    '/api/ledger-links/:type/:id/cases/:no',
    {
      config,
      schema: {
        tags: ['ledgers'],
        summary: 'Link an event (by number) to a person, room or organisation it concerns',
        params: LinkParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await links.link(req.ctx, req.params.type, req.params.id, req.params.no)
      return reply.code(204).send(null)
    },
  )
  r.delete(
    '/api/ledger-links/:type/:id/cases/:no',
    {
      config,
      schema: {
        tags: ['ledgers'],
        summary: 'Unlink an event from a record',
        params: LinkParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await links.unlink(req.ctx, req.params.type, req.params.id, req.params.no)
      return reply.code(204).send(null)
    },
  )
}
