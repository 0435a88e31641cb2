import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prefersChinese } from '../../http/problem-titles'
import { requireActor } from '../../http/request-context'
import { importFailuresInChinese } from './grids.import'
import { RepairQuerySchema } from './grids.reshape.schema'
import {
  CoverageSchema,
  GridCodeParamsSchema,
  GridCreateBodySchema,
  GridImportResultSchema,
  GridListQuerySchema,
  GridListSchema,
  GridPatchBodySchema,
  GridRootsSchema,
  GridViewSchema,
  LevelSchema,
  LocateQuerySchema,
  LocateResultSchema,
} from './grids.schema'
import type { GridsService } from './grids.service'
import { readShapefileZip, SHAPEFILE_ZIP_TYPES } from './grids.shapefile'
import { GridImportRequestSchema, importValidatorCompiler } from './grids.shapefile-body'

/** A city's grids as GeoJSON run to tens of megabytes. */
const IMPORT_BODY_LIMIT = 200 * 1024 * 1024

export async function gridsRoutes(app: FastifyInstance, opts: { grids: GridsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const { grids } = opts
  const tags = ['grids']
  r.addHook('preHandler', requireActor)
  // Only the import reads zips, and only once its sender is known to manage grids.
  r.addContentTypeParser(SHAPEFILE_ZIP_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

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
    '/api/grids/roots',
    {
      schema: {
        tags,
        summary: "Where the reader's grid tree starts: the top of each subtree they may read",
        response: { 200: GridRootsSchema },
      },
    },
    (req) => grids.roots(req.ctx),
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
    (req) => grids.locate(req.ctx, req.query.lng, req.query.lat),
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
      // Checked before the body is read: the large limit is for grid managers only.
      config: { permission: 'grid.manage' },
      bodyLimit: IMPORT_BODY_LIMIT,
      validatorCompiler: importValidatorCompiler,
      schema: {
        tags,
        summary:
          'Import grids from a GeoJSON FeatureCollection or a zipped Shapefile, all or nothing (422 lists every failing feature)',
        consumes: ['application/json', ...SHAPEFILE_ZIP_TYPES],
        querystring: RepairQuerySchema,
        body: GridImportRequestSchema,
        response: { 201: GridImportResultSchema },
      },
    },
    async (req, reply) => {
      const features = Buffer.isBuffer(req.body) ? readShapefileZip(req.body) : req.body.features
      try {
        return reply.code(201).send(await grids.importCollection(req.ctx, features, req.query.repair))
      } catch (error) {
        if (!prefersChinese(req.headers['accept-language'])) throw error
        throw importFailuresInChinese(error, features, grids.levels())
      }
    },
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
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Rename, re-count, re-draw or re-code a grid',
        params: GridCodeParamsSchema,
        querystring: RepairQuerySchema,
        body: GridPatchBodySchema,
        response: { 200: GridViewSchema },
      },
    },
    (req) => grids.update(req.ctx, req.params.code, req.body, req.query.repair),
  )

  r.delete(
    '/api/grids/:code',
    {
      config: { permission: 'grid.manage' },
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
      config: { permission: 'grid.manage' },
      schema: {
        tags,
        summary: 'Create a grid',
        querystring: RepairQuerySchema,
        body: GridCreateBodySchema,
        response: { 201: GridViewSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await grids.create(req.ctx, req.body, req.query.repair)),
  )
}
