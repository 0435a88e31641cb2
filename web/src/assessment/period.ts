import { monthOf } from '../stats/period'

/**
 * Assessment periods 考核周期 as the API writes them: a month `2026-11`, a quarter `2026-Q4`, a
 * half-year `2026-H2`, a year `2026`. Only periods that have begun (China time) may be computed.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year'
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year']

export function kindOf(key: string): PeriodKind {
  if (/-Q[1-4]$/.test(key)) return 'quarter'
  if (/-H[12]$/.test(key)) return 'half'
  if (/^\d{4}$/.test(key)) return 'year'
  return 'month'
}

/** What a monthly assessment assesses by default: the month before this one. */
export const lastMonth = (now: Date) => monthOf(now, -1)

/** The periods of a kind that have begun, newest first (this one included). */
export function periodsOf(kind: PeriodKind, now: Date): string[] {
  const month = monthOf(now)
  const year = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  if (kind === 'month') return Array.from({ length: 24 }, (_, i) => monthOf(now, -i))
  if (kind === 'year') return [0, 1, 2].map((i) => String(year - i))
  const per = kind === 'quarter' ? 3 : 6
  const count = kind === 'quarter' ? 8 : 4
  const letter = kind === 'quarter' ? 'Q' : 'H'
  const current = year * (12 / per) + Math.floor((m - 1) / per)
  return Array.from({ length: count }, (_, i) => {
    const n = current - i
    return `${Math.floor(n / (12 / per))}-${letter}${(n % (12 / per)) + 1}`
  })
}

/** The period of a kind that a reader switching to it most likely means: the last whole one. */
export function defaultOf(kind: PeriodKind, now: Date): string {
  const periods = periodsOf(kind, now)
  return periods[1] ?? periods[0] ?? ''
}

/** The parts a label is written from: 2026 and 11, Q4, H2 or nothing. */
export function partsOf(key: string): { year: string; n: string } {
  const [year = '', rest = ''] = key.split('-')
  return { year, n: rest.replace(/^[QH]/, '').replace(/^0/, '') }
}
