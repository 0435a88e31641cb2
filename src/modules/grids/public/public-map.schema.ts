import { z } from 'zod'

export const PublicTileParamsSchema = z.object({
  z: z.coerce.number().int().min(0).max(22),
  x: z.coerce.number().int().min(0),
  tile: z.string().regex(/^\d{1,8}\.mvt$/, 'y.mvt'),
})

export const PlaceQuerySchema = z.object({
  /** Part of a street's or community's name. */
  q: z.string().trim().min(1).max(40),
})

const LngLat = z.tuple([z.number(), z.number()])

export const PlaceSchema = z.object({
  name: z.string(),
  /** The level's key (street, community …): the label beside the name. */
  level: z.string(),
  /** The enclosing place's name, to tell two of the same name apart. */
  parent: z.string().nullable(),
  /** A point inside the place, WGS-84 [lng, lat]. */
  centre: LngLat,
  /** [west, south, east, north], WGS-84. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
})

export const PlacesSchema = z.object({ items: z.array(PlaceSchema) })
