import { z } from 'zod'

const Crs = z.enum(['wgs84', 'gcj02'])

/** What the web app draws under the grids (tile URLs may be paths on this server). */
export const MapConfigSchema = z.object({
  basemap: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({
      kind: z.literal('raster'),
      /** Raster layers drawn in order, each a list of equivalent tile URL templates. */
      layers: z.array(z.array(z.string())),
      minzoom: z.number().int(),
      maxzoom: z.number().int(),
      attribution: z.string(),
      crs: Crs,
    }),
    z.object({
      kind: z.literal('vector'),
      tiles: z.array(z.string()),
      minzoom: z.number().int(),
      maxzoom: z.number().int(),
      attribution: z.string(),
      crs: Crs,
    }),
    z.object({ kind: z.literal('style'), url: z.string(), attribution: z.string(), crs: Crs }),
  ]),
  /** The grid levels residents see outlined and named (the public tiles'). */
  publicLevels: z.array(z.string()),
})
export type MapConfig = z.infer<typeof MapConfigSchema>

export const BasemapTileParamsSchema = z.object({
  z: z.coerce.number().int().min(0).max(22),
  x: z.coerce.number().int().min(0),
  /** `{y}`, with or without the format's extension. */
  tile: z.string().regex(/^\d{1,8}(\.(png|jpg|jpeg|webp|avif|mvt|pbf))?$/, 'y or y.ext'),
})
