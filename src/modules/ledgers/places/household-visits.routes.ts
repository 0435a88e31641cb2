import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import {
  HouseholdVisitBodySchema,
  HouseholdVisitListSchema,
  HouseholdVisitSchema,
} from './household-visits.schema'
import type { HouseholdVisitsService } from './household-visits.service'
import { IdParams } from './places.schema'

/** Household visits 入户走访: the list, and a visit recorded at a desk or sent from a phone. */
export async function householdVisitsRoutes(app: FastifyInstance, opts: { visits: HouseholdVisitsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { visits } = opts
  const tags = ['ledgers']

  r.get(
    '/api/households/:id/visits',
    {
      preHandler: requireActor,
      config: { permission: 'ledger.read' },
      schema: {
        tags,
        summary: 'The visits of a household, newest first (notes hidden)',
        params: IdParams,
        response: { 200: HouseholdVisitListSchema },
      },
    },
    (req) => visits.list(req.ctx, req.params.id),
  )
  r.post(
    '/api/households/:id/visits',
    {
      preHandler: requireActor,
      config: { permission: 'ledger.write' },
      schema: {
        tags,
        summary:
          'Record a visit to a household (with the phone’s own id, a replay answers the stored visit); its distance from the building is the location proof',
        params: IdParams,
        body: HouseholdVisitBodySchema,
        response: { 200: HouseholdVisitSchema, 201: HouseholdVisitSchema },
      },
    },
    async (req, reply) => {
      const { view, replayed } = await visits.record(req.ctx, req.params.id, req.body)
      if (replayed) reply.header('idempotent-replayed', 'true')
      return reply.code(replayed ? 200 : 201).send(view)
    },
  )
}
