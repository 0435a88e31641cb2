import type { WorkCalendar } from './calendar'

const CHINA_OFFSET = 8 * 3_600_000

/** The calendar year of an instant in China time. */
export const chinaYear = (instant: Date) => new Date(instant.getTime() + CHINA_OFFSET).getUTCFullYear()

/**
 * The years from `from` to `to` (China time, both included) whose arrangement the calendar does not
 * know: a deadline counted across one of them took no holiday or make-up day of it into account.
 */
export function unknownYears(calendar: Pick<WorkCalendar, 'knowsYear'>, from: Date, to: Date): number[] {
  const years: number[] = []
  for (let year = chinaYear(from); year <= chinaYear(to); year++) {
    if (!calendar.knowsYear(year)) years.push(year)
  }
  return years
}

/** The years a deployment may configure (as the calendar API takes them). */
const FIRST_YEAR = 2000
const LAST_YEAR = 2100

export interface CalendarWatch {
  /** Deadlines counted into a year whose arrangement is not loaded, by year, since the process started. */
  unknownYearDeadlines(): { year: number; deadlines: number }[]
}

/**
 * The calendar, counting every deadline it sets from a time limit across a year it does not know, for
 * /readyz. `addWorkingMs` is left uncounted: the traffic light recomputes a deadline with it on every
 * read. The other members of `calendar` (a live calendar's reload, layers, stop) are passed through.
 */
export function watchUnknownYears<C extends WorkCalendar>(calendar: C): C & CalendarWatch {
  const counts = new Map<number, number>()
  const noted = (start: Date, deadline: Date) => {
    for (const year of unknownYears(calendar, start, deadline)) counts.set(year, (counts.get(year) ?? 0) + 1)
    return deadline
  }
  return {
    ...calendar,
    addWorkingHours: (start, hours) => noted(start, calendar.addWorkingHours(start, hours)),
    addWorkingDays: (start, days) => noted(start, calendar.addWorkingDays(start, days)),
    addDuration: (start, duration) => noted(start, calendar.addDuration(start, duration)),
    unknownYearDeadlines: () =>
      [...counts].sort(([a], [b]) => a - b).map(([year, deadlines]) => ({ year, deadlines })),
  }
}

/** The next year's arrangement is usually published in early November; from then on, it is awaited. */
export const NEXT_YEAR_AWAITED_FROM_MONTH = 11

export interface CalendarStatus {
  knownYears: number[]
  currentYear: { year: number; known: boolean }
  nextYear: { year: number; known: boolean }
  unknownYearDeadlines: { year: number; deadlines: number }[]
  /** calendar.current_year_missing, calendar.next_year_missing (from November), calendar.deadline_in_unknown_year. */
  warnings: string[]
}

/** What /readyz tells an operator about the working calendar at `now`. */
export function calendarStatus(calendar: WorkCalendar & CalendarWatch, now: Date): CalendarStatus {
  const knownYears: number[] = []
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) if (calendar.knowsYear(year)) knownYears.push(year)
  const year = chinaYear(now)
  const month = new Date(now.getTime() + CHINA_OFFSET).getUTCMonth() + 1
  const current = { year, known: calendar.knowsYear(year) }
  const next = { year: year + 1, known: calendar.knowsYear(year + 1) }
  const deadlines = calendar.unknownYearDeadlines()
  const warnings = [
    ...(current.known ? [] : ['calendar.current_year_missing']),
    ...(!next.known && month >= NEXT_YEAR_AWAITED_FROM_MONTH ? ['calendar.next_year_missing'] : []),
    ...(deadlines.length > 0 ? ['calendar.deadline_in_unknown_year'] : []),
  ]
  return { knownYears, currentYear: current, nextYear: next, unknownYearDeadlines: deadlines, warnings }
}
