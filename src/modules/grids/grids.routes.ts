import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/request-context'
import { forbidden } from '../../lib/problem'
import { holdsAnywhere } from '../auth/auth.policy'
import {
  CoverageSchema,
  GridCodeParamsSchema,
  GridCreateBodySchema,
  GridImportBodySchema,
  GridImportResultSchema,
  GridListQuerySchema,
  GridListSchema,
  GridPatchBodySchema,
  GridViewSchema,
  LevelSchema,
  LocateQuerySchema,
  LocateResultSchema,
} from './grids.schema'
import type { GridsService } from './grids.service'

/** A city's grids as GeoJSON run to tens of megabytes. */
const IMPORT_BODY_LIMIT = 200 * 1024 * 1024

export async function gridsRoutes(app: FastifyInstance, opts: { grids: GridsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { grids } = opts
  const tags = ['grids']
  r.addHook('preHandler', requireActor)

  r.get(
    '/api/grids',
    {
      schema: {
        tags,
        summary: 'List grids',
        querystring: GridListQuerySchema,
        response: { 200: GridListSchema },
      },
    },
    (req) => grids.list(req.ctx, req.query),
  )

  r.get(
    '/api/grids/levels',
    {
      schema: {
        tags,
        summary: "The deployment's grid levels, root first",
        response: { 200: z.array(LevelSchema) },
      },
    },
    async () => grids.levels(),
  )

  r.get(
    '/api/grids/locate',
    {
      schema: {
        tags,
        summary: 'The chain of grids covering a point, root first',
        querystring: LocateQuerySchema,
        response: { 200: LocateResultSchema },
      },
    },
    async (req) => {
      if (!holdsAnywhere(req.ctx.actor, 'grid.read'))
        throw forbidden('auth.forbidden', 'You may not view grids')
      return grids.locate(req.query.lng, req.query.lat)
    },
  )

  r.get(
    '/api/grids/:code',
    {
      schema: {
        tags,
        summary: 'One grid with its boundary, ancestors and counts',
        params: GridCodeParamsSchema,
        response: { 200: GridViewSchema },
      },
    },
    (req) => grids.view(req.ctx, req.params.code),
  )

  r.post(
    '/api/grids/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import a GeoJSON FeatureCollection of grids, all or nothing (422 lists every failing feature)',
        body: GridImportBodySchema,
        response: { 201: GridImportResultSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await grids.importCollection(req.ctx, req.body.features)),
  )

  r.get(
    '/api/grids/:code/export.geojson',
    {
      schema: {
        tags,
        summary: 'A grid and its subtree as GeoJSON, in the import format',
        params: GridCodeParamsSchema,
      },
    },
    async (req, reply) =>
      reply.type('application/geo+json').send(await grids.exportSubtree(req.ctx, req.params.code)),
  )

  r.get(
    '/api/grids/:code/coverage',
    {
      schema: {
        tags,
        summary: 'What the children of a grid leave uncovered, and children sized outside their range',
        params: GridCodeParamsSchema,
        response: { 200: CoverageSchema },
      },
    },
    (req) => grids.coverage(req.ctx, req.params.code),
  )

  r.patch(
    '/api/grids/:code',
    {
      schema: {
        tags,
        summary: 'Rename, re-count or re-draw a grid',
        params: GridCodeParamsSchema,
        body: GridPatchBodySchema,
        response: { 200: GridViewSchema },
      },
    },
    (req) => grids.update(req.ctx, req.params.code, req.body),
  )

  r.delete(
    '/api/grids/:code',
    {
      schema: {
        tags,
        summary: 'Retire a grid with no current children (its history stays)',
        params: GridCodeParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await grids.retire(req.ctx, req.params.code)
      return reply.code(204).send(null)
    },
  )

  r.post(
    '/api/grids',
    {
      schema: {
        tags,
        summary: 'Create a grid',
        body: GridCreateBodySchema,
        response: { 201: GridViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await grids.create(req.ctx, req.body)),
  )
}
