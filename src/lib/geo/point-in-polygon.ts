/** A polygon as GeoJSON coordinates: the outer ring first, then holes. */
export type Polygon = number[][][]

/** -1 outside, 0 on the ring, 1 inside (even-odd crossing count; exact for points on a segment). */
export function ringSide(x: number, y: number, ring: readonly (readonly number[])[]): -1 | 0 | 1 {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number]
    const [xj, yj] = ring[j] as [number, number]
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi)
    if (
      cross === 0 &&
      x >= Math.min(xi, xj) &&
      x <= Math.max(xi, xj) &&
      y >= Math.min(yi, yj) &&
      y <= Math.max(yi, yj)
    ) {
      return 0
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside ? 1 : -1
}

/**
 * Does the (multi)polygon cover the point, its boundary included? This is PostGIS's `ST_Covers`,
 * which the SQL look-up uses, so both answer alike on shared edges.
 */
export function covers(polygons: Polygon[], x: number, y: number): boolean {
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon
    if (!outer) continue
    const side = ringSide(x, y, outer)
    if (side === -1) continue
    if (side === 0) return true
    let inHole = false
    for (const hole of holes) {
      const h = ringSide(x, y, hole)
      if (h === 0) return true
      if (h === 1) {
        inHole = true
        break
      }
    }
    if (!inHole) return true
  }
  return false
}
