import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { badRequest, tooMany } from '../../lib/problem'
import type { Basemap } from './basemap.config'
import type { BasemapArchive } from './basemap.pmtiles'
import { BasemapTileParamsSchema, type MapConfig, MapConfigSchema } from './basemap.schema'

/** Base map tiles per client address per minute: a phone's view is a dozen, a fling a few dozen more. */
const TILE_LIMIT = 1200

const BASEMAP_TILES = '/basemap/{z}/{x}/{y}'

/** The answer of `/api/public/map`, the same for everyone. */
export function mapConfigOf(
  basemap: Basemap,
  archive: BasemapArchive | null,
  publicLevels: string[],
): MapConfig {
  if (basemap.kind === 'pmtiles' && archive) {
    const { format, minzoom, maxzoom } = archive
    const common = { minzoom, maxzoom, attribution: basemap.attribution, crs: 'wgs84' as const }
    return {
      basemap:
        format === 'vector'
          ? { kind: 'vector', tiles: [BASEMAP_TILES], ...common }
          : { kind: 'raster', layers: [[BASEMAP_TILES]], ...common },
      publicLevels,
    }
  }
  if (basemap.kind === 'raster') return { basemap: { ...basemap, minzoom: 0 }, publicLevels }
  if (basemap.kind === 'style') return { basemap, publicLevels }
  return { basemap: { kind: 'none' }, publicLevels }
}

/**
 * `GET /api/public/map`: which base map to draw (public: the report page needs it before any sign-in);
 * `GET /basemap/{z}/{x}/{y}`: the tiles of the PMTiles archive this server holds, when it holds one.
 */
export async function basemapRoutes(
  app: FastifyInstance,
  opts: { config: MapConfig; archive: BasemapArchive | null },
) {
  const r = app.withTypeProvider<ZodTypeProvider>()
  r.get(
    '/api/public/map',
    {
      schema: {
        tags: ['public'],
        summary: 'The base map and the public grid levels',
        response: { 200: MapConfigSchema },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300')
      return opts.config
    },
  )
  const { archive } = opts
  if (!archive) return
  app.addHook('onClose', () => archive.close())
  r.get(
    '/basemap/:z/:x/:tile',
    {
      config: {
        rateLimit: {
          max: TILE_LIMIT,
          timeWindow: '1 minute',
          errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) =>
            tooMany('map.rate_limited', 'Too many requests from this address', Math.ceil(ctx.ttl / 1000)),
        },
      },
      schema: {
        tags: ['public'],
        summary: 'A tile of the base map this server holds',
        params: BasemapTileParamsSchema,
      },
    },
    async (req, reply) => {
      const { z, x } = req.params
      const y = Number.parseInt(req.params.tile, 10)
      if (x >= 2 ** z || y >= 2 ** z) throw badRequest('tile.out_of_range', `No tile ${z}/${x}/${y}`)
      const tile = await archive.tile(z, x, y)
      reply.header('cache-control', 'public, max-age=86400')
      // MapLibre draws nothing for a 204 and logs no error: the archive need not cover the world.
      if (!tile) return reply.code(204).send()
      const etag = `"${createHash('sha1').update(tile.bytes).digest('base64url')}"`
      reply.header('etag', etag)
      if (req.headers['if-none-match'] === etag) return reply.code(304).send()
      return reply.type(tile.type).send(tile.bytes)
    },
  )
}
