/** The calendar day `YYYY-MM-DD` of a date column as a driver answers it (a string, or a Date at UTC midnight). */
export const dayOf = (v: string | Date | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)
