/** A point is kept when this long has passed since the last kept one… */
export const MIN_SECONDS = 15
/** …or the worker moved this far from it. */
export const MIN_METRES = 25
/** No fix for this long (or a hidden page) is a gap in the track: shown, never filled in. */
export const GAP_MS = 2 * 60_000

export interface Fix {
  t: number
  lon: number
  lat: number
  acc?: number
}

/** Metres between two WGS-84 points (haversine; plenty for a few hundred metres). */
export function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }) {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h))
}

/** Whether a fix is kept after the last kept point (none yet: always). */
export function shouldKeep(last: Fix | undefined, next: Fix): boolean {
  if (!last) return true
  if (next.t <= last.t) return false
  return next.t - last.t >= MIN_SECONDS * 1000 || metresBetween(last, next) >= MIN_METRES
}

/** The gap before a fix, when the last point is older than GAP_MS. */
export function gapBefore(last: Fix | undefined, next: Fix): { from: number; to: number } | null {
  return last && next.t - last.t > GAP_MS ? { from: last.t, to: next.t } : null
}
