import { readFileSync } from 'node:fs'
import type { Executor } from '../../../db/database'
import {
  type CalendarDay,
  createWorkCalendar,
  DEFAULT_SHIFTS,
  type Shift,
  type WorkCalendar,
} from '../calendar/calendar'
import { loadCalendar, SHIPPED_DAYS } from '../calendar/calendar.file'
import { configRepo } from './config.repo'

/** Where a calendar day comes from; a later source overrides an earlier one for the same date. */
export type DaySource = 'shipped' | 'file' | 'database'

export const DAY_SOURCES: readonly DaySource[] = ['shipped', 'file', 'database']

export interface LayeredDay extends CalendarDay {
  source: DaySource
  /** The day of an earlier source this one overrides, if any. */
  overrides: (CalendarDay & { source: DaySource }) | null
}

export interface CalendarLayers {
  shifts: readonly Shift[]
  shipped: readonly CalendarDay[]
  file: readonly CalendarDay[]
  database: readonly CalendarDay[]
}

/**
 * The days in force of a year, each with the source it comes from and what it overrides: the
 * database over the WANGGE_CALENDAR file over the shipped arrangement (a later day wins, as in
 * createWorkCalendar). Sorted by date.
 */
export function daysInForce(layers: CalendarLayers, year: number): LayeredDay[] {
  const prefix = `${year}-`
  const byDate = new Map<string, LayeredDay>()
  for (const source of DAY_SOURCES) {
    for (const day of layers[source]) {
      if (!day.date.startsWith(prefix)) continue
      const below = byDate.get(day.date)
      byDate.set(day.date, {
        date: day.date,
        kind: day.kind,
        name: day.name,
        source,
        overrides: below
          ? { date: below.date, kind: below.kind, name: below.name, source: below.source }
          : null,
      })
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
}

/** The shifts and days of the WANGGE_CALENDAR file (none without one); loadCalendar checks it first. */
export function readCalendarFile(path: string | undefined): {
  shifts?: readonly Shift[]
  days: CalendarDay[]
} {
  if (!path) return { days: [] }
  // loadCalendar stops the start with one line naming the variable and the field of a bad file.
  loadCalendar(path)
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { shifts?: Shift[]; days: CalendarDay[] }
  return { shifts: parsed.shifts, days: parsed.days }
}

/**
 * The working calendar the case clocks run on, following days set through the API without a
 * restart: a WorkCalendar that delegates to one rebuilt from shipped + file + database days.
 */
export interface LiveCalendar extends WorkCalendar {
  /** Reads the database days again and rebuilds (this node, at once after a change through it). */
  reload(): Promise<void>
  /** The sources, for the configuration API. */
  layers(): CalendarLayers
  /** Stops the periodic reload. */
  stop(): void
}

interface Log {
  error: (o: object, message: string) => void
}

/** Other nodes pick up a change within this time: one small query a minute. */
export const CALENDAR_RELOAD_MS = 60_000

/**
 * Builds the live calendar: the file is read (and checked) once, the database days are read now and
 * again every `reloadMs` (changes made through another node) and at once after a change made through
 * this one. A failed read is logged and the calendar in force is kept until the next one (the
 * OpenAPI script builds the app on no database at all).
 */
export async function createLiveCalendar(
  db: Executor,
  path: string | undefined,
  log: Log,
  reloadMs = CALENDAR_RELOAD_MS,
): Promise<LiveCalendar> {
  const file = readCalendarFile(path)
  const shifts = file.shifts ?? DEFAULT_SHIFTS
  let database: CalendarDay[] = []
  let current = createWorkCalendar({ shifts, days: [...SHIPPED_DAYS, ...file.days] })
  let signature = ''
  // Reloads may overlap (a timer tick and a change): the one started last decides.
  let started = 0
  let applied = 0

  const reload = async () => {
    const ticket = ++started
    const days = await configRepo.calendarDays(db)
    if (ticket < applied) return
    applied = ticket
    const next = JSON.stringify(days)
    if (next === signature) return
    signature = next
    database = days
    current = createWorkCalendar({ shifts, days: [...SHIPPED_DAYS, ...file.days, ...days] })
  }
  const reloadLogged = () =>
    reload().catch((error: unknown) =>
      log.error({ err: error }, 'calendar days could not be read: the calendar in force is kept'),
    )

  await reloadLogged()
  const timer = setInterval(reloadLogged, reloadMs)
  timer.unref()

  return {
    isWorkday: (date) => current.isWorkday(date),
    knowsYear: (year) => current.knowsYear(year),
    addWorkingHours: (start, hours) => current.addWorkingHours(start, hours),
    addWorkingDays: (start, days) => current.addWorkingDays(start, days),
    addDuration: (start, duration) => current.addDuration(start, duration),
    workingMsBetween: (a, b) => current.workingMsBetween(a, b),
    addWorkingMs: (start, ms) => current.addWorkingMs(start, ms),
    limitShare: (start, deadline, now, pausedMs) => current.limitShare(start, deadline, now, pausedMs),
    reload,
    layers: () => ({ shifts, shipped: SHIPPED_DAYS, file: file.days, database }),
    stop: () => clearInterval(timer),
  }
}
