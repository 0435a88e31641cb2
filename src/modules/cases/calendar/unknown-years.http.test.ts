import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'

let now = new Date('2026-12-31T17:00:00+08:00')
let t: TestApp
beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
})
afterAll(() => t?.close())

describe('a deadline counted into a year whose arrangement is not loaded', () => {
  it('is flagged on the case and in /readyz, which stays ready', async () => {
    const p = await t.place('480101', 5)
    const before = await t.call({ method: 'GET', url: '/readyz' })
    expect(before.json().calendar).toEqual({
      knownYears: [2020, 2021, 2022, 2023, 2024, 2025, 2026],
      currentYear: { year: 2026, known: true },
      nextYear: { year: 2027, known: false },
      unknownYearDeadlines: [],
      warnings: ['calendar.next_year_missing'],
    })

    // An hour to accept, from Thursday Dec 31 at 17:00: half an hour that day, the rest in 2027.
    const late = await t.make.case({ place: p })
    expect(late.deadlines.accept).toBe(new Date('2027-01-01T09:30:00+08:00').toISOString())
    expect(late.unknownCalendarYears).toEqual([2027])

    now = new Date('2026-12-31T09:00:00+08:00')
    const early = await t.make.case({ place: p })
    expect(early.unknownCalendarYears).toEqual([])

    const after = await t.call({ method: 'GET', url: '/readyz' })
    expect(after.statusCode).toBe(200)
    expect(after.json()).toMatchObject({
      status: 'ready',
      calendar: {
        unknownYearDeadlines: [{ year: 2027, deadlines: 1 }],
        warnings: ['calendar.next_year_missing', 'calendar.deadline_in_unknown_year'],
      },
    })
  })

  it('is no longer flagged once the year’s arrangement is set through the settings', async () => {
    now = new Date('2026-12-31T17:00:00+08:00')
    const p = await t.place('480102', 6)
    const admin = await t.as([{ key: 'admin' }])
    const set = await t.call({
      method: 'PUT',
      url: '/api/calendar/days/2027-01-01',
      cookie: admin.cookie,
      payload: { kind: 'holiday', name: '元旦' },
    })
    expect(set.statusCode, set.body).toBe(200)
    const c = await t.make.case({ place: p })
    // Jan 1 is now a holiday: the second half hour falls on Monday Jan 4.
    expect(c.deadlines.accept).toBe(new Date('2027-01-04T09:30:00+08:00').toISOString())
    expect(c.unknownCalendarYears).toEqual([])
    const ready = (await t.call({ method: 'GET', url: '/readyz' })).json()
    expect(ready.calendar.nextYear).toEqual({ year: 2027, known: true })
    expect(ready.calendar.warnings).not.toContain('calendar.next_year_missing')
  })
})
