import type { RollupCell } from '../cases/rollup/rollup.cells'
import { benjaminiHochberg, binomialUpperTail, ewmaAlarms } from './warnings.stats'

/** The days before today that make a cell's baseline. */
export const BASELINE_DAYS = 28
/** The days of events a run reads: a week and the baseline before it. */
export const HISTORY_DAYS = BASELINE_DAYS + 7
/** Fewer events than this in a day never alarm, however quiet the cell usually is. */
export const MIN_COUNT = 3
/** The share of alarms raised that may be chance, across every cell tested in a run. */
export const FALSE_DISCOVERY_RATE = 0.01
/** So unlikely that one day is enough; a weaker excess must have shown the day before too. */
export const STRONG_P = 1e-6
/** The days the smoothed level is followed over for a gradual rise. */
const EWMA_DAYS = HISTORY_DAYS - BASELINE_DAYS

/** A cell that alarms, with what it measured. */
export interface Rise {
  node: string
  bigClass: string
  rule: 'rise' | 'gradual_rise'
  count: number
  /** Mean events a day over the baseline days. */
  baseline: number
  p: number
  /** Yesterday's count and p (the persistence check). */
  yesterday: { count: number; p: number }
  /** A gradual rise: the p of the last seven days' total on the baseline. */
  weekP?: number
  level: 'red' | 'yellow'
}

/** YYYY-MM-DD `delta` days from `day`. */
export function dayFrom(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10)
}

/** The events of the `days` days up to `lastDay`. */
const total = (cell: RollupCell, lastDay: string, days: number) => {
  let sum = 0
  for (let i = 0; i < days; i++) sum += cell.days.get(dayFrom(lastDay, -i)) ?? 0
  return sum
}

/** How unlikely `count` events in `days` days are after `past` events in the BASELINE_DAYS before. */
const pOf = (count: number, days: number, past: number) =>
  binomialUpperTail(count, count + past, days / (days + BASELINE_DAYS))

/**
 * Which cells rose today beyond chance: today's count tested against the cell's BASELINE_DAYS before
 * (binomialUpperTail: the exact comparison of two Poisson rates), kept only when it stands Benjamini–Hochberg across every cell with events
 * in the period, reaches MIN_COUNT, and is either very unlikely (STRONG_P) or was above its baseline
 * yesterday too. Cells without a sudden jump are followed by an EWMA over the last week: a level past
 * its limit today, at least MIN_COUNT today, and a week's total that stands the same false-discovery
 * control is a gradual rise.
 */
export function detectRises(cells: RollupCell[], today: string): Rise[] {
  const yesterday = dayFrom(today, -1)
  const tested = cells.map((cell) => {
    // Today's baseline ends the day before yesterday: a rise that began yesterday does not hide itself.
    const past = total(cell, dayFrom(yesterday, -1), BASELINE_DAYS)
    const count = cell.days.get(today) ?? 0
    const before = cell.days.get(yesterday) ?? 0
    return {
      cell,
      count,
      baseline: past / BASELINE_DAYS,
      p: pOf(count, 1, past),
      yesterday: { count: before, p: pOf(before, 1, past) },
    }
  })
  const standing = benjaminiHochberg(
    tested.map((t) => t.p),
    FALSE_DISCOVERY_RATE,
  )
  // A gradual rise: the week's smoothed level past its limit today, and the week's total unlikely on
  // the baseline, that total's p standing Benjamini–Hochberg across every cell as well.
  const weeks = tested.map((t) => {
    const week = Array.from(
      { length: EWMA_DAYS },
      (_, k) => t.cell.days.get(dayFrom(today, k - EWMA_DAYS + 1)) ?? 0,
    )
    const sum = week.reduce((a, b) => a + b, 0)
    // The week is measured against the BASELINE_DAYS before it, so a rise does not raise its own bar.
    const past = total(t.cell, dayFrom(today, -EWMA_DAYS), BASELINE_DAYS)
    return { week, before: past / BASELINE_DAYS, p: pOf(sum, EWMA_DAYS, past) }
  })
  const risingWeeks = benjaminiHochberg(
    weeks.map((w) => w.p),
    FALSE_DISCOVERY_RATE,
  )
  const rises: Rise[] = []
  tested.forEach((t, i) => {
    const base = { node: t.cell.node, bigClass: t.cell.bigClass, ...t }
    if (t.count < MIN_COUNT) return
    const persistent = t.p < STRONG_P || t.yesterday.count > t.baseline
    if (standing.has(i) && persistent) {
      rises.push({ ...base, rule: 'rise', level: t.p < STRONG_P ? 'red' : 'yellow' })
      return
    }
    const week = weeks[i]
    // A baseline under one a day makes the EWMA's normal limit too tight: such cells rely on the test above.
    if (
      week &&
      t.baseline >= 1 &&
      risingWeeks.has(i) &&
      ewmaAlarms(week.week, t.baseline).includes(EWMA_DAYS - 1)
    )
      rises.push({ ...base, rule: 'gradual_rise', level: 'yellow', weekP: week.p })
  })
  return rises
}
