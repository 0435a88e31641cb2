import type { Db } from '../../db/database'
import type { ReadScope } from './cases.repo'
import { type StatsQuery, statsRepo } from './cases.stats.repo'

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null)

/**
 * The indicators offices publish monthly, over the cases reported in a period (definitions in the
 * README): received 受理数, filed 立案数, due 应结案数 (filed, not deferred), closed 结案数, on time
 * 按期结案数, rework 返工, extension 延期, handling time and satisfaction.
 */
export async function caseStats(db: Db, q: StatsQuery, scope: ReadScope) {
  const rows = await statsRepo.counts(db, q, scope)
  return rows.map((r) => ({
    key: r.key,
    received: r.received,
    filed: r.filed,
    filingRate: ratio(r.filed, r.received),
    due: r.due,
    closed: r.closed,
    closingRate: ratio(r.closed, r.due),
    onTime: r.on_time,
    onTimeRate: ratio(r.on_time, r.due),
    handled: r.handled,
    reworked: r.reworked,
    reworkRate: ratio(r.reworked, r.handled),
    extended: r.extended,
    extensionRate: ratio(r.extended, r.filed),
    deferred: r.deferred,
    avgHandlingHours: r.avg_handling_hours,
    rated: r.rated,
    avgRating: r.avg_rating,
    satisfactionRate: ratio(r.satisfied, r.rated),
  }))
}
