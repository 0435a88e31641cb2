import { describe, expect, it } from 'vitest'
import { createWorkCalendar } from './calendar'
import { CN_DAYS } from './calendar.cn'
import { calendarStatus, chinaYear, unknownYears, watchUnknownYears } from './calendar.years'

const shipped = () => createWorkCalendar({ days: CN_DAYS })
const at = (iso: string) => new Date(iso)

describe('years whose arrangement is not loaded', () => {
  it('takes the year of China time, not of UTC', () => {
    expect(chinaYear(at('2026-12-31T16:30:00Z'))).toBe(2027) // Jan 1, 00:30 in Beijing
    expect(chinaYear(at('2026-12-31T15:59:59Z'))).toBe(2026)
  })

  it.each([
    ['within a loaded year', '2026-03-02T09:00:00+08:00', '2026-03-20T17:30:00+08:00', []],
    ['into 2027, not loaded', '2026-12-28T09:00:00+08:00', '2027-01-05T17:30:00+08:00', [2027]],
    ['a 2019 ticket imported now', '2019-12-20T09:00:00+08:00', '2019-12-27T17:30:00+08:00', [2019]],
    ['across 2019 into 2020', '2019-12-30T09:00:00+08:00', '2020-01-03T17:30:00+08:00', [2019]],
    [
      'from 2026 over two unknown years',
      '2026-12-01T09:00:00+08:00',
      '2028-02-01T17:30:00+08:00',
      [2027, 2028],
    ],
  ])('%s', (_name, from, to, years) => {
    expect(unknownYears(shipped(), at(from), at(to))).toEqual(years)
  })

  it('knows a year once a deployment adds any day of it', () => {
    const cal = createWorkCalendar({
      days: [...CN_DAYS, { date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    })
    expect(unknownYears(cal, at('2026-12-28T09:00:00+08:00'), at('2027-01-05T17:30:00+08:00'))).toEqual([])
  })
})

describe('the calendar status of /readyz', () => {
  it('counts the deadlines set across an unknown year, and only those', () => {
    const cal = watchUnknownYears(shipped())
    cal.addDuration(at('2026-06-01T09:00:00+08:00'), { days: 3 })
    const late = cal.addDuration(at('2026-12-30T09:00:00+08:00'), { days: 3 })
    cal.addWorkingHours(at('2027-03-01T09:00:00+08:00'), 4)
    cal.addWorkingDays(at('2019-05-06T09:00:00+08:00'), 1)
    // The light's recomputation goes uncounted.
    cal.addWorkingMs(at('2027-03-01T09:00:00+08:00'), 3_600_000)
    expect(late).toEqual(at('2027-01-04T17:30:00+08:00')) // Dec 31, then Jan 1 and 4 by the weekday rule
    expect(cal.unknownYearDeadlines()).toEqual([
      { year: 2019, deadlines: 1 },
      { year: 2027, deadlines: 2 },
    ])
  })

  it('warns of a missing next year from November on, and of a missing current year always', () => {
    const cal = watchUnknownYears(shipped())
    expect(calendarStatus(cal, at('2026-10-31T23:00:00+08:00'))).toEqual({
      knownYears: [2020, 2021, 2022, 2023, 2024, 2025, 2026],
      currentYear: { year: 2026, known: true },
      nextYear: { year: 2027, known: false },
      unknownYearDeadlines: [],
      warnings: [],
    })
    // Nov 1, 00:30 in Beijing is still October in UTC.
    expect(calendarStatus(cal, at('2026-10-31T16:30:00Z')).warnings).toEqual(['calendar.next_year_missing'])
    cal.addDuration(at('2027-02-01T09:00:00+08:00'), { hours: 2 })
    expect(calendarStatus(cal, at('2027-02-01T09:00:00+08:00')).warnings).toEqual([
      'calendar.current_year_missing',
      'calendar.deadline_in_unknown_year',
    ])
  })

  it('passes a live calendar’s own members through', () => {
    const stop = () => 'stopped'
    const cal = watchUnknownYears({ ...shipped(), stop })
    expect(cal.stop()).toBe('stopped')
    expect(cal.isWorkday('2026-10-07')).toBe(false)
  })
})
