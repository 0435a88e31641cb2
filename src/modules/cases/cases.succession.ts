import { type SQL, sql } from 'drizzle-orm'
import { queryRows } from '../../db/database'
import { recordAudit } from '../audit/audit.service'
import type { CodeReference, SuccessionHook } from '../grids/grids.succession'

/**
 * Cases follow their grids through splits, mergers and re-codings by location: a case held by a grid
 * given up moves to the successor covering its point (the lower code on a shared edge), both as its
 * leaf grid and as its owner at the handling level.
 */
export const casesFollowGrids: SuccessionHook = async (tx, ctx, { predecessors, successors }) => {
  const ids = sql.join(
    successors.map((s) => sql`${s.id}::uuid`),
    sql`, `,
  )
  const covering = (point: SQL) =>
    sql`(select s.id, s.path from grids s where s.id in (${ids}) and ST_Covers(s.boundary, ${point}) order by s.code limit 1)`
  for (const from of predecessors) {
    const leaves = await queryRows<{ id: string }>(
      tx,
      sql`update cases c set grid_id = m.id, grid_path = m.path, updated_at = now()
        from (select c2.id as case_id, s.id, s.path from cases c2 cross join lateral ${covering(sql`c2.location`)} s
              where c2.grid_id = ${from.id}) m
        where c.id = m.case_id returning c.id`,
    )
    const owned = await queryRows<{ id: string }>(
      tx,
      sql`update cases c set owner_path = m.path, updated_at = now()
        from (select c2.id as case_id, s.path from cases c2 cross join lateral ${covering(sql`c2.location`)} s
              where c2.owner_path = ${from.path}::ltree) m
        where c.id = m.case_id returning c.id`,
    )
    if (leaves.length + owned.length === 0) continue
    await recordAudit(tx, ctx, {
      action: 'case.follow_grid',
      resourceType: 'grid',
      resourceId: from.code,
      summary: { relocated: leaves.length, owners: owned.length },
    })
  }
}

/** A grid whose subtree holds events is quoted by them (their numbers and reports name it). */
export const casesQuoteCode: CodeReference = async (ex, gridId) => {
  const [row] = await queryRows<{ quoted: boolean }>(
    ex,
    sql`select exists (select 1 from cases where grid_path <@ (select path from grids where id = ${gridId})) as quoted`,
  )
  return !!row?.quoted
}
