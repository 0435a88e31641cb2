import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { likeContains } from '../../../lib/like'

export interface PublicAddressRow {
  address: string
  parent: string | null
  lng: number
  lat: number
}

/** Standard addresses for the resident's place search: the address and the public place above it, nothing else. */
export const publicAddressesRepo = {
  search(
    ex: Executor,
    q: string,
    publicLevels: readonly string[],
    limit: number,
  ): Promise<PublicAddressRow[]> {
    const levels = sql.join(
      publicLevels.map((l) => sql`${l}`),
      sql`, `,
    )
    return queryRows<PublicAddressRow>(
      ex,
      sql`select b.address,
          (select g.name from grids g where g.valid_to is null and g.level in (${levels}) and g.path @> b.grid_path
            order by nlevel(g.path) desc limit 1) as parent,
          ST_X(b.point) as lng, ST_Y(b.point) as lat
        from buildings b
        where ${likeContains(sql`b.address`, q, { ilike: true })} or ${likeContains(sql`coalesce(b.estate, '')`, q, { ilike: true })}
        order by b.address limit ${limit}`,
    )
  },
}
