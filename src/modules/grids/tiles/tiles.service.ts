import type { Db } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { badRequest } from '../../../lib/problem'
import { safeMessage } from '../../../lib/safe-error'
import { assertMayViewGrids } from '../grids.access'
import { readableSubtrees } from '../grids.policy'
import { gridsRepo } from '../grids.repo'
import { encodeTile, tileBounds } from './tiles.encode'
import { levelsAtZoom } from './tiles.levels'

/** Grid boundaries as Mapbox vector tiles. */
export function createTilesService(db: Db) {
  /** Whether this database's PostGIS can write vector tiles (ST_AsMVT); learnt on first use. */
  let mvtInDatabase: boolean | undefined

  return {
    /** A vector tile of the levels that suit the zoom, limited to what the reader may see. */
    async tile(ctx: RequestContext, z: number, x: number, y: number): Promise<Uint8Array> {
      assertMayViewGrids(ctx.actor)
      if (x >= 2 ** z || y >= 2 ** z) throw badRequest('tile.out_of_range', `No tile ${z}/${x}/${y}`)
      const levels = levelsAtZoom(z)
      if (levels.length === 0) return new Uint8Array()
      const within = readableSubtrees(ctx.actor)
      if (mvtInDatabase !== false) {
        try {
          const tile = await gridsRepo.tile(db, z, x, y, levels, within)
          mvtInDatabase = true
          return tile
        } catch (error) {
          if (!/protobuf/i.test(safeMessage(error))) throw error
          mvtInDatabase = false // PGlite's PostGIS is built without protobuf-c: encode here instead
        }
      }
      const rows = await gridsRepo.tileFeatures(db, tileBounds(z, x, y, 64 / 4096), levels, within)
      const features = rows.map((r) => ({
        geometry: JSON.parse(r.geometry) as object,
        properties: { code: r.code, name: r.name, level: r.level, exclusive: r.exclusive },
      }))
      return encodeTile(features, z, x, y)
    },
  }
}
