/**
 * Assessment periods 考核周期 as written on the screens and in file names: a month `2026-11`, a
 * quarter `2026-Q4`, a half-year `2026-H2` or a year `2026`. Days are China calendar days; `to` is
 * the day after the last.
 */
export interface Period {
  key: string
  from: string
  to: string
  /** The period before, of the same length (for the ranking's movement). */
  previous: string
}

const PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/

const pad = (n: number) => String(n).padStart(2, '0')

function monthStart(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12)
  const m = ((((month - 1) % 12) + 12) % 12) + 1
  return `${y}-${pad(m)}-01`
}

/** The period a key names, or null when the key is not one. */
export function parsePeriod(key: string): Period | null {
  const m = PATTERN.exec(key)
  if (!m) return null
  const year = Number(m[1])
  if (year < 2000 || year > 2100) return null
  if (m[2]) {
    const month = Number(m[2])
    const prev = monthStart(year, month - 1)
    return { key, from: monthStart(year, month), to: monthStart(year, month + 1), previous: prev.slice(0, 7) }
  }
  if (m[3]) {
    const q = Number(m[3])
    const previous = q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`
    return { key, from: monthStart(year, q * 3 - 2), to: monthStart(year, q * 3 + 1), previous }
  }
  if (m[4]) {
    const h = Number(m[4])
    const previous = h === 1 ? `${year - 1}-H2` : `${year}-H1`
    return { key, from: monthStart(year, h * 6 - 5), to: monthStart(year, h * 6 + 1), previous }
  }
  return { key, from: `${year}-01-01`, to: `${year + 1}-01-01`, previous: String(year - 1) }
}

/** The month before the one holding `day` (what a monthly run assesses on the 1st). */
export function lastMonthOf(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number]
  return monthStart(y, m - 1).slice(0, 7)
}
