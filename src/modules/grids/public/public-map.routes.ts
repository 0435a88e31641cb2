import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { tooMany } from '../../../lib/problem'
import type { GridsService } from '../grids.service'
import { TileQuerySchema } from '../tiles/tiles.build'
import { PlaceQuerySchema, PlacesSchema, PublicTileParamsSchema } from './public-map.schema'

/** Requests per client address per minute: a map view is a dozen tiles, a search one per keystroke pause. */
export const PUBLIC_MAP_LIMITS = { tile: 600, places: 60 } as const

const limited = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) =>
      tooMany('map.rate_limited', 'Too many requests from this address', Math.ceil(ctx.ttl / 1000)),
  },
})

/**
 * The resident's map, without sign-in: `GET /tiles/public/{z}/{x}/{y}.mvt` (outlines and names of the
 * public levels) and `GET /api/public/places?q=` (those places by name).
 */
export async function publicMapRoutes(
  app: FastifyInstance,
  opts: { grids: GridsService; limits?: Partial<typeof PUBLIC_MAP_LIMITS> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const limits = { ...PUBLIC_MAP_LIMITS, ...opts.limits }
  const tags = ['public']
  r.get(
    '/tiles/public/:z/:x/:tile',
    {
      config: limited(limits.tile),
      schema: {
        tags,
        summary: 'Outlines and names of the public grid levels, as a vector tile',
        params: PublicTileParamsSchema,
        querystring: TileQuerySchema,
      },
    },
    async (req, reply) => {
      const y = Number.parseInt(req.params.tile, 10)
      const tile = await opts.grids.publicTile(req.params.z, req.params.x, y, req.query.crs)
      const etag = `"${createHash('sha1').update(tile).digest('base64url')}"`
      reply.header('etag', etag).header('cache-control', 'public, max-age=300')
      if (req.headers['if-none-match'] === etag) return reply.code(304).send()
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(tile))
    },
  )
  r.get(
    '/api/public/places',
    {
      config: limited(limits.places),
      schema: {
        tags,
        summary: 'Streets and communities by name, with a point and a box to show',
        querystring: PlaceQuerySchema,
        response: { 200: PlacesSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60')
      return opts.grids.places(req.query.q)
    },
  )
}
