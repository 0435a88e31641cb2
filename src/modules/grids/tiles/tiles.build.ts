import type { Db } from '../../../db/database'
import { badRequest } from '../../../lib/problem'
import { safeMessage } from '../../../lib/safe-error'
import { encodeTile, tileBounds } from './tiles.encode'
import { type TileAudience, tilesRepo } from './tiles.repo'

export interface TileRequest {
  z: number
  x: number
  y: number
  levels: string[]
  /** The subtrees the reader may see; null for all. */
  within: string[] | null
  audience: TileAudience
}

/** Refuses a tile that does not exist at its zoom. */
export function assertTileExists(z: number, x: number, y: number) {
  if (x >= 2 ** z || y >= 2 ** z) throw badRequest('tile.out_of_range', `No tile ${z}/${x}/${y}`)
}

const inside = (point: number[], [w, s, e, n]: [number, number, number, number]) => {
  const [lng = Number.NaN, lat = Number.NaN] = point
  return lng >= w && lng < e && lat > s && lat <= n
}

/** Writes grid tiles in PostGIS where it can (ST_AsMVT), else here (PGlite's PostGIS has no protobuf-c). */
export function createTileBuilder(db: Db) {
  /** Whether this database's PostGIS can write vector tiles; learnt on first use. */
  let mvtInDatabase: boolean | undefined

  return async function buildTile(req: TileRequest): Promise<Uint8Array> {
    const { z, x, y, levels, within, audience } = req
    if (levels.length === 0) return new Uint8Array()
    if (mvtInDatabase !== false) {
      try {
        const tile = await tilesRepo.mvt(db, { z, x, y }, levels, within, audience)
        mvtInDatabase = true
        return tile
      } catch (error) {
        if (!/protobuf/i.test(safeMessage(error))) throw error
        mvtInDatabase = false
      }
    }
    const rows = await tilesRepo.features(db, tileBounds(z, x, y, 64 / 4096), levels, within, audience)
    const bounds = tileBounds(z, x, y)
    const props = ({ geometry: _g, label: _l, ...p }: (typeof rows)[number]) =>
      p as Record<string, string | boolean>
    const grids = rows.map((r) => ({ geometry: JSON.parse(r.geometry) as object, properties: props(r) }))
    const labels = rows.flatMap((r) => {
      const point = JSON.parse(r.label) as { coordinates: number[] }
      return inside(point.coordinates, bounds) ? [{ geometry: point, properties: props(r) }] : []
    })
    return encodeTile({ grids, labels }, z, x, y)
  }
}
