import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

/** The successor among `successorIds` that covers a point (the lower code on a shared edge). */
const covering = (successorIds: string[], point: SQL) => {
  const ids = sql.join(
    successorIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  return sql`(select s.id, s.path from grids s where s.id in (${ids}) and ST_Covers(s.boundary, ${point}) order by s.code limit 1)`
}

/** The statements that move cases with their grids through a succession (they read `grids` to find the heir covering each case). */
export const caseGridsRepo = {
  /** Moves the cases whose leaf grid is `gridId` to the successor covering their point; answers how many. */
  async relocateLeaves(ex: Executor, gridId: string, successorIds: string[]): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update cases c set grid_id = m.id, grid_path = m.path, updated_at = now()
        from (select c2.id as case_id, s.id, s.path from cases c2 cross join lateral ${covering(successorIds, sql`c2.location`)} s
              where c2.grid_id = ${gridId}) m
        where c.id = m.case_id returning c.id`,
    )
    return rows.length
  },

  /** Moves the cases owned at `ownerPath` to the successor covering their point; answers how many. */
  async relocateOwners(ex: Executor, ownerPath: string, successorIds: string[]): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update cases c set owner_path = m.path, updated_at = now()
        from (select c2.id as case_id, s.path from cases c2 cross join lateral ${covering(successorIds, sql`c2.location`)} s
              where c2.owner_path = ${ownerPath}::ltree) m
        where c.id = m.case_id returning c.id`,
    )
    return rows.length
  },

  /** Whether a case lies in the grid's subtree. */
  async quotes(ex: Executor, gridId: string): Promise<boolean> {
    const [row] = await queryRows<{ quoted: boolean }>(
      ex,
      sql`select exists (select 1 from cases where grid_path <@ (select path from grids where id = ${gridId})) as quoted`,
    )
    return !!row?.quoted
  },
}
