import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../../http/request-context'
import type { GridsService } from '../grids.service'
import { TileQuerySchema } from './tiles.build'

const TileParamsSchema = z.object({
  z: z.coerce.number().int().min(0).max(22),
  x: z.coerce.number().int().min(0),
  tile: z.string().regex(/^\d{1,8}\.mvt$/, 'y.mvt'),
})

/** `GET /tiles/grids/{z}/{x}/{y}.mvt`: grid boundaries as Mapbox vector tiles, with an ETag. */
export async function gridTileRoutes(app: FastifyInstance, opts: { grids: GridsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get(
    '/tiles/grids/:z/:x/:tile',
    {
      preHandler: requireActor,
      schema: {
        tags: ['grids'],
        summary: 'Grid boundaries and names as a vector tile',
        params: TileParamsSchema,
        querystring: TileQuerySchema,
      },
    },
    async (req, reply) => {
      const y = Number.parseInt(req.params.tile, 10)
      const tile = await opts.grids.tile(req.ctx, req.params.z, req.params.x, y, req.query.crs)
      const etag = `"${createHash('sha1').update(tile).digest('base64url')}"`
      reply.header('etag', etag).header('cache-control', 'private, max-age=60')
      if (req.headers['if-none-match'] === etag) return reply.code(304).send()
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(tile))
    },
  )
}
