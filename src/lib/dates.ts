/** The calendar day `YYYY-MM-DD` of a date column as a driver answers it (a string, or a Date at UTC midnight). */
export const dayOf = (v: string | Date | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)

const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

/** The China calendar day (UTC+08:00, no daylight saving) an instant falls on, `YYYY-MM-DD`. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}
