import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'

export interface BoardGridRow {
  id: string
  code: string
  name: string
  level: string
  path: string
  has_children: boolean
}

const gridColumns = sql`g.id, g.code, g.name, g.level, g.path::text as path,
  exists (select 1 from grids c where c.parent_id = g.id and c.valid_to is null) as has_children`

/** The special-groups board's statements: the grids of its rows, and the counts under each. */
export const boardRepo = {
  children(ex: Executor, parentId: string): Promise<BoardGridRow[]> {
    return queryRows(
      ex,
      sql`select ${gridColumns} from grids g where g.parent_id = ${parentId}::uuid and g.valid_to is null
        order by g.code`,
    )
  },

  /** The tops of the reader's subtrees (null: the deployment's roots). */
  tops(ex: Executor, within: string[] | null): Promise<BoardGridRow[]> {
    if (within === null)
      return queryRows(
        ex,
        sql`select ${gridColumns} from grids g where g.parent_id is null and g.valid_to is null order by g.code`,
      )
    if (within.length === 0) return Promise.resolve([])
    const paths = sql.join(
      within.map((p) => sql`${p}::ltree`),
      sql`, `,
    )
    // A subtree inside another of the reader's is counted in it, not as a row of its own.
    return queryRows(
      ex,
      sql`select ${gridColumns} from grids g where g.path = any(array[${paths}]) and g.valid_to is null
        and not exists (select 1 from unnest(array[${paths}]) o(p) where g.path <@ o.p and g.path <> o.p)
        order by g.code`,
    )
  },

  /** Open memberships per row grid and group, and how many of them are overdue, within the reader's scope. */
  counts(
    ex: Executor,
    rowIds: readonly string[],
    within: string[] | null,
    today: string,
  ): Promise<{ code: string; group_code: string; members: number; overdue: number }[]> {
    if (rowIds.length === 0) return Promise.resolve([])
    const ids = sql.join(
      rowIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )
    return queryRows(
      ex,
      sql`select r.code, gm.group_code, count(*)::int as members,
          (count(*) filter (where gm.next_visit_due < ${today}::date))::int as overdue
        from grids r join group_memberships gm on gm.grid_path <@ r.path
        where r.id in (${ids}) and (gm.ends_on is null or gm.ends_on >= ${today}::date)
          ${andPathWithin(sql.raw('gm.grid_path'), within)}
        group by r.code, gm.group_code`,
    )
  },
}
