import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../../http/request-context'
import {
  BoardQuerySchema,
  BoardSchema,
  DueQuerySchema,
  DueVisitsSchema,
  MembershipCreateBodySchema,
  MembershipEndBodySchema,
  MembershipListQuerySchema,
  MembershipPageSchema,
  MembershipParamsSchema,
  MembershipUpdateBodySchema,
  MembershipViewSchema,
  UnmaskBodySchema,
  UnmaskedMembershipSchema,
  VisitCreateBodySchema,
  VisitRecordedSchema,
  VisitViewSchema,
} from './groups.schema'
import type { GroupsService } from './groups.service'

/** Special groups 特殊人群, their care plans and visits 走访. Everything answers 404 outside ledger.special. */
export async function groupsRoutes(app: FastifyInstance, opts: { groups: GroupsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { groups } = opts
  const tags = ['ledgers']
  const params = MembershipParamsSchema

  r.get(
    '/api/groups',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Memberships of special groups in the reader’s scope, names masked, newest first',
        querystring: MembershipListQuerySchema,
        response: { 200: MembershipPageSchema },
      },
    },
    (req) => groups.list(req.ctx, req.query),
  )

  r.get(
    '/api/groups/board',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Open memberships per group under each child grid of a grid, overdue visits apart',
        querystring: BoardQuerySchema,
        response: { 200: BoardSchema },
      },
    },
    (req) => groups.board(req.ctx, req.query.grid),
  )

  r.post(
    '/api/groups',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Register a person in a special group (notes and guardian sealed)',
        body: MembershipCreateBodySchema,
        response: { 201: MembershipViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await groups.create(req.ctx, req.body)),
  )

  r.get(
    '/api/groups/:id',
    {
      preHandler: requireActor,
      schema: { tags, summary: 'One membership, masked', params, response: { 200: MembershipViewSchema } },
    },
    (req) => groups.get(req.ctx, req.params.id),
  )

  r.patch(
    '/api/groups/:id',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Change a membership (attention, sub-kind, dates, worker, details, notes); reschedules',
        params,
        body: MembershipUpdateBodySchema,
        response: { 200: MembershipViewSchema },
      },
    },
    (req) => groups.update(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/groups/:id/end',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'End a membership (today, or on the day given)',
        params,
        body: MembershipEndBodySchema,
        response: { 200: MembershipViewSchema },
      },
    },
    (req) => groups.end(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/groups/:id/unmask',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary:
          'The membership and its visits in clear: break-glass or the responsible worker, a reason, audited',
        params,
        body: UnmaskBodySchema,
        response: { 200: UnmaskedMembershipSchema },
      },
    },
    (req) => groups.unmask(req.ctx, req.params.id, req.body.reason),
  )

  r.get(
    '/api/groups/:id/visits',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'The visits of a membership, newest first (notes hidden)',
        params,
        response: { 200: z.array(VisitViewSchema) },
      },
    },
    (req) => groups.visits(req.ctx, req.params.id),
  )

  r.post(
    '/api/groups/:id/visits',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary:
          'Record a visit by the caller; the next due date moves on from it (with the phone’s own id, a replay answers the stored visit)',
        params,
        body: VisitCreateBodySchema,
        response: { 200: VisitRecordedSchema, 201: VisitRecordedSchema },
      },
    },
    async (req, reply) => {
      const { replayed, ...recorded } = await groups.recordVisit(req.ctx, req.params.id, req.body)
      if (replayed) reply.header('idempotent-replayed', 'true')
      return reply.code(replayed ? 200 : 201).send(recorded)
    },
  )

  r.get(
    '/api/visits/due',
    {
      preHandler: requireActor,
      schema: {
        tags,
        summary: 'Visits due this week (or the week of ?week=) across all groups, overdue first',
        querystring: DueQuerySchema,
        response: { 200: DueVisitsSchema },
      },
    },
    (req) => groups.due(req.ctx, req.query.week),
  )
}
