/**
 * Care-plan arithmetic 走访周期, pure: which policy applies to a membership, when its next visit falls
 * due, whether it is overdue, and the week a day falls in. Days are China calendar days (UTC+08:00,
 * no daylight saving) written `YYYY-MM-DD`, so a visit at 23:30 on Monday in Chengdu counts for Monday.
 */

export interface VisitRule {
  groupCode: string
  /** The lowest attention level the rule applies from. */
  minAttention: number
  everyDays: number
}

const DAY_MS = 86_400_000

import { addDays } from '../../../lib/dates'

export { addDays, chinaDay } from '../../../lib/dates'

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** The Monday and Sunday of the week holding `day` (weeks start on Monday, as in China). */
export function weekOf(day: string): { from: string; to: string } {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() // 0 Sunday … 6 Saturday
  const from = addDays(day, -((weekday + 6) % 7))
  return { from, to: addDays(from, 6) }
}

/**
 * The rule of a group at an attention level: the one with the highest `minAttention` not above the
 * level (mental illness at level 3 is visited every 14 days, at level 1 every 30). None: no visits due.
 */
export function ruleFor(rules: readonly VisitRule[], groupCode: string, attention: number): VisitRule | null {
  let best: VisitRule | null = null
  for (const r of rules) {
    if (r.groupCode !== groupCode || r.minAttention > attention) continue
    if (!best || r.minAttention > best.minAttention) best = r
  }
  return best
}

/**
 * When the next visit falls due: the last visit's day (or, before any visit, the day the membership
 * starts) plus the rule's days; null when no rule applies or the membership has ended by then.
 */
export function nextVisitDue(
  m: { groupCode: string; attention: number; startsOn: string; endsOn: string | null },
  lastVisitDay: string | null,
  rules: readonly VisitRule[],
): string | null {
  const rule = ruleFor(rules, m.groupCode, m.attention)
  if (!rule) return null
  const due = addDays(lastVisitDay && lastVisitDay > m.startsOn ? lastVisitDay : m.startsOn, rule.everyDays)
  if (m.endsOn && due > m.endsOn) return null
  return due
}

export type DueState = 'overdue' | 'due' | 'later' | 'none'

/** Overdue once the due day has passed; due from the due day's week on (the week a worker plans). */
export function dueState(due: string | null, today: string): DueState {
  if (!due) return 'none'
  if (due < today) return 'overdue'
  return due <= weekOf(today).to ? 'due' : 'later'
}
