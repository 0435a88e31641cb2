import type { CaseState } from '../cases/cases.api'
import type { MapPoint, MapQuery } from './liveMap.api'

/** The states of the loop that a live map shows: a case leaving them (closed, rejected …) leaves the map. */
export const OPEN_STATES: readonly CaseState[] = [
  'reported',
  'accepted',
  'dispatched',
  'returned',
  'in_progress',
  'handled',
  'verified',
  'reopened',
  'escalated',
  'suspended',
]

export const SOURCES = ['worker', 'resident', 'department', 'hotline', 'integration'] as const
export type CaseSource = (typeof SOURCES)[number]

export const PERIODS = ['any', 'today', 'week', 'month'] as const
export type Period = (typeof PERIODS)[number]
const PERIOD_DAYS: Record<Period, number | null> = { any: null, today: 1, week: 7, month: 30 }

/** What the filters bar holds: a big class, a source, one open state (or all of them), a period. */
export interface MapFilters {
  category?: string
  source?: CaseSource
  state: 'open' | CaseState
  period: Period
}

export const DEFAULT_FILTERS: MapFilters = { state: 'open', period: 'any' }

const chinaDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })

/** The China day (YYYY-MM-DD) of an instant: the server reads `from` in China time. */
export const chinaDay = (at: Date) => chinaDays.format(at)

/** The first day of the period, counting today, or undefined for any time. */
export function periodStart(period: Period, now: Date): string | undefined {
  const days = PERIOD_DAYS[period]
  if (days === null) return undefined
  const today = new Date(`${chinaDay(now)}T00:00:00Z`)
  today.setUTCDate(today.getUTCDate() - (days - 1))
  return today.toISOString().slice(0, 10)
}

/** The filters as /api/cases/map's query (the box and limit are added by the caller). */
export function queryOf(filters: MapFilters, now: Date): MapQuery {
  return {
    category: filters.category,
    source: filters.source,
    ...(filters.state === 'open' ? { open: 'true' } : { state: filters.state }),
    from: periodStart(filters.period, now),
  }
}

/**
 * Whether a case the live socket sent still belongs on the map under the filters: open, of the big
 * class, source and state asked, and reported within the period (the same rules as the server's query).
 */
export function matches(point: MapPoint & { open: boolean }, filters: MapFilters, now: Date): boolean {
  if (!point.open) return false
  if (filters.category && !point.category.code.startsWith(filters.category)) return false
  if (filters.source && point.source !== filters.source) return false
  if (filters.state !== 'open' && point.state !== filters.state) return false
  const from = periodStart(filters.period, now)
  return from === undefined || chinaDay(new Date(point.reportedAt)) >= from
}
