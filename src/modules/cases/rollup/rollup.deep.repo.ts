import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andUnderAny } from '../../../db/scope-sql'
import type { RollupRow } from './rollup.repo'

/** The rollup's counters as case_rollup_rows names them, summed (the rollup's own columns in rollup.repo.ts). */
const ROWS_SUMS = sql.raw(
  [
    'sum(r.received)::int as received',
    'sum(r.filed)::int as filed',
    'sum(r.due)::int as due',
    'sum(r.closed)::int as closed',
    'sum(r.on_time)::int as on_time',
    'sum(r.handled)::int as handled',
    'sum(r.reworked_n)::int as reworked',
    'sum(r.extended_n)::int as extended',
    'sum(r.deferred_n)::int as deferred',
    'coalesce(sum(r.handling_seconds), 0)::float8 as handling_seconds',
    'sum(r.handling_n)::int as handling_n',
    'sum(r.rated)::int as rated',
    'sum(r.rating_sum)::int as rating_sum',
    'sum(r.satisfied)::int as satisfied',
    'sum(r.accepted_n)::int as accepted_n',
    'sum(r.closed_n)::int as closed_n',
  ].join(', '),
)

export interface DeepCountsQuery {
  /** Subtrees deeper than the rollup keeps. */
  paths: string[]
  dim: 'all' | 'category' | 'source' | 'state'
  /** Days [from, to), YYYY-MM-DD, China time. */
  from: string
  to: string
  groupBy: 'none' | 'value' | 'day' | 'child'
  /** For `child`: the depth of the scope (children are one deeper). */
  depth?: number
}

function deepKey(q: DeepCountsQuery): SQL {
  switch (q.groupBy) {
    case 'none':
      return sql`null::text`
    case 'value':
      return sql`r.value`
    case 'day':
      return sql`to_char(r.day, 'YYYY-MM-DD')`
    case 'child':
      return sql`subpath(c.grid_path, 0, ${(q.depth ?? 0) + 1})::text`
  }
}

/** The rollup's figures where it keeps none: subtrees below its depth, read from the cases. */
export const rollupDeepRepo = {
  /**
   * The rollup's counts for subtrees deeper than it keeps, from the cases themselves: each case's
   * contribution as the rollup's own function makes it (`case_rollup_rows`, migrations 0029 and
   * 0038), taken once (at the root node), so both agree by construction. A case counts on the days it
   * was reported, accepted and closed: any of them may fall in the period (no query here reads the
   * `due` dimension, whose day is the deadline's).
   */
  counts(ex: Executor, q: DeepCountsQuery): Promise<RollupRow[]> {
    const since = new Date(`${q.from}T00:00:00+08:00`)
    const child = q.groupBy === 'child' ? sql`and nlevel(c.grid_path) > ${q.depth ?? 0}` : sql``
    return queryRows<RollupRow>(
      ex,
      sql`select ${deepKey(q)} as key, ${ROWS_SUMS}
        from cases c cross join lateral case_rollup_rows(1, c.grid_path, c.category_code, c.source, c.state,
          c.reported_at, c.accepted_at, c.handled_at, c.closed_at, c.deferred, c.handle_overdue, c.rating,
          c.reworked, c.extended, case_running_due(c.state, c.accept_due, c.handle_due, c.verify_due)) r
        where (c.reported_at >= ${since} or c.accepted_at >= ${since} or c.closed_at >= ${since})
          ${andUnderAny('c.grid_path', q.paths)} ${child}
          and r.node = ''::ltree and r.dim = ${q.dim} and r.day >= ${q.from}::date and r.day < ${q.to}::date
        group by 1 order by 1 nulls first`,
    )
  },
}
