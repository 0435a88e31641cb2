import type { Db } from '../../../db/database'
import type { Polygon } from '../../../lib/geo/point-in-polygon'
import { createVersionedCache } from '../../../lib/versioned-cache'
import { toGridSummary } from '../grids.presenter'
import { gridsRepo } from '../grids.repo'
import type { GridSummary } from '../grids.schema'
import { GridLocator } from './grid-locator'

/** A grid of a located chain: its summary and its id, for the records placed in it. */
export type LocatedGrid = GridSummary & { id: string }

/**
 * The in-memory locator, kept in step with the database through the grids' change version (one
 * tiny row, bumped by trigger): writes on this node call `invalidate()` to check at once.
 */
export function createLocatorCache(db: Db, checkEveryMs = 1000) {
  const cache = createVersionedCache({
    checkEveryMs,
    readVersion: () => gridsRepo.changeVersion(db),
    load: async () => {
      const rows = await gridsRepo.locatables(db)
      return new GridLocator<LocatedGrid>(
        rows.map((r) => {
          const shape = JSON.parse(r.boundary) as { coordinates: Polygon[] }
          return {
            code: r.code,
            depth: Number(r.depth),
            polygons: shape.coordinates,
            payload: { ...toGridSummary(r), id: r.id },
          }
        }),
      )
    },
  })
  return {
    async current(): Promise<GridLocator<LocatedGrid>> {
      return (await cache.current()).value
    },
    invalidate: cache.invalidate,
  }
}

export type LocatorCache = ReturnType<typeof createLocatorCache>
