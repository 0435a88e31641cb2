import type { Db } from '../../db/database'
import { eventIndicators } from './cases.indicators'
import type { ReadScope } from './cases.repo'
import { CASE_STATES } from './cases.states'
import { type StatsCounts, type StatsQuery, statsRepo } from './cases.stats.repo'
import type { StatsRow } from './cases.stats.schema'
import { statsFromRollup } from './rollup/rollup.stats'

/** The deepest grid path every one of `paths` lies in, or undefined when they share none. */
export function sharedPath(paths: readonly string[] | null): string | undefined {
  if (!paths?.length) return undefined
  const [first = [], ...rest] = paths.map((p) => p.split('.'))
  let depth = first.length
  for (const labels of rest) {
    let same = 0
    while (same < depth && labels[same] === first[same]) same++
    depth = same
  }
  return depth > 0 ? first.slice(0, depth).join('.') : undefined
}

function nameOf(q: Pick<StatsQuery, 'groupBy'>, r: StatsCounts): StatsRow['name'] {
  if (q.groupBy === 'state' && r.key && r.key in CASE_STATES) {
    const state = CASE_STATES[r.key as keyof typeof CASE_STATES]
    return { zh: state.zh, en: state.en }
  }
  return r.name_zh === null ? null : { zh: r.name_zh, en: r.name_en ?? r.name_zh }
}

/**
 * The indicators offices publish monthly, over the cases reported in a period (definitions in the
 * README): received 受理数, filed 立案数, due 应结案数 (filed, not deferred), closed 结案数, on time
 * 按期结案数, rework 返工, extension 延期, handling time and satisfaction. Grouped by child grid with no
 * grid chosen, the groups are the children of the reader's own grid (their scopes' shared ancestor).
 * Answered from the events rollup when it can (whole days, a subtree the reader sees whole), else from
 * the cases; both give the same rows.
 */
export async function caseStats(db: Db, q: StatsQuery, scope: ReadScope): Promise<StatsRow[]> {
  const groupUnder = q.gridPath === undefined ? sharedPath(scope.within) : undefined
  const rows =
    (await statsFromRollup(db, q, scope)) ?? (await statsRepo.counts(db, { ...q, groupUnder }, scope))
  return rows.map((r) => {
    const counts = {
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
    }
    return {
      key: r.key,
      name: nameOf(q, r),
      ...counts,
      ...eventIndicators(counts),
      deferred: r.deferred,
      avgHandlingHours: r.avg_handling_hours,
      avgRating: r.avg_rating,
    }
  })
}
