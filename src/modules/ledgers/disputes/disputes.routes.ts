import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { RecordParams } from '../ledgers.schema'
import {
  DisputeCreateSchema,
  DisputeListQuery,
  DisputePageSchema,
  DisputeSchema,
  DisputeUpdateSchema,
} from './disputes.schema'
import type { DisputesService } from './disputes.service'

export async function disputesRoutes(app: FastifyInstance, opts: { disputes: DisputesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { disputes } = opts
  const tags = ['ledgers']
  const read = { permission: 'ledger.read' } as const
  const write = { permission: 'ledger.write' } as const

  r.get(
    '/api/disputes',
    {
      config: read,
      schema: {
        tags,
        summary: 'Disputes in the reader’s grids (kind, scale, open/overdue/resolved, text)',
        querystring: DisputeListQuery,
        response: { 200: DisputePageSchema },
      },
    },
    (req) => disputes.list(req.ctx, req.query),
  )
  r.get(
    '/api/disputes/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One dispute, parties’ names masked',
        params: RecordParams,
        response: { 200: DisputeSchema },
      },
    },
    (req) => disputes.one(req.ctx, req.params.id),
  )
  r.post(
    '/api/disputes',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record a dispute (linked to an event by its number when there is one)',
        body: DisputeCreateSchema,
        response: { 201: DisputeSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await disputes.create(req.ctx, req.body)),
  )
  r.patch(
    '/api/disputes/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a dispute: mediation, outcome, resolution',
        params: RecordParams,
        body: DisputeUpdateSchema,
        response: { 200: DisputeSchema },
      },
    },
    (req) => disputes.update(req.ctx, req.params.id, req.body),
  )
  r.delete(
    '/api/disputes/:id',
    {
      config: write,
      schema: { tags, summary: 'Remove a dispute', params: RecordParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await disputes.remove(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )
}
