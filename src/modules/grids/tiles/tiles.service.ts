import type { Db } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { assertMayViewGrids } from '../grids.access'
import { readableSubtrees } from '../grids.policy'
import type { TileCache } from './tile-cache'
import { assertTileExists, createTileBuilder, type TileCrs } from './tiles.build'
import { levelsAtZoom } from './tiles.levels'

/** Grid boundaries and names as Mapbox vector tiles, for staff, kept in `cache` while the grids stay put. */
export function createTilesService(db: Db, cache: TileCache) {
  const buildTile = createTileBuilder(db)
  return {
    /** A vector tile of the levels that suit the zoom, limited to what the reader may see. */
    async tile(ctx: RequestContext, z: number, x: number, y: number, crs?: TileCrs): Promise<Uint8Array> {
      assertMayViewGrids(ctx.actor)
      assertTileExists(z, x, y)
      const within = readableSubtrees(ctx.actor)
      const levels = levelsAtZoom(z)
      // Readers of the same subtrees see the same tile.
      const key = `staff ${z}/${x}/${y} ${crs ?? 'wgs84'} ${within === null ? '*' : [...within].sort().join(',')}`
      return cache.tile(key, () => buildTile({ z, x, y, levels, within, audience: 'staff', crs }))
    },
  }
}
