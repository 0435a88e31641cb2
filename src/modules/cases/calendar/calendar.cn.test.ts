import { describe, expect, it } from 'vitest'
import { type CalendarDay, createWorkCalendar } from './calendar'
import { CN_ARRANGEMENTS, CN_DAYS } from './calendar.cn'

const HOUR = 3_600_000
const cal = createWorkCalendar({ days: CN_DAYS })
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()
const dates = (days: readonly CalendarDay[], kind: CalendarDay['kind'], name?: RegExp) =>
  days.filter((d) => d.kind === kind && (!name || name.test(d.name))).map((d) => d.date)

/** Every date from `from` to `to`, both included. */
function span(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10))
  }
  return out
}

// Each row restates its notice by hand: the days off of the Spring Festival and of National Day, the
// make-up working days, the counts, and the working days of the year (weekdays − weekday holidays +
// make-up days, on the 7-hour default day).
const NOTICES = [
  {
    year: 2020,
    springFestival: span('2020-01-24', '2020-02-02'), // 1月24日至30日, extended to Feb 2
    nationalDay: span('2020-10-01', '2020-10-08'),
    workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    holidays: 30, // 1 + 10 + 3 + 5 + 3 + 8
    workingDays: 249,
  },
  {
    year: 2021,
    springFestival: span('2021-02-11', '2021-02-17'),
    nationalDay: span('2021-10-01', '2021-10-07'),
    workdays: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
    holidays: 31, // 3 + 7 + 3 + 5 + 3 + 3 + 7
    workingDays: 250,
  },
  {
    year: 2022,
    springFestival: span('2022-01-31', '2022-02-06'),
    nationalDay: span('2022-10-01', '2022-10-07'),
    workdays: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
    holidays: 31, // 3 + 7 + 3 + 5 + 3 + 3 + 7
    workingDays: 249,
  },
  {
    year: 2023,
    springFestival: span('2023-01-21', '2023-01-27'),
    nationalDay: span('2023-09-29', '2023-10-06'), // with the Mid-Autumn Festival
    workdays: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
    holidays: 27, // 3 (from Dec 31, 2022) + 7 + 1 + 5 + 3 + 8
    workingDays: 249,
  },
  {
    year: 2024,
    springFestival: span('2024-02-10', '2024-02-17'),
    nationalDay: span('2024-10-01', '2024-10-07'),
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
    holidays: 28, // 1 + 8 + 3 + 5 + 1 + 3 + 7
    workingDays: 251,
  },
  {
    year: 2025,
    springFestival: span('2025-01-28', '2025-02-04'), // from New Year's Eve, a statutory day since 2025
    nationalDay: span('2025-10-01', '2025-10-08'), // with the Mid-Autumn Festival
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    holidays: 28, // 1 + 8 + 3 + 5 + 3 + 8
    workingDays: 248,
  },
  {
    year: 2026,
    springFestival: span('2026-02-15', '2026-02-23'),
    nationalDay: span('2026-10-01', '2026-10-07'),
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    holidays: 33,
    workingDays: 248,
  },
]

describe('the shipped arrangements, 2020–2026', () => {
  it('ships exactly the years restated here', () => {
    expect(Object.keys(CN_ARRANGEMENTS).map(Number)).toEqual(NOTICES.map((n) => n.year))
  })

  describe.each(NOTICES)('$year', (notice) => {
    const days = CN_ARRANGEMENTS[notice.year] ?? []

    it('has the Spring Festival and National Day of its notice', () => {
      expect(dates(days, 'holiday', /春节/)).toEqual(notice.springFestival)
      expect(dates(days, 'holiday', /国庆/)).toEqual(notice.nationalDay)
    })

    it('has its count of days off and its make-up working days, each on a weekend', () => {
      expect(dates(days, 'holiday')).toHaveLength(notice.holidays)
      expect(dates(days, 'workday')).toEqual(notice.workdays)
      expect(notice.workdays.every((d) => weekday(d) === 0 || weekday(d) === 6)).toBe(true)
    })

    it('has its number of working days', () => {
      const from = new Date(`${notice.year}-01-01T00:00:00+08:00`)
      const to = new Date(`${notice.year + 1}-01-01T00:00:00+08:00`)
      expect(cal.workingMsBetween(from, to)).toBe(notice.workingDays * 7 * HOUR)
    })
  })

  it('lists no date twice, and each notice’s dates in its year (but the 2023 New Year from Dec 31)', () => {
    const all = CN_DAYS.map((d) => d.date)
    expect(new Set(all).size).toBe(all.length)
    for (const [year, days] of Object.entries(CN_ARRANGEMENTS)) {
      const strays = days.filter((d) => !d.date.startsWith(`${year}-`)).map((d) => d.date)
      expect(strays).toEqual(year === '2023' ? ['2022-12-31'] : [])
    }
  })

  it.each([
    ['2020-01-31', false], // the extended Spring Festival
    ['2020-02-01', false], // a make-up Saturday until the extension
    ['2020-02-03', true],
    ['2022-12-31', false], // a Saturday anyway, but named 元旦
    ['2024-02-09', true], // New Year's Eve, a working day by the 2024 notice
    ['2025-01-28', false], // New Year's Eve, a statutory day from 2025
    ['2025-05-05', false],
    ['2025-04-27', true], // a make-up Sunday
  ])('%s is a working day: %s', (date, works) => {
    expect(cal.isWorkday(date)).toBe(works)
  })

  it('counts a past deadline across a holiday: 1 working day from Sep 30, 2024 ends on Oct 8', () => {
    expect(cal.addWorkingDays(new Date('2024-09-30T10:00:00+08:00'), 1)).toEqual(
      new Date('2024-10-08T17:30:00+08:00'),
    )
  })
})
