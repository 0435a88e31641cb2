import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'
import { likeContains, likeStartsWith } from '../../lib/like'

export interface OutlineRow {
  code: string
  name: string
  level: string
  path: string
  hasChildren: boolean
}

/** Which current grids: the children of one, those a text finds, or the outermost of some subtrees. */
export type OutlinePick = { parentCode: string } | { search: string } | { tops: string[] | null }

function condition(pick: OutlinePick) {
  if ('parentCode' in pick) return sql`g.parent_id = (select id from grids where code = ${pick.parentCode})`
  if ('search' in pick)
    return sql`(${likeStartsWith(sql.raw('g.code'), pick.search)} or ${likeContains(sql.raw('g.name'), pick.search, { ilike: true })})`
  if (pick.tops === null) return sql`g.parent_id is null`
  if (pick.tops.length === 0) return sql`false`
  return sql`g.path::text = any(array[${sql.join(
    pick.tops.map((p) => sql`${p}`),
    sql`, `,
  )}]::text[])`
}

export const gridOutlineRepo = {
  async list(ex: Executor, pick: OutlinePick, within: string[] | null, limit: number): Promise<OutlineRow[]> {
    return queryRows<OutlineRow>(
      ex,
      sql`select g.code, g.name, g.level, g.path::text as path,
          exists (select 1 from grids c where c.parent_id = g.id and c.valid_to is null) as "hasChildren"
        from grids g
        where g.valid_to is null and ${condition(pick)} ${andPathWithin(sql.raw('g.path'), within)}
        order by g.code limit ${limit}`,
    )
  },
}
