import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { ROLLUP_DEPTH } from './rollup.tables'

/** The counters of the rollup, as every query sums them. */
export const ROLLUP_COUNTERS = [
  'received',
  'filed',
  'due',
  'closed',
  'on_time',
  'handled',
  'reworked',
  'extended',
  'deferred',
  'handling_seconds',
  'handling_n',
  'rated',
  'rating_sum',
  'satisfied',
  'accepted_n',
  'closed_n',
] as const
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number]
const COUNTERS = ROLLUP_COUNTERS
export type RollupCounts = Record<RollupCounter, number>

/** The queue's columns, in case_rollup_rows' order after `sign`. */
const FACTS = sql.raw(
  'q.sign, q.grid_path, q.category_code, q.source, q.state, q.reported_at, q.accepted_at, q.handled_at, ' +
    'q.closed_at, q.deferred, q.handle_overdue, q.rating, q.reworked, q.extended, q.running_due',
)

/** case_rollup_rows names three counters apart from the table's columns (they clash with the facts). */
const FROM_ROWS: Record<RollupCounter, string> = {
  ...(Object.fromEntries(COUNTERS.map((c) => [c, c])) as Record<RollupCounter, string>),
  reworked: 'reworked_n',
  extended: 'extended_n',
  deferred: 'deferred_n',
}

export interface RollupQuery {
  /** Rows of these nodes (a scope's totals) … */
  nodes?: string[]
  /** … or of the children of this node (grouped by child). */
  parent?: string
  /** `due`: running cases (`received`) by the day their running stage's deadline falls on (value ''). */
  dim: 'all' | 'category' | 'source' | 'state' | 'due'
  /** Only values starting with this (a category's big class, say). */
  valuePrefix?: string
  /** Days [from, to) as YYYY-MM-DD in Asia/Shanghai (`from` may be '-infinity'). */
  from: string
  to: string
  /** What the answer is grouped by. */
  groupBy: 'none' | 'node' | 'value' | 'day' | 'month'
}

export interface RollupRow extends RollupCounts {
  key: string | null
}

function keyOf(groupBy: RollupQuery['groupBy']): SQL {
  switch (groupBy) {
    case 'none':
      return sql`null::text`
    case 'node':
      return sql`node::text`
    case 'value':
      return sql`value`
    case 'day':
      return sql`to_char(day, 'YYYY-MM-DD')`
    case 'month':
      return sql`to_char(day, 'YYYY-MM')`
  }
}

function whereOf(q: RollupQuery): SQL {
  const where = [sql`dim = ${q.dim}`, sql`day >= ${q.from}::date`, sql`day < ${q.to}::date`]
  if (q.parent !== undefined) where.push(sql`parent = ${q.parent}::ltree`)
  else where.push(sql`node = any(${pgTextArray(q.nodes ?? [''])}::ltree[])`)
  if (q.valuePrefix) where.push(sql`starts_with(value, ${q.valuePrefix})`)
  return sql.join(where, sql` and `)
}

/** Sums kept in the counters' own types: a sum of sums of integers would be numeric, several times slower. */
export const typedSums = (from: (c: RollupCounter) => string) =>
  sql.raw(
    COUNTERS.map((c) => `sum(${from(c)})::${c === 'handling_seconds' ? 'float8' : 'int'} as ${c}`).join(', '),
  )
const sums = typedSums((c) => c)
const rollupColumns = sql.raw(`node, parent, dim, value, day, ${COUNTERS.join(', ')}`)
const rowsColumns = sql.raw(
  `c.node, c.parent, c.dim, c.value, c.day, ${COUNTERS.map((c) => `c.${FROM_ROWS[c]}`).join(', ')}`,
)

/**
 * The CTEs `c` (the cases `source` selects) and `spread` (their contributions per rollup key, paths
 * as text), in two stages: first each case's rows at the root only (case_rollup_rows with no path: its
 * dims and day cohorts) summed per deepest node kept (the case's path cut at ROLLUP_DEPTH), then those
 * sums carried to every ancestor. A case's 48 rows (4 nodes × 4 dims × 3 days) become 12 before the
 * big grouping, and a day of a city's cases shares a few thousand communities: about four times
 * faster than exploding every case at every node.
 */
function contributionsOf(source: SQL): SQL {
  return sql`c as (${source}),
    g as (
      -- Grouped on the paths as text: sorting or hashing ltree values costs several times more.
      select case when coalesce(nlevel(c.grid_path), 0) = 0 then ''
          else subpath(c.grid_path, 0, least(nlevel(c.grid_path), ${ROLLUP_DEPTH}))::text end as leaf,
        r.dim, r.value, r.day, ${typedSums((k) => `r.${FROM_ROWS[k]}`)}
      from c cross join lateral case_rollup_rows(1, null, c.category_code, c.source, c.state,
        c.reported_at, c.accepted_at, c.handled_at, c.closed_at, c.deferred, c.handle_overdue, c.rating,
        c.reworked, c.extended, c.running_due) r
      group by 1, r.dim, r.value, r.day),
    spread as (
      select x.node, x.parent, x.dim, x.value, x.day, ${typedSums((k) => `x.${k}`)}
      from (select n.node, n.parent, g.*
        from g cross join lateral (select
            case when i = 0 then '' else subpath(g.leaf::ltree, 0, i)::text end as node,
            case when i = 0 then null when i = 1 then '' else subpath(g.leaf::ltree, 0, i - 1)::text end as parent
          from generate_series(0, nlevel(g.leaf::ltree)) i) n) x
      group by x.node, x.parent, x.dim, x.value, x.day)`
}

export const rollupRepo = {
  /**
   * The summed counters of a query: the folded rollup plus the changes still queued (so an answer
   * never lags the cases), grouped by the query's key.
   */
  counts(ex: Executor, q: RollupQuery): Promise<RollupRow[]> {
    const where = whereOf(q)
    return queryRows<RollupRow>(
      ex,
      sql`with rows as (
          select ${rollupColumns} from case_rollup where ${where}
          union all
          select * from (select ${rowsColumns}
            from case_rollup_queue q cross join lateral case_rollup_rows(${FACTS}) c) p
          where ${where})
        select ${keyOf(q.groupBy)} as key, ${sums} from rows group by 1 order by 1 nulls first`,
    )
  },

  /**
   * Folds up to `limit` queued changes into the rollup, oldest first, in one statement; answers how
   * many it took. Nodes fold side by side (SKIP LOCKED); rows are updated in key order, so two folds
   * never wait on each other in a circle.
   */
  async fold(ex: Executor, limit: number): Promise<number> {
    const updates = sql.raw(COUNTERS.map((c) => `${c} = r.${c} + excluded.${c}`).join(', '))
    const rows = await queryRows<{ taken: number }>(
      ex,
      sql`with taken as (
          delete from case_rollup_queue where seq in (
            select seq from case_rollup_queue order by seq limit ${limit} for update skip locked)
          returning *),
        folded as (
          insert into case_rollup as r (${rollupColumns})
          select c.node, c.parent, c.dim, c.value, c.day, ${sql.raw(
            COUNTERS.map((c) => `sum(c.${FROM_ROWS[c]})`).join(', '),
          )}
          from taken q cross join lateral case_rollup_rows(${FACTS}) c
          group by c.node, c.parent, c.dim, c.value, c.day
          order by c.node, c.dim, c.day, c.value
          on conflict (node, dim, day, value) do update set ${updates}
          returning 1)
        select (select count(*) from taken)::int as taken, (select count(*) from folded)::int as rows`,
    )
    return rows[0]?.taken ?? 0
  },

  /**
   * What the statistics call a group: a grid's code and name by its path, or a category's names by its
   * code (the same in both languages for a grid).
   */
  async names(
    ex: Executor,
    kind: 'grid' | 'category' | 'none',
    keys: string[],
  ): Promise<Map<string, { key: string; zh: string; en: string }>> {
    if (kind === 'none' || keys.length === 0) return new Map()
    const list = pgTextArray(keys)
    const rows = await queryRows<{ of: string; key: string; zh: string; en: string }>(
      ex,
      kind === 'grid'
        ? sql`select path::text as of, code as key, name as zh, name as en from grids
            where path = any(${list}::ltree[])`
        : sql`select code as of, code as key, name_zh as zh, name_en as en from case_categories
            where code = any(${list}::text[])`,
    )
    return new Map(rows.map((r) => [r.of, r]))
  },

  /**
   * Events reported per node at `depth`, category big class and day in [from, to): the cells early
   * warning tests (only cells with events; the queue included).
   */
  cells(ex: Executor, depth: number, from: string, to: string) {
    const where = sql`dim = 'category' and nlevel(node) = ${depth} and day >= ${from}::date and day < ${to}::date`
    return queryRows<{ node: string; big_class: string; day: string; received: number }>(
      ex,
      sql`with rows as (
          select node, value, day, received from case_rollup where ${where}
          union all
          select node, value, day, received from (select c.node, c.dim, c.value, c.day, c.received
            from case_rollup_queue q cross join lateral case_rollup_rows(${FACTS}) c) p where ${where})
        select node::text as node, left(value, 2) as big_class, to_char(day, 'YYYY-MM-DD') as day,
          sum(received)::int as received
        from rows group by 1, 2, 3 having sum(received) <> 0`,
    )
  },

  /**
   * The contributions of the cases `source` selects (ROLLUP_FACTS columns, or an `insert … returning`
   * them) appended to `stage` (a table of the rollup's columns, paths as text), summed per key within
   * this statement only: what a bulk build (`buildRollup`) sums once at the end.
   */
  async stageCases(ex: Executor, source: SQL, stage: string): Promise<number> {
    const rows = await queryRows<{ cases: number }>(
      ex,
      sql`with ${contributionsOf(source)},
        staged as (insert into ${sql.identifier(stage)} (${rollupColumns}) select * from spread returning 1)
        select (select count(*) from c)::int as cases, (select count(*) from staged)::int as rows`,
    )
    return rows[0]?.cases ?? 0
  },

  /** How many changes wait to be folded. */
  async queued(ex: Executor): Promise<number> {
    const rows = await queryRows<{ n: number }>(ex, sql`select count(*)::int as n from case_rollup_queue`)
    return rows[0]?.n ?? 0
  },
}
