import type { CalendarDay } from './calendar'

const DAY = 86_400_000

/** Every date from `from` to `to`, both included, as the notices write "1月24日至30日". */
function span(from: string, to: string): string[] {
  const dates: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
    dates.push(new Date(t).toISOString().slice(0, 10))
  }
  return dates
}

const off = (name: string, from: string, to = from): CalendarDay[] =>
  span(from, to).map((date) => ({ date, kind: 'holiday', name }))
const works = (name: string, ...dates: string[]): CalendarDay[] =>
  dates.map((date) => ({ date, kind: 'workday', name }))

/*
 * The arrangements of 2020–2025 from the State Council's yearly notices 国务院办公厅关于 N 年部分节假日
 * 安排的通知, so that tickets imported from those years (12345 work orders) and statistics over past
 * periods get the deadlines they had. As in calendar.cn-2026.ts, a span is written as the notice
 * writes it (weekend days included), and a `workday` is a Saturday or Sunday that works 调休上班.
 * Where a notice says only "X日放假，与周末连休", only that day is listed.
 */

/**
 * 国办发明电〔2019〕16号, with the extension of the Spring Festival by 国办发明电〔2020〕1号 (COVID-19):
 * the holiday ran to Sunday Feb 2, so Jan 31 was off and Saturday Feb 1 no longer a make-up working day.
 */
export const CN_2020: readonly CalendarDay[] = [
  ...off('元旦', '2020-01-01'),
  ...works('春节', '2020-01-19'),
  ...off('春节', '2020-01-24', '2020-02-02'),
  ...off('清明节', '2020-04-04', '2020-04-06'),
  ...works('劳动节', '2020-04-26'),
  ...off('劳动节', '2020-05-01', '2020-05-05'),
  ...works('劳动节', '2020-05-09'),
  ...off('端午节', '2020-06-25', '2020-06-27'),
  ...works('端午节', '2020-06-28'),
  ...works('国庆节、中秋节', '2020-09-27'),
  ...off('国庆节、中秋节', '2020-10-01', '2020-10-08'),
  ...works('国庆节、中秋节', '2020-10-10'),
]

/** 国办发明电〔2020〕27号. */
export const CN_2021: readonly CalendarDay[] = [
  ...off('元旦', '2021-01-01', '2021-01-03'),
  ...works('春节', '2021-02-07'),
  ...off('春节', '2021-02-11', '2021-02-17'),
  ...works('春节', '2021-02-20'),
  ...off('清明节', '2021-04-03', '2021-04-05'),
  ...works('劳动节', '2021-04-25'),
  ...off('劳动节', '2021-05-01', '2021-05-05'),
  ...works('劳动节', '2021-05-08'),
  ...off('端午节', '2021-06-12', '2021-06-14'),
  ...works('中秋节', '2021-09-18'),
  ...off('中秋节', '2021-09-19', '2021-09-21'),
  ...works('国庆节', '2021-09-26'),
  ...off('国庆节', '2021-10-01', '2021-10-07'),
  ...works('国庆节', '2021-10-09'),
]

/** 国办发明电〔2021〕11号. */
export const CN_2022: readonly CalendarDay[] = [
  ...off('元旦', '2022-01-01', '2022-01-03'),
  ...works('春节', '2022-01-29', '2022-01-30'),
  ...off('春节', '2022-01-31', '2022-02-06'),
  ...works('清明节', '2022-04-02'),
  ...off('清明节', '2022-04-03', '2022-04-05'),
  ...works('劳动节', '2022-04-24'),
  ...off('劳动节', '2022-04-30', '2022-05-04'),
  ...works('劳动节', '2022-05-07'),
  ...off('端午节', '2022-06-03', '2022-06-05'),
  ...off('中秋节', '2022-09-10', '2022-09-12'),
  ...off('国庆节', '2022-10-01', '2022-10-07'),
  ...works('国庆节', '2022-10-08', '2022-10-09'),
]

/** 国办发明电〔2022〕16号; its New Year holiday begins on Saturday Dec 31, 2022. */
export const CN_2023: readonly CalendarDay[] = [
  ...off('元旦', '2022-12-31', '2023-01-02'),
  ...off('春节', '2023-01-21', '2023-01-27'),
  ...works('春节', '2023-01-28', '2023-01-29'),
  ...off('清明节', '2023-04-05'),
  ...works('劳动节', '2023-04-23'),
  ...off('劳动节', '2023-04-29', '2023-05-03'),
  ...works('劳动节', '2023-05-06'),
  ...off('端午节', '2023-06-22', '2023-06-24'),
  ...works('端午节', '2023-06-25'),
  ...off('中秋节、国庆节', '2023-09-29', '2023-10-06'),
  ...works('中秋节、国庆节', '2023-10-07', '2023-10-08'),
]

/** 国办发明电〔2023〕7号. New Year's Eve of the Spring Festival (Feb 9) is a working day by the notice. */
export const CN_2024: readonly CalendarDay[] = [
  ...off('元旦', '2024-01-01'),
  ...works('春节', '2024-02-04'),
  ...off('春节', '2024-02-10', '2024-02-17'),
  ...works('春节', '2024-02-18'),
  ...off('清明节', '2024-04-04', '2024-04-06'),
  ...works('清明节', '2024-04-07'),
  ...works('劳动节', '2024-04-28'),
  ...off('劳动节', '2024-05-01', '2024-05-05'),
  ...works('劳动节', '2024-05-11'),
  ...off('端午节', '2024-06-10'),
  ...works('中秋节', '2024-09-14'),
  ...off('中秋节', '2024-09-15', '2024-09-17'),
  ...works('国庆节', '2024-09-29'),
  ...off('国庆节', '2024-10-01', '2024-10-07'),
  ...works('国庆节', '2024-10-12'),
]

/** 国办发明电〔2024〕12号, the first under 13 statutory days (New Year's Eve and May 2 added). */
export const CN_2025: readonly CalendarDay[] = [
  ...off('元旦', '2025-01-01'),
  ...works('春节', '2025-01-26'),
  ...off('春节', '2025-01-28', '2025-02-04'),
  ...works('春节', '2025-02-08'),
  ...off('清明节', '2025-04-04', '2025-04-06'),
  ...works('劳动节', '2025-04-27'),
  ...off('劳动节', '2025-05-01', '2025-05-05'),
  ...off('端午节', '2025-05-31', '2025-06-02'),
  ...works('国庆节、中秋节', '2025-09-28'),
  ...off('国庆节、中秋节', '2025-10-01', '2025-10-08'),
  ...works('国庆节、中秋节', '2025-10-11'),
]
