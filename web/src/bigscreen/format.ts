/** A share as a percentage to one decimal; "—" when there was nothing to divide by. */
export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`

/** A count with thousands separators (the same in both languages). */
export const count = (n: number) => n.toLocaleString('en-US')
