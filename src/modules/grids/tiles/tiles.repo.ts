import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'

/**
 * Which properties a tile's features carry: staff read code, name, level and whether the grid is an
 * exclusive one 专属网格; residents read name and level only (no code: it is the staff's handle).
 */
export type TileAudience = 'staff' | 'public'

export interface TileRow {
  name: string
  level: string
  code?: string
  exclusive?: boolean
}

const properties = (audience: TileAudience): SQL =>
  audience === 'staff' ? sql`g.code, g.name, g.level, g.exclusive` : sql`g.name, g.level`

const levelList = (levels: string[]) =>
  sql.join(
    levels.map((l) => sql`${l}`),
    sql`, `,
  )

/** The current grids of these levels, within these subtrees, that touch an envelope (SRID 4326). */
const gridsTouching = (env: SQL, levels: string[], within: string[] | null, audience: TileAudience) =>
  sql`select ${properties(audience)}, g.boundary from grids g
    where g.valid_to is null and g.level in (${levelList(levels)}) and g.boundary && ${env}
    ${andPathWithin(sql.raw('g.path'), within)}`

/**
 * Grid tiles, two layers: `grids` (the outlines) and `labels` (one point inside each grid, in the one
 * tile that holds it, so a name is drawn once however the outline is cut).
 */
export const tilesRepo = {
  /** A Mapbox vector tile written by PostGIS (ST_AsMVT). */
  async mvt(
    ex: Executor,
    tile: { z: number; x: number; y: number },
    levels: string[],
    within: string[] | null,
    audience: TileAudience,
  ): Promise<Uint8Array> {
    const { z, x, y } = tile
    const cols = audience === 'staff' ? sql`code, name, level, exclusive` : sql`name, level`
    const [row] = await queryRows<{ outlines: Uint8Array | null; labels: Uint8Array | null }>(
      ex,
      sql`with b as (select ST_TileEnvelope(${z}, ${x}, ${y}) as env),
        g as (${gridsTouching(sql`(select ST_Transform(env, 4326) from b)`, levels, within, audience)}),
        outlines as (select ST_AsMVTGeom(ST_Transform(g.boundary, 3857), b.env, 4096, 64, true) as geom, ${cols} from g, b),
        labels as (select ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(g.boundary), 3857), b.env, 4096, 0, true) as geom, ${cols} from g, b)
        select (select ST_AsMVT(outlines.*, 'grids', 4096, 'geom') from outlines where geom is not null) as outlines,
          (select ST_AsMVT(labels.*, 'labels', 4096, 'geom') from labels where geom is not null) as labels`,
    )
    // A tile is a list of layers: two encoded layers side by side are one tile with both.
    return Buffer.concat([row?.outlines ?? new Uint8Array(), row?.labels ?? new Uint8Array()])
  },

  /** The same grids as GeoJSON clipped to the (buffered) bounds, with their label points, for encoding outside the database. */
  async features(
    ex: Executor,
    bounds: [number, number, number, number],
    levels: string[],
    within: string[] | null,
    audience: TileAudience,
  ): Promise<(TileRow & { geometry: string; label: string })[]> {
    const [w, s, e, n] = bounds
    const env = sql`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`
    return queryRows(
      ex,
      sql`select ${properties(audience)}, ST_AsGeoJSON(ST_Intersection(g.boundary, ${env}), 7) as geometry,
          ST_AsGeoJSON(ST_PointOnSurface(g.boundary), 7) as label
        from (${gridsTouching(env, levels, within, audience)}) g`,
    )
  },
}
