/**
 * The working calendar 工作日历 that case deadlines are counted on: weekends off, public holidays
 * off, make-up working days 调休上班 on, and within a working day only its shifts count. All of it
 * in China time (UTC+08:00, no daylight saving): instants in and out are JS `Date`s, the day an
 * instant falls on is its +08:00 calendar day. See README.md in this folder for the counting rules.
 */

/** `holiday`: a day off (a public holiday, weekend ones too); `workday`: a Saturday or Sunday that works. */
export type DayKind = 'holiday' | 'workday'

export interface CalendarDay {
  /** YYYY-MM-DD, China time. */
  date: string
  kind: DayKind
  /** The holiday it belongs to, in Chinese (春节); a make-up working day carries its holiday's name. */
  name: string
}

/** A span of working time within a day, `['09:00', '12:00']`; `'24:00'` may end the last one. */
export type Shift = readonly [start: string, end: string]

export interface CalendarConfig {
  /** The working hours of every working day, increasing and not overlapping; DEFAULT_SHIFTS if left out. */
  shifts?: readonly Shift[]
  /** Days that differ from the weekday rule; for a date listed twice, the later entry wins. */
  days: readonly CalendarDay[]
}

/** A time limit 办理时限: working hours 工作时 or working days 工作日. */
export type Duration = { hours: number } | { days: number }

export type TrafficLight = 'green' | 'yellow' | 'red'

export interface WorkCalendar {
  /** Whether the day (YYYY-MM-DD, China time) is a working day. */
  isWorkday(date: string): boolean
  /** Whether any day of the year is configured; without that, its holidays are unknown (warn). */
  knowsYear(year: number): boolean
  /** The instant `hours` working hours after `start` (the earliest one: a shift end, not the next start). */
  addWorkingHours(start: Date, hours: number): Date
  /** The end of the last shift of the `days`-th working day after the day of `start` (see below). */
  addWorkingDays(start: Date, days: number): Date
  addDuration(start: Date, duration: Duration): Date
  /** Working time from `a` to `b`, in ms; 0 when `b` is not after `a`. */
  workingMsBetween(a: Date, b: Date): number
  /** The earliest instant with `ms` working time since `start`: the inverse of workingMsBetween. */
  addWorkingMs(start: Date, ms: number): Date
  /**
   * The share of the limit `start` → `deadline` used at `now`, not counting `pausedMs` of working
   * time the case spent suspended 挂起; above 1 when overdue. `deadline` is the one set at the start,
   * not one already pushed by the pause.
   */
  limitShare(start: Date, deadline: Date, now: Date, pausedMs?: number): number
}

export const DEFAULT_SHIFTS: readonly Shift[] = [
  ['09:00', '12:00'],
  ['13:30', '17:30'],
]

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const CHINA_OFFSET = 8 * HOUR

/** Days since 1970-01-01 of a real YYYY-MM-DD date, or undefined. */
function dayNumber(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return undefined
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  // Date.UTC rolls 02-30 over to 03-02 (and maps years below 100 to 19xx): a round trip catches both.
  if (new Date(time).toISOString().slice(0, 10) !== date) return undefined
  return time / DAY
}

export function isIsoDate(value: string): boolean {
  return dayNumber(value) !== undefined
}

/** Minutes after midnight of `HH:MM` (00:00–23:59, or 24:00), or undefined. */
function minutesOf(time: string): number | undefined {
  const match = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/.exec(time)
  if (!match) return undefined
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4])
}

/** The first shift that is not a time span after the previous one, with the reason; undefined if none. */
export function shiftProblem(shifts: readonly Shift[]): { index: number; message: string } | undefined {
  let previousEnd = 0
  for (const [index, [start, end]] of shifts.entries()) {
    const from = minutesOf(start)
    const to = minutesOf(end)
    if (from === undefined || from === 24 * 60)
      return { index, message: `start ${start} is not a time HH:MM` }
    if (to === undefined) return { index, message: `end ${end} is not a time HH:MM` }
    if (to <= from) return { index, message: `${start}–${end} does not end after it starts` }
    if (from < previousEnd) {
      return {
        index,
        message: `${start}–${end} starts before the previous shift ends (shifts must increase)`,
      }
    }
    previousEnd = to
  }
  return undefined
}

/** 1970-01-01 was a Thursday; 0 is Sunday, 6 Saturday. */
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7

function chinaTime(instant: Date): { day: number; ms: number } {
  const time = instant.getTime()
  if (!Number.isFinite(time)) throw new RangeError('invalid date')
  const local = time + CHINA_OFFSET
  const day = Math.floor(local / DAY)
  return { day, ms: local - day * DAY }
}

const instantAt = (day: number, ms: number) => new Date(day * DAY + ms - CHINA_OFFSET)

function checkAmount(name: string, value: number, integer: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a ${integer ? 'whole' : 'finite'} number ≥ 0, not ${value}`)
  }
}

export function createWorkCalendar(config: CalendarConfig): WorkCalendar {
  const shiftList = config.shifts ?? DEFAULT_SHIFTS
  if (shiftList.length === 0) throw new RangeError('a working day needs at least one shift')
  const problem = shiftProblem(shiftList)
  if (problem) throw new RangeError(`shift ${problem.index}: ${problem.message}`)
  // [start, end) in ms after midnight, China time; shiftProblem has checked every time, hence the casts.
  const shifts: readonly (readonly [number, number])[] = shiftList.map(([start, end]) => [
    (minutesOf(start) as number) * MINUTE,
    (minutesOf(end) as number) * MINUTE,
  ])
  const dayLength = shifts.reduce((sum, [start, end]) => sum + end - start, 0)
  const lastEnd = (shifts.at(-1) as readonly [number, number])[1]

  const overrides = new Map<number, boolean>()
  const years = new Set<number>()
  for (const { date, kind } of config.days) {
    const day = dayNumber(date)
    if (day === undefined) throw new RangeError(`not a date YYYY-MM-DD: ${date}`)
    overrides.set(day, kind === 'workday')
    years.add(Number(date.slice(0, 4)))
  }

  const worksOn = (day: number): boolean => {
    const override = overrides.get(day)
    if (override !== undefined) return override
    const weekday = weekdayOf(day)
    return weekday !== 0 && weekday !== 6
  }

  /** Working time on `day` before `ms` after its midnight. */
  const workedBefore = (day: number, ms: number): number => {
    if (!worksOn(day)) return 0
    let sum = 0
    for (const [start, end] of shifts) {
      if (ms <= start) break
      sum += Math.min(ms, end) - start
    }
    return sum
  }

  const workingMsBetween = (a: Date, b: Date): number => {
    const from = chinaTime(a)
    const to = chinaTime(b)
    if (b.getTime() <= a.getTime()) return 0
    if (from.day === to.day) return workedBefore(to.day, to.ms) - workedBefore(from.day, from.ms)
    let sum = workedBefore(from.day, DAY) - workedBefore(from.day, from.ms)
    for (let day = from.day + 1; day < to.day; day++) if (worksOn(day)) sum += dayLength
    return sum + workedBefore(to.day, to.ms)
  }

  const addWorkingMs = (start: Date, ms: number): Date => {
    checkAmount('working time', ms, false)
    let { day, ms: at } = chinaTime(start)
    let left = Math.round(ms)
    if (left === 0) return new Date(start.getTime())
    // Terminates: past the last configured date, every weekday works.
    while (true) {
      if (worksOn(day)) {
        if (at === 0 && left > dayLength) left -= dayLength
        else {
          for (const [shiftStart, end] of shifts) {
            if (at >= end) continue
            const from = Math.max(at, shiftStart)
            // `<=`: a deadline that uses up a shift ends at its end, not at the next shift's start.
            if (left <= end - from) return instantAt(day, from + left)
            left -= end - from
          }
        }
      }
      day += 1
      at = 0
    }
  }

  /**
   * Working days 工作日 are counted like a period in the Civil Code (民法典 art. 201, 203): the day of
   * the start does not count, whatever the hour; counting begins with the next working day, and the
   * deadline is the end of business, the end of the last shift, of the `days`-th working day. So one
   * working day from a Friday-afternoon report ends when Monday's work ends, or later if Monday is a
   * holiday; a make-up Saturday counts like any working day.
   */
  const addWorkingDays = (start: Date, days: number): Date => {
    checkAmount('working days', days, true)
    if (days === 0) return new Date(start.getTime())
    let { day } = chinaTime(start)
    for (let left = days; left > 0; ) {
      day += 1
      if (worksOn(day)) left -= 1
    }
    return instantAt(day, lastEnd)
  }

  const addWorkingHours = (start: Date, hours: number): Date => {
    checkAmount('working hours', hours, false)
    return addWorkingMs(start, hours * HOUR)
  }

  return {
    isWorkday(date) {
      const day = dayNumber(date)
      if (day === undefined) throw new RangeError(`not a date YYYY-MM-DD: ${date}`)
      return worksOn(day)
    },
    knowsYear: (year) => years.has(year),
    addWorkingHours,
    addWorkingDays,
    addDuration: (start, duration) =>
      'hours' in duration ? addWorkingHours(start, duration.hours) : addWorkingDays(start, duration.days),
    workingMsBetween,
    addWorkingMs,
    limitShare(start, deadline, now, pausedMs = 0) {
      checkAmount('paused working time', pausedMs, false)
      const limit = workingMsBetween(start, deadline)
      const used = Math.max(0, workingMsBetween(start, now) - pausedMs)
      // Overdue is a wall-clock fact: a Friday-17:30 deadline is missed on Saturday, although no
      // working time has passed since. Such a share would be exactly 1, so it is lifted just above.
      const overdue = now.getTime() > addWorkingMs(deadline, pausedMs).getTime()
      if (limit === 0) return overdue ? Number.POSITIVE_INFINITY : 1
      const share = used / limit
      return overdue && share <= 1 ? 1 + Number.EPSILON : share
    },
  }
}

/** 红黄绿灯: green below 80 % of the limit used, yellow from 80 % up to 100 %, red beyond (overdue 超期). */
export function trafficLight(share: number): TrafficLight {
  if (Number.isNaN(share)) throw new RangeError('share is not a number')
  if (share > 1) return 'red'
  if (share >= 0.8) return 'yellow'
  return 'green'
}
