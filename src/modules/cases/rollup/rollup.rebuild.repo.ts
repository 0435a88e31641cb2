import { sql } from 'drizzle-orm'
import { type Db, type Executor, queryRows } from '../../../db/database'
import { buildRollup } from './rollup.build.repo'

/**
 * Days of reported cases added per statement: bounds the statement's hash table (a week of a
 * 10-million-event city is ~200,000 cases, ~3 million rollup rows) so it stays in memory.
 */
const STEP_DAYS = 7
/** Memory the rebuild's grouping may take (this transaction only). */
const WORK_MEM = '256MB'

export interface RebuildReport {
  cases: number
  rows: number
  seconds: number
}

/**
 * The case facts case_rollup_rows reads, from `cases` (a select list, or an `insert … returning`):
 * columns, and the running deadline made of them.
 */
export const ROLLUP_FACTS = sql.raw(
  'grid_path, category_code, source, state, reported_at, accepted_at, handled_at, closed_at, deferred, ' +
    'handle_overdue, rating, reworked, extended, ' +
    'case_running_due(state, accept_due, handle_due, verify_due) as running_due',
)

/**
 * For the bulk statements of this transaction only: the grouping holds its hash table in memory, and
 * no JIT and no sorted grouping (case_rollup_rows' generate_series is costed at 1,000 rows a case,
 * so every statement looks big enough to compile, ~0.8 s each, and too big to hash: it is not).
 */
export async function bulkSettings(tx: Executor): Promise<void> {
  await tx.execute(
    sql`select set_config('work_mem', ${WORK_MEM}, true), set_config('jit', 'off', true),
      set_config('enable_sort', 'off', true)`,
  )
}

/**
 * The rollup computed again from the cases, set-based (`buildRollup`): the rows the fold of the
 * triggers' queue would reach (tested), in a few statements instead of a fold per change. One
 * transaction: writers of cases wait (SHARE lock) so no change slips between the count and the
 * emptied queue, and a failure leaves the rollup as it was.
 */
export async function rebuildRollup(db: Db, stepDays = STEP_DAYS): Promise<RebuildReport> {
  const started = performance.now()
  const totals = await db.transaction(async (tx) => {
    await tx.execute(sql`lock table cases in share mode`)
    await bulkSettings(tx)
    // The queued changes are already in the cases the rebuild reads.
    await tx.execute(sql`truncate case_rollup, case_rollup_queue`)
    const [span] = await queryRows<{ first: string | null; last: string | null }>(
      tx,
      sql`select min(reported_at)::text as first, max(reported_at)::text as last from cases`,
    )
    if (!span?.first || !span.last) return { cases: 0, rows: 0 }
    const last = new Date(span.last).getTime()
    return buildRollup(tx, async (build) => {
      for (let from = new Date(span.first as string); from.getTime() <= last; ) {
        const to = new Date(from.getTime() + stepDays * 86_400_000)
        await build.add(
          sql`select ${ROLLUP_FACTS} from cases where reported_at >= ${from} and reported_at < ${to}`,
        )
        from = to
      }
    })
  })
  return { ...totals, seconds: (performance.now() - started) / 1000 }
}
