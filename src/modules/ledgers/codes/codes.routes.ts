import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../../http/request-context'
import {
  LedgerCodeCreateBodySchema,
  LedgerCodeListQuerySchema,
  LedgerCodeParamsSchema,
  LedgerCodeSchema,
  LedgerCodeTableSchema,
  LedgerCodeUpdateBodySchema,
  VisitPoliciesBodySchema,
  VisitPoliciesSchema,
} from './codes.schema'
import type { CodesService } from './codes.service'

/** The code tables 代码表 and the visit policies 走访周期: read by every user, changed by ledger.configure. */
export async function codesRoutes(app: FastifyInstance, opts: { codes: CodesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { codes } = opts
  const tags = ['ledgers']

  r.get(
    '/api/ledger-codes',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'The ledgers’ code tables (all, or ?table=), with their codes in order',
        querystring: LedgerCodeListQuerySchema,
        response: { 200: z.array(LedgerCodeTableSchema) },
      },
    },
    (req) => codes.list(req.query.table),
  )

  r.post(
    '/api/ledger-codes',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Add a code to a code table (ledger.configure)',
        body: LedgerCodeCreateBodySchema,
        response: { 201: LedgerCodeSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await codes.create(req.ctx, req.body)),
  )

  r.patch(
    '/api/ledger-codes/:table/:code',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Rename, reorder, deactivate or reactivate a code (ledger.configure)',
        params: LedgerCodeParamsSchema,
        body: LedgerCodeUpdateBodySchema,
        response: { 200: LedgerCodeSchema },
      },
    },
    (req) => codes.update(req.ctx, req.params.table, req.params.code, req.body),
  )

  r.get(
    '/api/visit-policies',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'The visit policies: days between visits per group from an attention level',
        response: { 200: VisitPoliciesSchema },
      },
    },
    () => codes.policies(),
  )

  r.put(
    '/api/visit-policies',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Replace the visit policies; open memberships are rescheduled (ledger.configure)',
        body: VisitPoliciesBodySchema,
        response: { 200: VisitPoliciesSchema },
      },
    },
    (req) => codes.replacePolicies(req.ctx, req.body.policies),
  )
}
