import { addDays, chinaDay } from '../../lib/dates'
import { eventIndicators } from '../cases/cases.indicators'
import type { RollupCounts, RollupRow } from '../cases/rollup/rollup.read'
import type { ScreenPeriod } from './dashboard.schema'

/** Days of the trend line. */
export const TREND_DAYS = 30

/** The period's first day and the day after today (YYYY-MM-DD, China time): [from, to). */
export function periodDays(period: ScreenPeriod, now: Date): { from: string; to: string; last: string } {
  const today = chinaDay(now)
  const to = addDays(today, 1)
  if (period === 'day') return { from: today, to, last: today }
  if (period === 'month') return { from: `${today.slice(0, 8)}01`, to, last: today }
  // ISO week: Monday is 1, Sunday 7.
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7
  return { from: addDays(today, 1 - weekday), to, last: today }
}

export const emptyCounts = (): RollupCounts => ({
  received: 0,
  filed: 0,
  due: 0,
  closed: 0,
  on_time: 0,
  handled: 0,
  reworked: 0,
  extended: 0,
  deferred: 0,
  handling_seconds: 0,
  handling_n: 0,
  rated: 0,
  rating_sum: 0,
  satisfied: 0,
  accepted_n: 0,
  closed_n: 0,
})

/** The official rates of a sum of rollup counts, written once in cases.indicators.ts. */
export function indicatorsOf(c: RollupCounts) {
  return eventIndicators({
    received: c.received,
    filed: c.filed,
    due: c.due,
    closed: c.closed,
    onTime: c.on_time,
    handled: c.handled,
    reworked: c.reworked,
    extended: c.extended,
    rated: c.rated,
    satisfied: c.satisfied,
  })
}

/** Mean hours from accepted to handled, to two decimals (as the statistics round it). */
export const avgHandlingHours = (c: RollupCounts) =>
  c.handling_n > 0 ? Math.round((c.handling_seconds / c.handling_n / 3600) * 100) / 100 : null

/**
 * How the children are ranked until an assessment scheme's score replaces it: the closing, on-time
 * and satisfaction rates, weighted. A rate with nothing to divide by drops out and the others carry
 * its weight; with none of them, no score (ranked last).
 */
export const COMPOSITE = {
  basis: 'event_composite',
  weights: { closingRate: 0.4, onTimeRate: 0.4, satisfactionRate: 0.2 },
} as const

export function compositeScore(rates: {
  closingRate: number | null
  onTimeRate: number | null
  satisfactionRate: number | null
}): number | null {
  let sum = 0
  let weight = 0
  for (const [key, w] of Object.entries(COMPOSITE.weights)) {
    const rate = rates[key as keyof typeof rates]
    if (rate === null) continue
    sum += rate * w
    weight += w
  }
  return weight > 0 ? Math.round((sum / weight) * 1000) / 10 : null
}

/** Ranks by score, highest first; ties share a rank (1, 2, 2, 4); no score, no rank. */
export function ranked<T extends { score: number | null; received: number; code: string }>(
  items: T[],
): (T & { rank: number | null })[] {
  const sorted = [...items].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || b.received - a.received || a.code.localeCompare(b.code),
  )
  return sorted.map((item) => ({
    ...item,
    rank:
      item.score === null
        ? null
        : 1 + sorted.filter((o) => o.score !== null && o.score > (item.score ?? 0)).length,
  }))
}

/** The trend's days from `from`, oldest first, a day without events at 0: reported and closed that day. */
export function trendOf(rows: RollupRow[], from: string) {
  const byDay = new Map(rows.map((r) => [r.key, r]))
  return Array.from({ length: TREND_DAYS }, (_, i) => {
    const day = addDays(from, i)
    const r = byDay.get(day)
    return { day, reported: r?.received ?? 0, closed: r?.closed_n ?? 0 }
  })
}

/** The `n` categories with most reports, commonest first (ties by code). */
export function topCategories(rows: RollupRow[], n: number) {
  return rows
    .flatMap((r) => (r.key !== null && r.received > 0 ? [{ code: r.key, count: r.received }] : []))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, n)
}

/** Each child with its reports, the rates the ranking weighs and its composite score (rows keyed by path). */
export function rankingItems(
  children: { code: string; name: string; level: string; path: string }[],
  rows: RollupRow[],
) {
  const byPath = new Map(rows.map((r) => [r.key, r]))
  return children.map((c) => {
    const counts = byPath.get(c.path) ?? { ...emptyCounts(), key: c.path }
    const r = indicatorsOf(counts)
    const rates = {
      closingRate: r.closingRate,
      onTimeRate: r.onTimeRate,
      satisfactionRate: r.satisfactionRate,
    }
    return {
      code: c.code,
      name: c.name,
      level: c.level,
      received: counts.received,
      ...rates,
      score: compositeScore(rates),
    }
  })
}
