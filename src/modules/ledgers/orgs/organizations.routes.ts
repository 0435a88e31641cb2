import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { RecordParams, UnmaskBodySchema } from '../ledgers.schema'
import {
  OrganizationCreateSchema,
  OrganizationListQuery,
  OrganizationPageSchema,
  OrganizationSchema,
  OrganizationUpdateSchema,
} from './organizations.schema'
import type { OrganizationsService } from './organizations.service'

export async function organizationsRoutes(
  app: FastifyInstance,
  opts: { organizations: OrganizationsService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { organizations } = opts
  const tags = ['ledgers']
  const read = { permission: 'ledger.read' } as const
  const write = { permission: 'ledger.write' } as const

  r.get(
    '/api/organizations',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Organisations in the reader’s grids, newest first (kind, grid subtree, name or credit code)',
        querystring: OrganizationListQuery,
        response: { 200: OrganizationPageSchema },
      },
    },
    (req) => organizations.list(req.ctx, req.query),
  )
  r.get(
    '/api/organizations/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One organisation, contact phone masked',
        params: RecordParams,
        response: { 200: OrganizationSchema },
      },
    },
    (req) => organizations.one(req.ctx, req.params.id),
  )
  r.post(
    '/api/organizations',
    {
      config: write,
      schema: {
        tags,
        summary: 'Register an organisation in a grid (by code or point)',
        body: OrganizationCreateSchema,
        response: { 201: OrganizationSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await organizations.create(req.ctx, req.body)),
  )
  r.patch(
    '/api/organizations/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an organisation (null clears a field)',
        params: RecordParams,
        body: OrganizationUpdateSchema,
        response: { 200: OrganizationSchema },
      },
    },
    (req) => organizations.update(req.ctx, req.params.id, req.body),
  )
  r.delete(
    '/api/organizations/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove an organisation nothing points at',
        params: RecordParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await organizations.remove(req.ctx, req.params.id)
      return reply.code(204).send(null)
    },
  )
  r.post(
    '/api/organizations/:id/unmask',
    {
      config: { permission: 'ledger.unmask' },
      schema: {
        tags,
        summary: 'The contact phone in clear, for a stated reason (audited)',
        params: RecordParams,
        body: UnmaskBodySchema,
        response: { 200: OrganizationSchema },
      },
    },
    (req) => organizations.unmask(req.ctx, req.params.id, req.body.reason),
  )
}
