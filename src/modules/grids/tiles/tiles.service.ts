import type { Db } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { assertMayViewGrids } from '../grids.access'
import { readableSubtrees } from '../grids.policy'
import { assertTileExists, createTileBuilder, type TileCrs } from './tiles.build'
import { levelsAtZoom } from './tiles.levels'

/** Grid boundaries and names as Mapbox vector tiles, for staff. */
export function createTilesService(db: Db) {
  const buildTile = createTileBuilder(db)
  return {
    /** A vector tile of the levels that suit the zoom, limited to what the reader may see. */
    async tile(ctx: RequestContext, z: number, x: number, y: number, crs?: TileCrs): Promise<Uint8Array> {
      assertMayViewGrids(ctx.actor)
      assertTileExists(z, x, y)
      const within = readableSubtrees(ctx.actor)
      return buildTile({ z, x, y, levels: levelsAtZoom(z), within, audience: 'staff', crs })
    },
  }
}
