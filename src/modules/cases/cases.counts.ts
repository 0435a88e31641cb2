import type { Db } from '../../db/database'
import { chinaDay } from '../../lib/dates'
import { bulletinCasesRepo } from './cases.bulletin.repo'
import type { IndicatorCounts } from './cases.indicators'
import { statsRepo } from './cases.stats.repo'
import { ROLLUP_DEPTH, rollupCounts } from './rollup/rollup.read'

/** The counts of a grid's events, as the statistics count them, for other modules to weigh. */
export interface GridEventCounts extends IndicatorCounts {
  /** Hours from acceptance to handling, summed over the handled events (to the statistics' rounding). */
  handlingSeconds: number
}

/**
 * The event counts of every grid at `depth` under `under` ('' for everywhere), over the events
 * reported in [from, to): the same statement as the statistics page, grouped by those grids. Keyed by
 * grid code; a grid without events is absent.
 */
export async function eventCountsPerGrid(
  db: Db,
  q: { from: Date; to: Date; under: string; depth: number },
): Promise<Map<string, GridEventCounts>> {
  const rows = await statsRepo.counts(
    db,
    {
      from: q.from,
      to: q.to,
      gridPath: q.under === '' ? undefined : q.under,
      groupBy: 'child',
      groupDepth: q.depth,
    },
    { within: null, departments: [] },
  )
  const counts = new Map<string, GridEventCounts>()
  for (const r of rows) {
    if (r.key === null) continue
    counts.set(r.key, {
      received: r.received,
      filed: r.filed,
      due: r.due,
      closed: r.closed,
      onTime: r.on_time,
      handled: r.handled,
      reworked: r.reworked,
      extended: r.extended,
      rated: r.rated,
      satisfied: r.satisfied,
      handlingSeconds: Math.round((r.avg_handling_hours ?? 0) * 3600 * r.handled),
    })
  }
  return counts
}

const depthOf = (path: string) => (path === '' ? 0 : path.split('.').length)
const covers = (outer: string, inner: string) =>
  outer === '' || inner === outer || inner.startsWith(`${outer}.`)

/** The paths no other of them covers (each case under them lies under exactly one). */
function outermost(paths: string[]): string[] {
  const unique = [...new Set(paths)]
  return unique.filter((p) => !unique.some((q) => q !== p && covers(q, p)))
}

/**
 * How many cases under any of `paths` ('' for all) are past their running stage's deadline now 超期.
 * Within the rollup's depth: the running cases whose deadline fell on a day before today (Asia/Shanghai)
 * from the rollup's `due` rows (a few per day, the queue included), plus those whose deadline passed
 * today before `now` from `cases_running_due_idx` (one day's range) — what a count over the index
 * gives, for the cost of the days, not of the backlog (a city's 814,000 overdue cases: 300–740 ms).
 * Deeper scopes count the index (a small subtree's backlog). Two statements, side by side: a deadline
 * moved across today's midnight between them may count in both or neither, until the next read.
 */
export async function overdueNowCount(db: Db, paths: string[], now: Date): Promise<number> {
  const nodes = outermost(paths)
  if (nodes.length === 0 || nodes.some((p) => depthOf(p) > ROLLUP_DEPTH))
    return bulletinCasesRepo.overdueCount(db, paths, now)
  const today = chinaDay(now)
  const [before, sinceMidnight] = await Promise.all([
    rollupCounts(db, { nodes, dim: 'due', from: '-infinity', to: today, groupBy: 'none' }),
    bulletinCasesRepo.overdueCount(db, nodes, now, new Date(`${today}T00:00:00+08:00`)),
  ])
  return (before[0]?.received ?? 0) + sinceMidnight
}
