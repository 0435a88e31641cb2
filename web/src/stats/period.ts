/** A period of whole months, China time: `from` the first month, `to` the last (both YYYY-MM). */
export interface MonthPeriod {
  from: string
  to: string
}

const CHINA_OFFSET = 8 * 3_600_000

/** The month (YYYY-MM) an instant falls in, China time, moved by `delta` months. */
export function monthOf(now: Date, delta = 0): string {
  const china = new Date(now.getTime() + CHINA_OFFSET)
  const at = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + delta, 1))
  return at.toISOString().slice(0, 7)
}

const next = (month: string) => monthOf(new Date(Date.parse(`${month}-01T00:00:00+08:00`)), 1)

/** The API's [from, to): midnight of the first month's 1st, midnight after the last month, +08:00. */
export function toRange(period: MonthPeriod): { from: string; to: string } {
  return { from: `${period.from}-01T00:00:00+08:00`, to: `${next(period.to)}-01T00:00:00+08:00` }
}

/** The period from another first month; a start after the end moves the end with it. */
export function startingAt(period: MonthPeriod, from: string): MonthPeriod {
  return from <= period.to ? { from, to: period.to } : { from, to: from }
}

/** The ready-made periods: this month, last month, this quarter, this year, the last 12 months. */
export function presets(
  now: Date,
): Record<'month' | 'lastMonth' | 'quarter' | 'year' | 'twelve', MonthPeriod> {
  const month = monthOf(now)
  const m = Number(month.slice(5, 7))
  const year = month.slice(0, 4)
  return {
    month: { from: month, to: month },
    lastMonth: { from: monthOf(now, -1), to: monthOf(now, -1) },
    quarter: { from: monthOf(now, -((m - 1) % 3)), to: month },
    year: { from: `${year}-01`, to: month },
    twelve: { from: monthOf(now, -11), to: month },
  }
}

/** The months a period may start or end in, newest first: the last `count` months. */
export function recentMonths(now: Date, count = 60): string[] {
  return Array.from({ length: count }, (_, i) => monthOf(now, -i))
}

/** A file name for the period: its first and last day, as the server names its own. */
export function periodLabel(period: MonthPeriod): string {
  const [y, m] = period.to.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${period.from}-01_${period.to}-${String(last).padStart(2, '0')}`
}
