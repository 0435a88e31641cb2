import type { Db } from '../../../db/database'
import type { ReadScope } from '../cases.repo'
import type { StatsCounts, StatsQuery } from '../cases.stats.repo'
import {
  ROLLUP_COUNTERS,
  type RollupCounts,
  type RollupQuery,
  type RollupRow,
  rollupRepo,
} from './rollup.repo'
import { ROLLUP_DEPTH } from './rollup.tables'

const DAY_MS = 86_400_000
/** Asia/Shanghai, where the rollup's days begin (no daylight saving). */
const SHANGHAI_MS = 8 * 3_600_000

/** The day a Shanghai midnight begins (YYYY-MM-DD), or null for any other instant. */
function shanghaiDay(at: Date): string | null {
  const local = at.getTime() + SHANGHAI_MS
  return local % DAY_MS === 0 ? new Date(local).toISOString().slice(0, 10) : null
}

const depthOf = (path: string) => (path === '' ? 0 : path.split('.').length)
const covers = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}.`)

/**
 * How the rollup answers a statistics query, or null when only the cases can: a period of whole days,
 * a subtree within the rollup's depth that the reader sees whole, at most one dimension, and no
 * department (the rollup keeps none).
 */
function planOf(q: StatsQuery, scope: ReadScope): { node: string; query: RollupQuery } | null {
  const from = shanghaiDay(q.from)
  const to = shanghaiDay(q.to)
  if (!from || !to || q.departmentId) return null
  // Without a chosen subtree, only a reader of everything sees the root whole (others also see the
  // cases their grids own or their departments were sent, which lie elsewhere).
  const node = q.gridPath ?? (scope.within === null ? '' : null)
  if (node === null) return null
  if (scope.within !== null && !scope.within.some((w) => covers(w, node))) return null
  if (depthOf(node) + (q.groupBy === 'child' ? 1 : 0) > ROLLUP_DEPTH) return null
  const categoryDim = q.category !== undefined || q.groupBy === 'category' || q.groupBy === 'big_class'
  if (q.groupBy === 'state' && q.category !== undefined) return null
  const base = {
    dim: q.groupBy === 'state' ? 'state' : categoryDim ? 'category' : 'all',
    valuePrefix: q.category,
    from,
    to,
  } as const
  switch (q.groupBy) {
    case 'none':
      return { node, query: { ...base, nodes: [node], groupBy: 'none' } }
    case 'child':
      return { node, query: { ...base, parent: node, groupBy: 'node' } }
    case 'month':
      return { node, query: { ...base, nodes: [node], groupBy: 'month' } }
    case 'category':
    case 'big_class':
    case 'state':
      return { node, query: { ...base, nodes: [node], groupBy: 'value' } }
    default:
      return null
  }
}

function add(into: RollupCounts, row: RollupCounts, sign = 1) {
  for (const counter of ROLLUP_COUNTERS) into[counter] += sign * row[counter]
}

const round2 = (x: number) => Math.round(x * 100) / 100
/** sum / n to two decimals, half away from zero as PostgreSQL rounds a numeric (exact: integers only). */
const exactRound2 = (sum: number, n: number) => Math.floor((200 * sum + n) / (2 * n)) / 100

/** A rollup row as the statistics' counts (their averages rounded as the SQL over the cases rounds them). */
function toCounts(key: string | null, r: RollupCounts): Omit<StatsCounts, 'name_zh' | 'name_en'> {
  return {
    key,
    received: r.received,
    filed: r.filed,
    due: r.due,
    closed: r.closed,
    on_time: r.on_time,
    handled: r.handled,
    reworked: r.reworked,
    extended: r.extended,
    deferred: r.deferred,
    avg_handling_hours: r.handling_n > 0 ? round2(r.handling_seconds / r.handling_n / 3600) : null,
    rated: r.rated,
    avg_rating: r.rated > 0 ? exactRound2(r.rating_sum, r.rated) : null,
    satisfied: r.satisfied,
  }
}

const isEmpty = (r: RollupCounts) => r.received === 0

/**
 * The statistics from the rollup when it can answer them (see planOf), with the same rows, keys and
 * names as the query over the cases; null sends the caller to the cases.
 */
export async function statsFromRollup(
  db: Db,
  q: StatsQuery,
  scope: ReadScope,
): Promise<StatsCounts[] | null> {
  const plan = planOf(q, scope)
  if (!plan) return null
  // The children and the whole read at one moment (one snapshot), so their difference is exact.
  const { rows: read, whole } = await db.transaction(
    async (tx) => ({
      rows: await rollupRepo.counts(tx, plan.query),
      whole:
        q.groupBy === 'child'
          ? (
              await rollupRepo.counts(tx, {
                ...plan.query,
                parent: undefined,
                nodes: [plan.node],
                groupBy: 'none',
              })
            )[0]
          : undefined,
    }),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
  let rows: RollupRow[] = read
  if (q.groupBy === 'child') {
    // Cases at the subtree's own node, or with no grid at all under the root: the group with no key.
    if (whole) {
      const rest = { ...whole, key: null }
      for (const r of rows) add(rest, r, -1)
      rows = [...(isEmpty(rest) ? [] : [rest]), ...rows]
    }
  }
  if (q.groupBy === 'big_class') {
    const classes = new Map<string, RollupRow>()
    for (const r of rows) {
      const key = r.key?.slice(0, 2) ?? ''
      const sum = classes.get(key)
      if (sum) add(sum, r)
      else classes.set(key, { ...r, key })
    }
    rows = [...classes.values()]
  }
  const counted = rows.filter((r) => !isEmpty(r))
  const names = await rollupRepo.names(
    db,
    q.groupBy === 'child'
      ? 'grid'
      : q.groupBy === 'category' || q.groupBy === 'big_class'
        ? 'category'
        : 'none',
    counted.flatMap((r) => (r.key === null ? [] : [r.key])),
  )
  return counted
    .map((r) => {
      const named = r.key === null ? undefined : names.get(r.key)
      return { ...toCounts(named?.key ?? r.key, r), name_zh: named?.zh ?? null, name_en: named?.en ?? null }
    })
    .sort((a, b) => (a.key === null ? -1 : b.key === null ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
