import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Db, type Executor, queryRows } from '../../db/database'

export interface SummaryRow {
  measure: string
  value: string
  n: number
}

/**
 * The base-data summary's statements (`base_counts`, migration 0034): its read, its fold, its
 * rebuild. The triggers that fill its queue are in the migration.
 */
export const summaryRepo = {
  /**
   * The figures under these nodes (each the root '' or a path at most SUMMARY_DEPTH deep, none
   * under another) current on `day`: the folded rows plus the queue, so an answer never lags the
   * tables.
   */
  read(ex: Executor, nodes: string[], day: string): Promise<SummaryRow[]> {
    const at = sql`node = any(${pgTextArray(nodes)}::ltree[]) and day <= ${day}::date`
    return queryRows<SummaryRow>(
      ex,
      sql`select measure, value, sum(n)::int as n from (
          select measure, value, n from base_counts where ${at}
          union all
          select measure, value, n from base_counts_queue where ${at}) x
        group by measure, value having sum(n) <> 0 order by measure, value`,
    )
  },

  /**
   * Folds up to `limit` queued differences into the summary, oldest first, in one statement; answers
   * how many it took. Nodes fold side by side (SKIP LOCKED), rows written in key order.
   */
  async fold(ex: Executor, limit: number): Promise<number> {
    const [row] = await queryRows<{ taken: number }>(
      ex,
      sql`with taken as (
          delete from base_counts_queue where seq in (
            select seq from base_counts_queue order by seq limit ${limit} for update skip locked)
          returning node, measure, value, day, n),
        folded as (
          insert into base_counts as b (node, measure, value, day, n)
          select node, measure, value, day, sum(n) from taken
          group by node, measure, value, day order by node, measure, value, day
          on conflict (node, measure, value, day) do update set n = b.n + excluded.n
          returning 1)
        select (select count(*) from taken)::int as taken, (select count(*) from folded)::int as rows`,
    )
    return row?.taken ?? 0
  },

  /**
   * The summary computed again from the tables (after a load that bypassed the triggers, or a
   * TRUNCATE, which no statement trigger sees), under SHARE locks so no change slips between.
   */
  rebuild(db: Db): Promise<void> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`lock table people, households, organizations, buildings, rooms,
        group_memberships, grid_posts, grids in share mode`)
      await tx.execute(sql`truncate base_counts, base_counts_queue`)
      await tx.execute(sql`insert into base_counts (node, measure, value, day, n)
        select nd, f.measure, f.value, f.day, sum(f.n)
        from base_facts_now() f cross join lateral base_count_nodes(f.path) nd
        group by 1, 2, 3, 4 having sum(f.n) <> 0`)
    })
  },
}
