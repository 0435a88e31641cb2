const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
}

/** A p-value as a reader writes it: 0.012, or 3.6×10⁻⁶ once it is under a thousandth. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '—'
  if (p === 0) return '0'
  if (p >= 0.001) return String(Number(p.toPrecision(2)))
  const [mantissa = '', exponent = ''] = p.toExponential(1).split('e')
  const power = `10${[...String(Number(exponent))].map((c) => SUPERSCRIPT[c] ?? c).join('')}`
  return mantissa === '1.0' ? power : `${mantissa}×${power}`
}

/** A count or baseline to at most one decimal (0.4, 12). */
export const formatNumber = (n: number) => String(Math.round(n * 10) / 10)

/** A grid's code is its path without the dots. */
export const codeOfPath = (path: string) => path.replaceAll('.', '')
