import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { SUBJECT_TYPES } from './links.repo'
import type { LinksService } from './links.service'

const LinkParams = z.object({
  type: z.enum(SUBJECT_TYPES),
  id: z.uuid(),
  no: z.string().trim().min(1).max(40),
})

export async function linksRoutes(app: FastifyInstance, opts: { links: LinksService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { links } = opts
  const config = { permission: 'ledger.write' } as const
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
