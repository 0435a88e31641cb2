/** An empty parameter counts as absent (the standard says so). */
export function given(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v)
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  return s === '' ? undefined : s
}
