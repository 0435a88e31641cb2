import gcoord, { type GeoJSON } from 'gcoord'
import { z } from 'zod'
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
  /**
   * The datum the tile is drawn in: `gcj02` for a map over a GCJ-02 base map (高德, 腾讯), where the
   * grids (stored in WGS-84) are shifted to lie on its streets. The tile's z/x/y are then GCJ-02 too.
   */
  crs?: TileCrs | undefined
}

export type TileCrs = 'wgs84' | 'gcj02'

/** `?crs=gcj02` on a tile URL: the tile drawn for a GCJ-02 base map (see TileRequest.crs). */
export const TileQuerySchema = z.object({ crs: z.enum(['wgs84', 'gcj02']).default('wgs84') })

/** More than GCJ-02's largest shift (≈0.007° in China): the WGS-84 area to read for a GCJ-02 tile. */
const GCJ_MARGIN_DEG = 0.01

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
    if (req.crs === 'gcj02') return shiftedTile(req)
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
    return encodeHere(req, tileBounds(z, x, y, 64 / 4096), (geojson) => JSON.parse(geojson) as object)
  }

  /** A tile in GCJ-02: read a wider WGS-84 area, shift every position, then clip and encode here. */
  function shiftedTile(req: TileRequest) {
    const [w, s, e, n] = tileBounds(req.z, req.x, req.y, 64 / 4096)
    const m = GCJ_MARGIN_DEG
    const shift = (geojson: string) =>
      gcoord.transform(JSON.parse(geojson) as GeoJSON, gcoord.WGS84, gcoord.GCJ02)
    return encodeHere(req, [w - m, s - m, e + m, n + m], shift)
  }

  async function encodeHere(
    req: TileRequest,
    read: [number, number, number, number],
    geometryOf: (geojson: string) => object,
  ) {
    const { z, x, y, levels, within, audience } = req
    const rows = await tilesRepo.features(db, read, levels, within, audience)
    const bounds = tileBounds(z, x, y)
    const props = ({ geometry: _g, label: _l, ...p }: (typeof rows)[number]) =>
      p as Record<string, string | boolean>
    const grids = rows.map((r) => ({ geometry: geometryOf(r.geometry), properties: props(r) }))
    const labels = rows.flatMap((r) => {
      const point = geometryOf(r.label) as { coordinates: number[] }
      return inside(point.coordinates, bounds) ? [{ geometry: point, properties: props(r) }] : []
    })
    return encodeTile({ grids, labels }, z, x, y)
  }
}
