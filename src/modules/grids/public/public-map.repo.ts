import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { likeContains } from '../../../lib/like'

export interface PlaceRow {
  name: string
  level: string
  parent: string | null
  lng: number
  lat: number
  west: number
  south: number
  east: number
  north: number
}

/** SQL of the public map: what a resident may look up. */
export const publicMapRepo = {
  /** Current grids of the given levels whose name contains `q`, shallowest first, with their parent's name. */
  async places(ex: Executor, q: string, levels: string[], limit: number): Promise<PlaceRow[]> {
    const levelList = sql.join(
      levels.map((l) => sql`${l}`),
      sql`, `,
    )
    return queryRows(
      ex,
      sql`select g.name, g.level, p.name as parent,
          ST_X(c.pt) as lng, ST_Y(c.pt) as lat,
          ST_XMin(g.boundary) as west, ST_YMin(g.boundary) as south,
          ST_XMax(g.boundary) as east, ST_YMax(g.boundary) as north
        from grids g
        cross join lateral (select ST_PointOnSurface(g.boundary) as pt) c
        left join grids p on p.valid_to is null and nlevel(g.path) > 1
          and p.path = subpath(g.path, 0, nlevel(g.path) - 1) and p.level in (${levelList})
        where g.valid_to is null and g.level in (${levelList}) and g.boundary is not null
          and ${likeContains(sql.raw('g.name'), q, { ilike: true })}
        order by nlevel(g.path), length(g.name), g.name
        limit ${limit}`,
    )
  },
}
