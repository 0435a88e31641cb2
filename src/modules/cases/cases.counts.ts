import type { Db } from '../../db/database'
import { bulletinCasesRepo } from './cases.bulletin.repo'
import type { IndicatorCounts } from './cases.indicators'
import { statsRepo } from './cases.stats.repo'

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

/** How many cases under any of `paths` ('' for all) are past their running stage's deadline now. */
export const overdueNowCount = (db: Db, paths: string[], now: Date): Promise<number> =>
  bulletinCasesRepo.overdueCount(db, paths, now)
