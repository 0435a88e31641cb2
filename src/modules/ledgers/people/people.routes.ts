import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../../http/request-context'
import {
  AccessLogQuerySchema,
  AccessLogSchema,
  PersonClearSchema,
  PersonCreateBodySchema,
  PersonFieldsSchema,
  PersonListQuerySchema,
  PersonListSchema,
  PersonParamsSchema,
  PersonReasonBodySchema,
  PersonTagsBodySchema,
  PersonUpdateBodySchema,
  PersonViewSchema,
} from './people.schema'
import type { PeopleService } from './people.service'
import type { PersonTagsService } from './people.tags.service'

/** `/api/people`: the people ledger 实有人口, masked by default; unmask and erase say why. */
export async function peopleRoutes(
  app: FastifyInstance,
  opts: { people: PeopleService; tags: PersonTagsService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { people } = opts
  const tags = ['ledgers']
  const pre = { preHandler: requireActor }

  r.get(
    '/api/people',
    {
      ...pre,
      schema: {
        tags,
        summary:
          'People in your grids, masked, by name then id; q is a name (partial), an ID number or a phone (exact)',
        querystring: PersonListQuerySchema,
        response: { 200: PersonListSchema },
      },
    },
    (req) => people.list(req.ctx, req.query),
  )

  r.get(
    '/api/people/fields',
    {
      ...pre,
      schema: {
        tags,
        summary: 'The fields of a person as the form and the Excel sheet know them, with code choices',
        response: { 200: PersonFieldsSchema },
      },
    },
    () => people.fields(),
  )

  r.get(
    '/api/people/:id',
    {
      ...pre,
      schema: {
        tags,
        summary: 'A person’s profile 一人一档, masked, with what you may do',
        params: PersonParamsSchema,
        response: { 200: PersonViewSchema },
      },
    },
    (req) => people.one(req.ctx, req.params.id),
  )

  r.post(
    '/api/people',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Register a person; an ID number already on the ledger is a 409',
        body: PersonCreateBodySchema,
        response: { 201: PersonViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await people.create(req.ctx, req.body)),
  )

  r.patch(
    '/api/people/:id',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Change some fields of a person (null clears one), at the version read',
        params: PersonParamsSchema,
        body: PersonUpdateBodySchema,
        response: { 200: PersonViewSchema },
      },
    },
    (req) => people.update(req.ctx, req.params.id, req.body),
  )

  r.put(
    '/api/people/:id/tags',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Set a person’s tags 标签 (trimmed, 1–20 characters, at most 10), at the version read',
        params: PersonParamsSchema,
        body: PersonTagsBodySchema,
        response: { 200: PersonViewSchema },
      },
    },
    (req) => opts.tags.set(req.ctx, req.params.id, req.body),
  )

  r.post(
    '/api/people/:id/erase',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Erase a person’s personal data on request (PIPL); statistics kept; audited',
        params: PersonParamsSchema,
        body: PersonReasonBodySchema,
        response: { 200: PersonViewSchema },
      },
    },
    (req) => people.erase(req.ctx, req.params.id, req.body.reason),
  )

  r.post(
    '/api/people/:id/unmask',
    {
      ...pre,
      schema: {
        tags,
        summary: 'A person’s personal fields in clear, with a reason; audited; shown until `until`',
        params: PersonParamsSchema,
        body: PersonReasonBodySchema,
        response: { 200: PersonClearSchema },
      },
    },
    (req) => people.unmask(req.ctx, req.params.id, req.body.reason),
  )

  r.get(
    '/api/people/:id/access-log',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Who read or unmasked this person (for the chiefs over their grid)',
        params: PersonParamsSchema,
        querystring: AccessLogQuerySchema.omit({ grid: true }),
        response: { 200: AccessLogSchema },
      },
    },
    (req) => people.accessLog(req.ctx, req.params.id, req.query),
  )

  r.get(
    '/api/ledgers/access-log',
    {
      ...pre,
      schema: {
        tags,
        summary: 'Who read or unmasked the people of your subtree (or of one grid)',
        querystring: AccessLogQuerySchema,
        response: { 200: AccessLogSchema },
      },
    },
    (req) => people.accessLogWithin(req.ctx, req.query),
  )
}
