import { type SQL, sql } from 'drizzle-orm'
import { dropIndexesFor } from '../../../db/bulk'
import { type Executor, queryRows } from '../../../db/database'
import { ROLLUP_COUNTERS, rollupRepo, typedSums } from './rollup.repo'

/**
 * Slices of the staged contributions summed per statement: keys are whole within a slice (it is a
 * hash of the node), and a slice of a 10-million-event city's ~70 million staged rows sorts quickly.
 */
const STAGE_SLICES = 32
const STAGE = 'rollup_stage'

export interface RollupBuild {
  /** Stages the contributions of the cases `source` selects (ROLLUP_FACTS columns); answers how many. */
  add(source: SQL): Promise<number>
}

/**
 * An empty rollup filled in bulk inside the caller's transaction: `fill` stages contributions in an
 * unindexed temporary table (appends, no upsert: the per-key upsert was most of a load's time), then
 * each key is summed once, a slice of nodes at a time, into the rollup in key order, with its indexes
 * dropped and built again at the end. Key order matters to readers: a node's rows for a span of days
 * lie on a few pages, where rows written as they came spread a city's 3,650 over as many pages. The
 * rows are those the fold of the triggers' queue reaches (`rollup.rebuild.db.test.ts`). Dropping
 * the key locks the rollup's readers out until the caller commits (a rebuild's truncate does
 * already), and the staged rows take temporary disk: about 14 GB for a 10-million-event city.
 */
export async function buildRollup(
  tx: Executor,
  fill: (build: RollupBuild) => Promise<void>,
): Promise<{ cases: number; rows: number }> {
  const [held] = await queryRows<{ any: boolean }>(tx, sql`select exists (select 1 from case_rollup) as any`)
  if (held?.any) throw new Error('the rollup is not empty: a bulk build fills an empty one')
  const counters = sql.raw(
    ROLLUP_COUNTERS.map((c) => `${c} ${c === 'handling_seconds' ? 'float8' : 'int'} not null`).join(', '),
  )
  await tx.execute(sql`create temporary table ${sql.identifier(STAGE)} (node text not null, parent text,
      dim text not null, value text not null, day date not null, ${counters})
    partition by hash (node) on commit drop`)
  for (let i = 0; i < STAGE_SLICES; i++)
    await tx.execute(
      sql.raw(`create temporary table ${STAGE}_${i} partition of ${STAGE}
        for values with (modulus ${STAGE_SLICES}, remainder ${i})`),
    )
  let cases = 0
  await fill({
    add: async (source) => {
      const n = await rollupRepo.stageCases(tx, source, STAGE)
      cases += n
      return n
    },
  })
  const rebuildIndexes = await dropIndexesFor(tx, 'case_rollup', { primaryKey: true })
  const columns = sql.raw(`node, parent, dim, value, day, ${ROLLUP_COUNTERS.join(', ')}`)
  for (let i = 0; i < STAGE_SLICES; i++)
    await tx.execute(sql`insert into case_rollup (${columns})
      select node::ltree, parent::ltree, dim, value, day, ${typedSums((c) => c)}
      from ${sql.identifier(`${STAGE}_${i}`)}
      group by node, dim, day, value, parent order by node, dim, day, value`)
  await tx.execute(sql`drop table ${sql.identifier(STAGE)}`)
  await rebuildIndexes()
  const [rows] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from case_rollup`)
  return { cases, rows: rows?.n ?? 0 }
}
