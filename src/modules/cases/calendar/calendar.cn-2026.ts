import type { CalendarDay } from './calendar'

const off = (name: string, ...dates: string[]): CalendarDay[] =>
  dates.map((date) => ({ date, kind: 'holiday', name }))
const works = (name: string, ...dates: string[]): CalendarDay[] =>
  dates.map((date) => ({ date, kind: 'workday', name }))

/**
 * The 2026 arrangement of public holidays and make-up working days 调休上班, from 国务院办公厅关于2026年
 * 部分节假日安排的通知 (2025-11-04, published by Xinhua). Every day off is listed, weekend ones
 * included, so the list reads like the notice; a `workday` is a Saturday or Sunday that works.
 * The arrangement for 2027 is usually published in November 2026: add it through WANGGE_CALENDAR.
 */
export const CN_2026: readonly CalendarDay[] = [
  ...off('元旦', '2026-01-01', '2026-01-02', '2026-01-03'),
  ...works('元旦', '2026-01-04'),
  ...works('春节', '2026-02-14', '2026-02-28'),
  ...off(
    '春节',
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
  ),
  ...off('清明节', '2026-04-04', '2026-04-05', '2026-04-06'),
  ...off('劳动节', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'),
  ...works('劳动节', '2026-05-09'),
  ...off('端午节', '2026-06-19', '2026-06-20', '2026-06-21'),
  ...works('国庆节', '2026-09-20'),
  ...off('中秋节', '2026-09-25', '2026-09-26', '2026-09-27'),
  ...off(
    '国庆节',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ),
  ...works('国庆节', '2026-10-10'),
]
