import { monthOf } from '../stats/period'

const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

/** Whole China days, first and last included (YYYY-MM-DD), as the case list's `from` and `to` read them. */
export interface Days {
  first: string
  last: string
}

/** The China calendar day an instant falls in. */
export const chinaDay = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** Today, China time. */
export function today(now: Date): Days {
  const day = chinaDay(now)
  return { first: day, last: day }
}

/** This month, China time: its 1st to its last day. */
export function thisMonth(now: Date): Days {
  return { first: `${monthOf(now)}-01`, last: addDays(`${monthOf(now, 1)}-01`, -1) }
}

/** The statistics API's [from, to): midnight +08:00 of the first day, midnight after the last. */
export function instantsOf(days: Days): { from: string; to: string } {
  return { from: `${days.first}T00:00:00+08:00`, to: `${addDays(days.last, 1)}T00:00:00+08:00` }
}
