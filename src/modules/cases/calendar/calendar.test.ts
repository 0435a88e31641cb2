import { describe, expect, it } from 'vitest'
import { type CalendarDay, createWorkCalendar, trafficLight } from './calendar'
import { CN_2026 } from './calendar.cn-2026'

// Every expectation below is worked out by hand on the shifts 09:00–12:00 and 13:30–17:30 (7 h a day).
const cal = createWorkCalendar({ days: CN_2026 })
const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('the 2026 arrangement', () => {
  it.each([
    ['2026-01-01', false], // 元旦
    ['2026-01-02', false],
    ['2026-01-04', true], // Sunday, 调休上班
    ['2026-02-13', true],
    ['2026-02-14', true], // Saturday, 调休上班
    ['2026-02-15', false], // 春节 Feb 15–23
    ['2026-02-23', false], // a Monday
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday, 调休上班
    ['2026-03-07', false], // a plain Saturday
    ['2026-03-09', true], // a plain Monday
    ['2026-04-06', false], // 清明节, a Monday
    ['2026-05-05', false], // 劳动节, a Tuesday
    ['2026-05-09', true], // Saturday, 调休上班
    ['2026-06-19', false], // 端午节, a Friday
    ['2026-09-20', true], // Sunday, 调休上班
    ['2026-09-25', false], // 中秋节, a Friday
    ['2026-10-07', false], // 国庆节, a Wednesday
    ['2026-10-10', true], // Saturday, 调休上班
    ['2026-10-11', false],
  ])('%s is a working day: %s', (date, works) => {
    expect(cal.isWorkday(date)).toBe(works)
  })

  it('lists make-up working days on weekends only, and 33 days off', () => {
    const weekday = (d: CalendarDay) => new Date(`${d.date}T00:00:00Z`).getUTCDay()
    const workdays = CN_2026.filter((d) => d.kind === 'workday')
    expect(workdays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ])
    expect(workdays.every((d) => weekday(d) === 0 || weekday(d) === 6)).toBe(true)
    // 3 + 9 + 3 + 5 + 3 + 3 + 7
    expect(CN_2026.filter((d) => d.kind === 'holiday')).toHaveLength(33)
  })

  it('knows 2026 and only 2026', () => {
    expect(cal.knowsYear(2026)).toBe(true)
    expect(cal.knowsYear(2025)).toBe(false)
    expect(cal.knowsYear(2027)).toBe(false)
  })

  it('has 248 working days in 2026 (261 weekdays − 19 weekday holidays + 6 make-up days)', () => {
    expect(
      cal.workingMsBetween(new Date('2026-01-01T00:00:00+08:00'), new Date('2027-01-01T00:00:00+08:00')),
    ).toBe(248 * 7 * HOUR)
  })

  it('refuses what is not a date', () => {
    expect(() => cal.isWorkday('2026-02-30')).toThrow(RangeError)
    expect(() => cal.isWorkday('2026-2-3')).toThrow(RangeError)
  })
})

describe('working hours 工作时', () => {
  it.each([
    [
      'a Friday 16:00 report, 4 h: 1.5 h on Friday, 2.5 h on Monday',
      '2026-03-06T16:00:00+08:00',
      4,
      '2026-03-09T11:30:00+08:00',
    ],
    ['a start during lunch begins at 13:30', '2026-03-10T12:30:00+08:00', 2, '2026-03-10T15:30:00+08:00'],
    ['a start before work begins at 09:00', '2026-03-10T07:00:00+08:00', 1, '2026-03-10T10:00:00+08:00'],
    [
      'a start at 02:00 China time (still the day before in UTC)',
      '2026-03-10T02:00:00+08:00',
      1,
      '2026-03-10T10:00:00+08:00',
    ],
    ['a start after work begins next morning', '2026-03-10T19:00:00+08:00', 1, '2026-03-11T10:00:00+08:00'],
    ['a start at the end of the morning shift', '2026-03-10T12:00:00+08:00', 1, '2026-03-10T14:30:00+08:00'],
    [
      'a deadline landing on a shift end stays there, not at 13:30',
      '2026-03-10T09:00:00+08:00',
      3,
      '2026-03-10T12:00:00+08:00',
    ],
    [
      'a full day from 09:00 ends at 17:30 the same day, not 09:00 the next',
      '2026-03-10T09:00:00+08:00',
      7,
      '2026-03-10T17:30:00+08:00',
    ],
    [
      'a day and a minute (7 h + 1/60 h, rounded to the millisecond)',
      '2026-03-10T09:00:00+08:00',
      7 + 1 / 60,
      '2026-03-11T09:01:00+08:00',
    ],
    ['half an hour across lunch', '2026-03-10T11:45:00+08:00', 0.5, '2026-03-10T13:45:00+08:00'],
    ['over a plain weekend', '2026-03-13T17:00:00+08:00', 1, '2026-03-16T09:30:00+08:00'],
    [
      '40 h from Monday 09:00: 35 h to Friday 17:30, 5 h the next Monday',
      '2026-03-09T09:00:00+08:00',
      40,
      '2026-03-16T15:30:00+08:00',
    ],
    [
      'a start on a weekday holiday (劳动节, Monday May 4) waits for May 6',
      '2026-05-04T10:00:00+08:00',
      1,
      '2026-05-06T10:00:00+08:00',
    ],
    [
      'a start on a National Day holiday, 8 h: 7 h on Oct 8, 1 h on Oct 9',
      '2026-10-03T10:00:00+08:00',
      8,
      '2026-10-09T10:00:00+08:00',
    ],
    [
      'into the make-up Saturday Feb 14: 1.5 h on Feb 13, 2.5 h on Feb 14',
      '2026-02-13T16:00:00+08:00',
      4,
      '2026-02-14T11:30:00+08:00',
    ],
    [
      'across the Spring Festival: 0.5 h on Feb 14, 0.5 h on Feb 24',
      '2026-02-14T17:00:00+08:00',
      1,
      '2026-02-24T09:30:00+08:00',
    ],
    [
      'across the year end onto the make-up Sunday Jan 4',
      '2025-12-31T17:00:00+08:00',
      1,
      '2026-01-04T09:30:00+08:00',
    ],
    [
      'across Qingming (Apr 4–6, Saturday to Monday)',
      '2026-04-03T17:00:00+08:00',
      1,
      '2026-04-07T09:30:00+08:00',
    ],
    [
      '24 h across National Day: 2.5 on Sep 30, 7 on Oct 8, 9 and 10 (Saturday), 0.5 on Oct 12',
      '2026-09-30T15:00:00+08:00',
      24,
      '2026-10-12T09:30:00+08:00',
    ],
    [
      '0 h leaves the start as it is, even on a Saturday',
      '2026-03-07T10:00:00+08:00',
      0,
      '2026-03-07T10:00:00+08:00',
    ],
  ])('%s', (_name, start, hours, deadline) => {
    expect(cal.addWorkingHours(new Date(start), hours)).toEqual(new Date(deadline))
    expect(cal.addDuration(new Date(start), { hours })).toEqual(new Date(deadline))
  })

  it('refuses a negative, infinite or missing amount and an invalid date', () => {
    const start = new Date('2026-03-10T09:00:00+08:00')
    expect(() => cal.addWorkingHours(start, -1)).toThrow(RangeError)
    expect(() => cal.addWorkingHours(start, Number.NaN)).toThrow(RangeError)
    expect(() => cal.addWorkingHours(start, Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => cal.addWorkingHours(new Date('not a date'), 1)).toThrow(RangeError)
  })

  it('follows the configured shifts, up to 24:00 for round-the-clock work', () => {
    const hotline = createWorkCalendar({ shifts: [['00:00', '24:00']], days: CN_2026 })
    // Friday 20:00 + 4 h ends at the shift end, Friday 24:00 = Saturday 00:00; 5 h runs into Monday.
    expect(hotline.addWorkingHours(new Date('2026-03-06T20:00:00+08:00'), 4)).toEqual(
      new Date('2026-03-07T00:00:00+08:00'),
    )
    expect(hotline.addWorkingHours(new Date('2026-03-06T20:00:00+08:00'), 5)).toEqual(
      new Date('2026-03-09T01:00:00+08:00'),
    )
    expect(hotline.addWorkingDays(new Date('2026-03-06T20:00:00+08:00'), 1)).toEqual(
      new Date('2026-03-10T00:00:00+08:00'),
    )
  })
})

describe('working days 工作日', () => {
  it.each([
    [
      'a Friday-afternoon report, 1 day: end of Monday',
      '2026-03-06T15:00:00+08:00',
      1,
      '2026-03-09T17:30:00+08:00',
    ],
    [
      'late Friday evening, 1 day: end of Monday',
      '2026-03-06T23:30:00+08:00',
      1,
      '2026-03-09T17:30:00+08:00',
    ],
    ['a Saturday, 1 day: end of Monday', '2026-03-07T10:00:00+08:00', 1, '2026-03-09T17:30:00+08:00'],
    [
      'Monday 07:00 (Sunday in UTC), 1 day: the start day never counts, end of Tuesday',
      '2026-03-09T07:00:00+08:00',
      1,
      '2026-03-10T17:30:00+08:00',
    ],
    [
      'Feb 13 (Friday), 1 day: the make-up Saturday Feb 14',
      '2026-02-13T16:00:00+08:00',
      1,
      '2026-02-14T17:30:00+08:00',
    ],
    [
      'Feb 13, 2 days: Feb 14, then Feb 24 after 春节',
      '2026-02-13T16:00:00+08:00',
      2,
      '2026-02-24T17:30:00+08:00',
    ],
    ['Feb 13, 3 days: Feb 25', '2026-02-13T16:00:00+08:00', 3, '2026-02-25T17:30:00+08:00'],
    [
      'Sep 30, 3 days: Oct 8, 9 and the make-up Saturday Oct 10',
      '2026-09-30T10:00:00+08:00',
      3,
      '2026-10-10T17:30:00+08:00',
    ],
    [
      'Sep 30, 4 days: Oct 12 (Sunday Oct 11 is off)',
      '2026-09-30T10:00:00+08:00',
      4,
      '2026-10-12T17:30:00+08:00',
    ],
    [
      'a start on a holiday (Oct 3), 1 day: Oct 8',
      '2026-10-03T10:00:00+08:00',
      1,
      '2026-10-08T17:30:00+08:00',
    ],
    [
      'Saturday Sep 19, 1 day: the make-up Sunday Sep 20',
      '2026-09-19T10:00:00+08:00',
      1,
      '2026-09-20T17:30:00+08:00',
    ],
    [
      'the make-up Sunday Sep 20, 1 day: Monday Sep 21',
      '2026-09-20T10:00:00+08:00',
      1,
      '2026-09-21T17:30:00+08:00',
    ],
    [
      'Dec 31, 2025, 1 day: the make-up Sunday Jan 4, 2026',
      '2025-12-31T16:00:00+08:00',
      1,
      '2026-01-04T17:30:00+08:00',
    ],
    ['Dec 31, 2025, 2 days: Jan 5', '2025-12-31T16:00:00+08:00', 2, '2026-01-05T17:30:00+08:00'],
    ['Apr 30, 1 day: May 6 after 劳动节', '2026-04-30T10:00:00+08:00', 1, '2026-05-06T17:30:00+08:00'],
    [
      'Apr 30, 4 days: May 6, 7, 8 and the make-up Saturday May 9',
      '2026-04-30T10:00:00+08:00',
      4,
      '2026-05-09T17:30:00+08:00',
    ],
    [
      'Sep 28, 20 days: Sep 29–30, Oct 8–10, 12–16, 19–23, 26–30',
      '2026-09-28T10:00:00+08:00',
      20,
      '2026-10-30T17:30:00+08:00',
    ],
    [
      'Dec 31, 2026, 1 day: Jan 1, 2027, by the weekday rule alone (2027 is not configured)',
      '2026-12-31T10:00:00+08:00',
      1,
      '2027-01-01T17:30:00+08:00',
    ],
    ['0 days leaves the start as it is', '2026-03-06T15:00:00+08:00', 0, '2026-03-06T15:00:00+08:00'],
  ])('%s', (_name, start, days, deadline) => {
    expect(cal.addWorkingDays(new Date(start), days)).toEqual(new Date(deadline))
    expect(cal.addDuration(new Date(start), { days })).toEqual(new Date(deadline))
  })

  it('refuses a fraction of a day or a negative count', () => {
    const start = new Date('2026-03-06T15:00:00+08:00')
    expect(() => cal.addWorkingDays(start, 1.5)).toThrow(RangeError)
    expect(() => cal.addWorkingDays(start, -1)).toThrow(RangeError)
  })

  it('ends at the end of the last configured shift', () => {
    const late = createWorkCalendar({
      shifts: [
        ['08:30', '12:00'],
        ['14:00', '18:00'],
      ],
      days: CN_2026,
    })
    expect(late.addWorkingDays(new Date('2026-03-06T15:00:00+08:00'), 1)).toEqual(
      new Date('2026-03-09T18:00:00+08:00'),
    )
  })
})

describe('working time between two instants', () => {
  it.each([
    ['Friday 16:00 → Monday 11:30', '2026-03-06T16:00:00+08:00', '2026-03-09T11:30:00+08:00', 4 * HOUR],
    [
      'within one shift, 09:15 → 10:00',
      '2026-03-10T09:15:00+08:00',
      '2026-03-10T10:00:00+08:00',
      45 * MINUTE,
    ],
    ['within lunch, 12:10 → 13:00', '2026-03-10T12:10:00+08:00', '2026-03-10T13:00:00+08:00', 0],
    ['a weekend, Saturday 10:00 → Sunday 16:00', '2026-03-07T10:00:00+08:00', '2026-03-08T16:00:00+08:00', 0],
    ['Tuesday 10:00 → Wednesday 10:00', '2026-03-10T10:00:00+08:00', '2026-03-11T10:00:00+08:00', 7 * HOUR],
    [
      'the week of 清明, Monday Apr 6 (off) → Monday Apr 13: four days',
      '2026-04-06T00:00:00+08:00',
      '2026-04-13T00:00:00+08:00',
      28 * HOUR,
    ],
    [
      'the week of 端午, Monday Jun 15 → Monday Jun 22: Friday Jun 19 is off',
      '2026-06-15T00:00:00+08:00',
      '2026-06-22T00:00:00+08:00',
      28 * HOUR,
    ],
    [
      'the National Day fortnight, Sep 28 → Oct 12: Sep 28–30 and Oct 8–10',
      '2026-09-28T00:00:00+08:00',
      '2026-10-12T00:00:00+08:00',
      42 * HOUR,
    ],
    ['across the year end', '2025-12-31T17:00:00+08:00', '2026-01-04T09:30:00+08:00', HOUR],
    ['backwards', '2026-03-10T11:00:00+08:00', '2026-03-10T10:00:00+08:00', 0],
    ['no time at all', '2026-03-10T11:00:00+08:00', '2026-03-10T11:00:00+08:00', 0],
  ])('%s', (_name, a, b, ms) => {
    expect(cal.workingMsBetween(new Date(a), new Date(b))).toBe(ms)
  })

  it('pushes a deadline by the working time a case spent suspended 挂起', () => {
    // Deadline Friday 17:30, suspended for 2 working hours: Monday 11:00.
    expect(cal.addWorkingMs(new Date('2026-03-06T17:30:00+08:00'), 2 * HOUR)).toEqual(
      new Date('2026-03-09T11:00:00+08:00'),
    )
  })
})

describe('addWorkingMs and workingMsBetween are inverse (seeded random instants)', () => {
  // mulberry32: a fixed seed, so every run checks the same instants.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const from = new Date('2025-12-20T00:00:00+08:00').getTime()
  const to = new Date('2027-01-10T00:00:00+08:00').getTime()

  it('agrees with counting minute by minute', () => {
    const next = random(2026)
    const off = new Set(CN_2026.filter((d) => d.kind === 'holiday').map((d) => d.date))
    const on = new Set(CN_2026.filter((d) => d.kind === 'workday').map((d) => d.date))
    // Minutes since 1970-01-01 00:00 China time; the day's status is looked up once per day.
    const worksOn = new Map<number, boolean>()
    const working = (t: number) => {
      const index = (t + 8 * HOUR) / MINUTE
      const day = Math.floor(index / (24 * 60))
      const minute = index - day * 24 * 60
      let works = worksOn.get(day)
      if (works === undefined) {
        const midnight = new Date(day * 24 * HOUR)
        const date = midnight.toISOString().slice(0, 10)
        const weekend = midnight.getUTCDay() === 0 || midnight.getUTCDay() === 6
        works = on.has(date) || (!off.has(date) && !weekend)
        worksOn.set(day, works)
      }
      return (
        works && ((minute >= 9 * 60 && minute < 12 * 60) || (minute >= 13 * 60 + 30 && minute < 17 * 60 + 30))
      )
    }
    for (let i = 0; i < 300; i++) {
      const a = from + Math.floor(next() * ((to - from) / MINUTE)) * MINUTE
      const b = a + Math.floor(next() * 12 * 24 * 60) * MINUTE
      let expected = 0
      for (let t = a; t < b; t += MINUTE) if (working(t)) expected += MINUTE
      expect(cal.workingMsBetween(new Date(a), new Date(b))).toBe(expected)
    }
  })

  it('gives back the instant, or the end of the working time just before it', () => {
    const next = random(42)
    for (let i = 0; i < 2000; i++) {
      const a = new Date(from + Math.floor(next() * (to - from)))
      const b = new Date(a.getTime() + Math.floor(next() * 60 * 24 * HOUR))
      const elapsed = cal.workingMsBetween(a, b)
      const back = cal.addWorkingMs(a, elapsed)
      expect(cal.workingMsBetween(a, back)).toBe(elapsed)
      expect(back.getTime()).toBeLessThanOrEqual(b.getTime())
      expect(cal.workingMsBetween(back, b)).toBe(0)
      // Inside working time there is one instant with that much elapsed: b itself.
      if (cal.workingMsBetween(new Date(b.getTime() - 1), b) === 1) expect(back).toEqual(b)
    }
  })

  it('reaches exactly the working time asked for, at the earliest instant', () => {
    const next = random(7)
    for (let i = 0; i < 2000; i++) {
      const a = new Date(from + Math.floor(next() * (to - from)))
      const ms = 1 + Math.floor(next() * 300 * HOUR)
      const end = cal.addWorkingMs(a, ms)
      expect(cal.workingMsBetween(a, end)).toBe(ms)
      expect(cal.workingMsBetween(a, new Date(end.getTime() - 1))).toBe(ms - 1)
    }
  })

  it('ends N working days at the end of the Nth working day after the start day', () => {
    const next = random(11)
    for (let i = 0; i < 500; i++) {
      const a = new Date(from + Math.floor(next() * (to - from)))
      const days = 1 + Math.floor(next() * 30)
      const end = cal.addWorkingDays(a, days)
      const local = new Date(a.getTime() + 8 * HOUR)
      const nextMidnight =
        new Date(`${local.toISOString().slice(0, 10)}T00:00:00+08:00`).getTime() + 24 * HOUR
      expect(cal.workingMsBetween(new Date(nextMidnight), end)).toBe(days * 7 * HOUR)
      expect(new Date(end.getTime() + 8 * HOUR).toISOString().slice(11, 16)).toBe('17:30')
    }
  })

  it('is fast: 2,000 year-long deadlines and elapsed times well under a second', () => {
    const started = performance.now()
    const start = new Date('2026-01-01T00:00:00+08:00')
    for (let i = 0; i < 2_000; i++) {
      cal.addWorkingDays(start, 250)
      cal.workingMsBetween(start, new Date('2027-01-01T00:00:00+08:00'))
    }
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('the share of the limit used and its traffic light 红黄绿灯', () => {
  // A 7-hour limit: Monday 09:00 → Monday 17:30.
  const start = new Date('2026-03-09T09:00:00+08:00')
  const deadline = new Date('2026-03-09T17:30:00+08:00')

  it.each([
    ['before the start', '2026-03-09T08:00:00+08:00', 0, 0, 'green'],
    ['at the start', '2026-03-09T09:00:00+08:00', 0, 0, 'green'],
    ['one minute short of 80 % (335 of 420 minutes)', '2026-03-09T16:05:00+08:00', 0, 335 / 420, 'green'],
    ['at 80 % (5.6 h of 7)', '2026-03-09T16:06:00+08:00', 0, 0.8, 'yellow'],
    ['at the deadline', '2026-03-09T17:30:00+08:00', 0, 1, 'yellow'],
    ['one working minute late', '2026-03-10T09:01:00+08:00', 0, 421 / 420, 'red'],
    [
      'after hours on the deadline day: overdue although no working time passed',
      '2026-03-09T19:00:00+08:00',
      0,
      1 + Number.EPSILON,
      'red',
    ],
    ['at the deadline after 1 h suspended', '2026-03-09T17:30:00+08:00', HOUR, 6 / 7, 'yellow'],
    [
      'at the pushed deadline (Tuesday 10:00) after 1 h suspended',
      '2026-03-10T10:00:00+08:00',
      HOUR,
      1,
      'yellow',
    ],
    ['a minute past the pushed deadline', '2026-03-10T10:01:00+08:00', HOUR, 421 / 420, 'red'],
  ])('%s', (_name, now, paused, share, light) => {
    const used = cal.limitShare(start, deadline, new Date(now), paused)
    expect(used).toBe(share)
    expect(trafficLight(used)).toBe(light)
  })

  it('does not run over a holiday: Sep 30 + 1 working day, looked at on Oct 5', () => {
    // Limit: Sep 30 09:00–17:30 and Oct 8 = 14 h; by Oct 5 only Sep 30 has run.
    const accepted = new Date('2026-09-30T09:00:00+08:00')
    const due = cal.addWorkingDays(accepted, 1)
    expect(due).toEqual(new Date('2026-10-08T17:30:00+08:00'))
    expect(cal.limitShare(accepted, due, new Date('2026-10-05T12:00:00+08:00'))).toBe(0.5)
  })

  it('treats a zero limit as used at once and overdue after it', () => {
    expect(cal.limitShare(start, start, start)).toBe(1)
    expect(cal.limitShare(start, start, new Date('2026-03-09T09:01:00+08:00'))).toBe(Number.POSITIVE_INFINITY)
  })

  it.each([
    [0, 'green'],
    [0.79, 'green'],
    [0.8, 'yellow'],
    [0.95, 'yellow'],
    [1, 'yellow'],
    [1 + Number.EPSILON, 'red'],
    [1.5, 'red'],
    [Number.POSITIVE_INFINITY, 'red'],
  ])('a share of %s is %s', (share, light) => {
    expect(trafficLight(share)).toBe(light)
  })

  it('refuses NaN', () => {
    expect(() => trafficLight(Number.NaN)).toThrow(RangeError)
  })
})

describe('the calendar configuration', () => {
  it('lets the later entry for a date win', () => {
    const moved = createWorkCalendar({
      days: [
        { date: '2026-10-10', kind: 'workday', name: '国庆节' },
        { date: '2026-10-10', kind: 'holiday', name: '国庆节' },
      ],
    })
    expect(moved.isWorkday('2026-10-10')).toBe(false)
  })

  it.each([
    ['no shift', { shifts: [], days: [] }],
    [
      'overlapping shifts',
      {
        shifts: [
          ['09:00', '12:00'],
          ['11:00', '17:00'],
        ] as const,
        days: [],
      },
    ],
    ['a shift ending before it starts', { shifts: [['12:00', '09:00']] as const, days: [] }],
    ['a time that is not HH:MM', { shifts: [['9:00', '12:00']] as const, days: [] }],
    ['a date that does not exist', { days: [{ date: '2026-02-29', kind: 'holiday' as const, name: 'x' }] }],
  ])('refuses %s', (_name, config) => {
    expect(() => createWorkCalendar(config)).toThrow(RangeError)
  })
})
