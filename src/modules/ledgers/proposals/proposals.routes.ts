import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import {
  ProposalAnswerSchema,
  ProposalApproveBodySchema,
  ProposalCreateBodySchema,
  ProposalListQuerySchema,
  ProposalListSchema,
  ProposalParams,
  ProposalRejectBodySchema,
  ProposalViewSchema,
} from './proposals.schema'
import type { ProposalsService } from './proposals.service'

/** `/api/ledgers/proposals`: field corrections 采集 → 审核, their conflicts and the review queue. */
export async function proposalsRoutes(app: FastifyInstance, opts: { proposals: ProposalsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { proposals } = opts
  const tags = ['ledgers']
  const read = { preHandler: requireActor, config: { permission: 'ledger.read' as const } }
  const review = { preHandler: requireActor, config: { permission: 'ledger.review' as const } }

  r.post(
    '/api/ledgers/proposals',
    {
      ...read,
      schema: {
        tags,
        summary:
          'Propose a correction of a household or a person at the version read: applied, pending review, or a conflict',
        body: ProposalCreateBodySchema,
        response: { 201: ProposalAnswerSchema },
      },
    },
    async (req, reply) => {
      const { replayed, answer } = await proposals.create(req.ctx, req.body)
      if (replayed) reply.header('idempotent-replayed', 'true')
      return reply.code(201).send(answer)
    },
  )

  r.get(
    '/api/ledgers/proposals',
    {
      ...read,
      schema: {
        tags,
        summary: 'Your proposals and those you review (ledger.review over the record’s grid), newest first',
        querystring: ProposalListQuerySchema,
        response: { 200: ProposalListSchema },
      },
    },
    (req) => proposals.list(req.ctx, req.query),
  )

  r.get(
    '/api/ledgers/proposals/:id',
    {
      ...read,
      schema: {
        tags,
        summary: 'One proposal',
        params: ProposalParams,
        response: { 200: ProposalViewSchema },
      },
    },
    (req) => proposals.view(req.ctx, req.params.id),
  )

  r.post(
    '/api/ledgers/proposals/:id/approve',
    {
      ...review,
      schema: {
        tags,
        summary: 'Approve: apply the proposed fields onto the record at the version you saw',
        params: ProposalParams,
        body: ProposalApproveBodySchema,
        response: { 200: ProposalViewSchema },
      },
    },
    (req) => proposals.approve(req.ctx, req.params.id, req.body.version),
  )

  r.post(
    '/api/ledgers/proposals/:id/reject',
    {
      ...review,
      schema: {
        tags,
        summary: 'Reject with a reason (at least 4 characters); nothing applied',
        params: ProposalParams,
        body: ProposalRejectBodySchema,
        response: { 200: ProposalViewSchema },
      },
    },
    (req) => proposals.reject(req.ctx, req.params.id, req.body.reason),
  )
}
