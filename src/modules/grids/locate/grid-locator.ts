import Flatbush from 'flatbush'
import { covers, type Polygon } from '../../../lib/geo/point-in-polygon'

export interface LocatableGrid<T = unknown> {
  code: string
  depth: number
  polygons: Polygon[]
  /** What the caller wants back for a hit (the grid's summary). */
  payload: T
}

/**
 * An in-memory spatial index of the current grids: a packed R-tree (flatbush) of their bounding
 * boxes, then an exact covers test. It answers like the SQL look-up (`gridsRepo.locate`): per level,
 * the grid covering the point, the lower code winning on a shared edge.
 */
export class GridLocator<T = unknown> {
  private readonly index: Flatbush | null

  constructor(private readonly grids: readonly LocatableGrid<T>[]) {
    if (grids.length === 0) {
      this.index = null
      return
    }
    const index = new Flatbush(grids.length)
    for (const g of grids) {
      let minX = Number.POSITIVE_INFINITY
      let minY = Number.POSITIVE_INFINITY
      let maxX = Number.NEGATIVE_INFINITY
      let maxY = Number.NEGATIVE_INFINITY
      for (const polygon of g.polygons) {
        for (const [x, y] of polygon[0] ?? []) {
          if ((x as number) < minX) minX = x as number
          if ((y as number) < minY) minY = y as number
          if ((x as number) > maxX) maxX = x as number
          if ((y as number) > maxY) maxY = y as number
        }
      }
      index.add(minX, minY, maxX, maxY)
    }
    index.finish()
    this.index = index
  }

  get size(): number {
    return this.grids.length
  }

  /** The grids covering the point, root first, one per level. */
  locate(lng: number, lat: number): T[] {
    if (!this.index) return []
    const byDepth = new Map<number, LocatableGrid<T>>()
    for (const i of this.index.search(lng, lat, lng, lat)) {
      const g = this.grids[i] as LocatableGrid<T>
      const current = byDepth.get(g.depth)
      if (current && current.code < g.code) continue
      if (covers(g.polygons, lng, lat)) byDepth.set(g.depth, g)
    }
    return [...byDepth.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g.payload)
  }
}
