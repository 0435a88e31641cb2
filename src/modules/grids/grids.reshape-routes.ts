import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { requireActor } from '../../http/request-context'
import {
  CutBodySchema,
  CutPreviewSchema,
  MergeBodySchema,
  RepairQuerySchema,
  ReshapeResultSchema,
  SiblingCodesQuerySchema,
  SiblingCodesSchema,
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

  r.post(
    '/api/grids/:code/split/preview',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary:
          'The parts a line drawn across a grid cuts it into, and where its children would go (writes nothing)',
        params: GridCodeParamsSchema,
        body: CutBodySchema,
        response: { 200: CutPreviewSchema },
      },
    },
    (req) => grids.previewCut(req.ctx, req.params.code, req.body),
  )

  r.get(
    '/api/grids/:code/sibling-codes',
    {
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary:
          'Codes never used, for new grids beside this one (the parts of its split, a merger it joins)',
        params: GridCodeParamsSchema,
        querystring: SiblingCodesQuerySchema,
        response: { 200: SiblingCodesSchema },
      },
    },
    (req) => grids.siblingCodes(req.ctx, req.params.code, req.query.count),
  )
}
