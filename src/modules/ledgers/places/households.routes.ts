import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import {
  HouseholdCreateBodySchema,
  HouseholdHeadBodySchema,
  HouseholdListQuerySchema,
  HouseholdListSchema,
  HouseholdMemberBodySchema,
  HouseholdMemberParams,
  HouseholdUpdateBodySchema,
  HouseholdViewSchema,
} from './households.schema'
import type { HouseholdsService } from './households.service'
import { IdParams } from './places.schema'

/** Households 户: list and one (names and ID numbers masked), create, members, change of head. */
export async function householdsRoutes(app: FastifyInstance, opts: { households: HouseholdsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { households } = opts
  const tags = ['ledgers']
  const read = { preHandler: requireActor, config: { permission: 'ledger.read' as const } }
  const write = { preHandler: requireActor, config: { permission: 'ledger.write' as const } }

  r.get(
    '/api/households',
    {
      ...read,
      schema: {
        tags,
        summary:
          'Households 户 in scope, newest first, by grid subtree and household number or head’s name (masked)',
        querystring: HouseholdListQuerySchema,
        response: { 200: HouseholdListSchema },
      },
    },
    (req) => households.list(req.ctx, req.query),
  )

  r.post(
    '/api/households',
    {
      ...write,
      schema: {
        tags,
        summary: 'Create a household with its head (in its room’s grid, or its head’s)',
        body: HouseholdCreateBodySchema,
        response: { 201: HouseholdViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await households.create(req.ctx, req.body)),
  )

  r.get(
    '/api/households/:id',
    {
      ...read,
      schema: { tags, summary: 'One household', params: IdParams, response: { 200: HouseholdViewSchema } },
    },
    (req) => households.view(req.ctx, req.params.id),
  )

  r.patch(
    '/api/households/:id',
    {
      ...write,
      schema: {
        tags,
        summary:
          'Change a household’s number and room at the version read (409 ledger.version_conflict when stale)',
        params: IdParams,
        body: HouseholdUpdateBodySchema,
        response: { 200: HouseholdViewSchema },
      },
    },
    (req) => households.update(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/households/:id/members',
    {
      ...write,
      schema: {
        tags,
        summary: 'Add a member with their relation to the head (code table relation)',
        params: IdParams,
        body: HouseholdMemberBodySchema,
        response: { 200: HouseholdViewSchema },
      },
    },
    (req) => households.addMember(req.ctx, req.params.id, req.body),
  )

  r.delete(
    '/api/households/:id/members/:personId',
    {
      ...write,
      schema: {
        tags,
        summary: 'A member leaves the household (today)',
        params: HouseholdMemberParams,
        response: { 200: HouseholdViewSchema },
      },
    },
    (req) => households.removeMember(req.ctx, req.params.id, req.params.personId),
  )

  r.put(
    '/api/households/:id/head',
    {
      ...write,
      schema: {
        tags,
        summary:
          'Change of head 变更户主: a member becomes the head; the former head takes the relation given',
        params: IdParams,
        body: HouseholdHeadBodySchema,
        response: { 200: HouseholdViewSchema },
      },
    },
    (req) => households.changeHead(req.ctx, req.params.id, req.body),
  )
}
