import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../http/request-context'
import {
  MergeBodySchema,
  RepairQuerySchema,
  ReshapeResultSchema,
  SplitBodySchema,
} from './grids.reshape.schema'
import { GridCodeParamsSchema } from './grids.schema'
import type { GridsService } from './grids.service'

export async function gridReshapeRoutes(app: FastifyInstance, opts: { grids: GridsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { grids } = opts
  const tags = ['grids']
  r.addHook('preHandler', requireActor)

  r.post(
    '/api/grids/:code/split',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Split a grid into parts that tile it; its children follow by location, its history stays',
        params: GridCodeParamsSchema,
        querystring: RepairQuerySchema,
        body: SplitBodySchema,
        response: { 201: ReshapeResultSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await grids.split(req.ctx, req.params.code, req.body, req.query.repair)),
  )

  r.post(
    '/api/grids/merge',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Merge sibling grids into a new grid; their children move under it, their history stays',
        body: MergeBodySchema,
        response: { 201: ReshapeResultSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await grids.merge(req.ctx, req.body)),
  )
}
