import type { Db } from '../../../db/database'
import { toGridSummary } from '../grids.presenter'
import { gridsRepo } from '../grids.repo'
import type { GridSummary } from '../grids.schema'
import { GridLocator } from './grid-locator'
import type { Polygon } from './point-in-polygon'

/**
 * The in-memory locator, kept in step with the database: at most once per `checkEveryMs` it reads
 * the change version (one tiny row) and rebuilds when another statement — on this node or any
 * other — has changed the grids since. Writes on this node call `invalidate()` to check at once.
 */
/** A grid of a located chain: its summary and its id, for the records placed in it. */
export type LocatedGrid = GridSummary & { id: string }

export function createLocatorCache(db: Db, checkEveryMs = 1000) {
  let locator: GridLocator<LocatedGrid> | null = null
  let version = -1
  let checkedAt = 0
  let refreshing: Promise<GridLocator<LocatedGrid>> | null = null

  async function refresh(): Promise<GridLocator<LocatedGrid>> {
    const latest = await gridsRepo.changeVersion(db)
    checkedAt = Date.now()
    if (locator && latest === version) return locator
    const rows = await gridsRepo.locatables(db)
    locator = new GridLocator(
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
    version = latest
    return locator
  }

  return {
    async current(): Promise<GridLocator<LocatedGrid>> {
      if (locator && Date.now() - checkedAt < checkEveryMs) return locator
      refreshing ??= refresh().finally(() => {
        refreshing = null
      })
      return refreshing
    },
    invalidate() {
      checkedAt = 0
    },
  }
}

export type LocatorCache = ReturnType<typeof createLocatorCache>
