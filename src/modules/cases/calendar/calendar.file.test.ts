import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCalendar } from './calendar.file'

const dir = mkdtempSync(join(tmpdir(), 'wangge-calendar-'))
const file = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('the calendar file', () => {
  it('uses the shipped 2026 arrangement when none is configured', () => {
    const cal = loadCalendar(undefined)
    expect(cal.knowsYear(2026)).toBe(true)
    expect(cal.isWorkday('2026-02-14')).toBe(true)
    expect(cal.isWorkday('2026-02-16')).toBe(false)
    expect(cal.addWorkingDays(new Date('2026-02-13T16:00:00+08:00'), 1)).toEqual(
      new Date('2026-02-14T17:30:00+08:00'),
    )
  })

  it('adds a deployment’s days and shifts to the shipped ones, its dates winning', () => {
    const path = file(
      'local.json',
      JSON.stringify({
        shifts: [
          ['08:30', '12:00'],
          ['14:00', '18:00'],
        ],
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          // A local decision: the make-up Saturday after National Day is off here.
          { date: '2026-10-10', kind: 'holiday', name: '国庆节' },
        ],
      }),
    )
    const cal = loadCalendar(path)
    expect(cal.knowsYear(2027)).toBe(true)
    expect(cal.isWorkday('2027-01-01')).toBe(false)
    expect(cal.isWorkday('2026-10-10')).toBe(false)
    expect(cal.isWorkday('2026-10-09')).toBe(true)
    expect(cal.isWorkday('2026-02-14')).toBe(true) // shipped, untouched
    // Sep 30 + 3 working days: Oct 8, 9, then Monday Oct 12 (Oct 10 and 11 off), at the new 18:00.
    expect(cal.addWorkingDays(new Date('2026-09-30T10:00:00+08:00'), 3)).toEqual(
      new Date('2026-10-12T18:00:00+08:00'),
    )
    // Friday 17:00–18:00 is 1 h; the second hour is Monday 08:30–09:30.
    expect(cal.addWorkingHours(new Date('2026-03-06T17:00:00+08:00'), 2)).toEqual(
      new Date('2026-03-09T09:30:00+08:00'),
    )
  })

  it('keeps the default shifts when the file names days only', () => {
    const cal = loadCalendar(file('days.json', JSON.stringify({ days: [] })))
    expect(cal.addWorkingDays(new Date('2026-03-06T15:00:00+08:00'), 1)).toEqual(
      new Date('2026-03-09T17:30:00+08:00'),
    )
  })

  const day = (fields: object) => ({ date: '2027-01-01', kind: 'holiday', name: '元旦', ...fields })

  it.each([
    ['not JSON', '{days:', /cannot be read as JSON/],
    [
      'a date that does not exist',
      { days: [day({ date: '2026-02-30' })] },
      /days\.0\.date: expected a real date/,
    ],
    [
      'a date not written YYYY-MM-DD',
      { days: [day({ date: '2026-2-3' })] },
      /days\.0\.date: expected a real date/,
    ],
    ['an unknown kind', { days: [day({ kind: 'half' })] }, /days\.0\.kind: /],
    ['an unknown field in a day', { days: [day({ type: 'holiday' })] }, /days\.0: .*"type"/],
    ['an unknown field at the top', { days: [], holidays: [] }, /\(top level\): .*"holidays"/],
    ['no days', {}, /days: /],
    ['an empty name', { days: [day({ name: '' })] }, /days\.0\.name: /],
    [
      'a date listed twice',
      { days: [day({}), day({ kind: 'workday' })] },
      /days\.1\.date: 2027-01-01 is listed twice/,
    ],
    [
      'overlapping shifts',
      {
        shifts: [
          ['09:00', '12:00'],
          ['11:00', '14:00'],
        ],
        days: [],
      },
      /shifts\.1: 11:00–14:00 starts before the previous shift ends/,
    ],
    [
      'a shift ending before it starts',
      { shifts: [['12:00', '09:00']], days: [] },
      /shifts\.0: .*does not end after/,
    ],
    [
      'a time not written HH:MM',
      { shifts: [['9:00', '12:00']], days: [] },
      /shifts\.0\.0: expected a time HH:MM/,
    ],
    ['a shift with three times', { shifts: [['09:00', '12:00', '13:00']], days: [] }, /shifts\.0/],
    ['no shift', { shifts: [], days: [] }, /shifts: /],
  ])('refuses %s with one line naming WANGGE_CALENDAR and the field', (_name, content, reason) => {
    const path = file('bad.json', typeof content === 'string' ? content : JSON.stringify(content))
    expect(() => loadCalendar(path)).toThrow(/^invalid configuration: WANGGE_CALENDAR=/)
    expect(() => loadCalendar(path)).toThrow(reason)
  })

  it('refuses a file that is not there', () => {
    expect(() => loadCalendar(join(dir, 'missing.json'))).toThrow(
      /^invalid configuration: WANGGE_CALENDAR=.*missing\.json cannot be read/,
    )
  })
})
