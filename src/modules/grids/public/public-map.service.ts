import { badRequest } from '../../../lib/problem'
import { publicLevels } from '../grids.levels'
import type { GridsKit } from '../grids.settings'
import { assertTileExists, createTileBuilder, type TileCrs } from '../tiles/tiles.build'
import { levelsAtZoom } from '../tiles/tiles.levels'
import { publicMapRepo } from './public-map.repo'

/** The deepest zoom of a public tile: the map draws closer views from it (overzoom). */
export const PUBLIC_MAX_ZOOM = 15
/** Places a search answers at most. */
const PLACES_LIMIT = 10

/**
 * The resident's map 居民地图: outlines and names of the coarse levels (district, street, community by
 * default) to everyone, without sign-in; never a grid or micro-grid, never a code, a worker or a count.
 */
export function createPublicMapService(kit: GridsKit) {
  const { db } = kit.deps
  const shown = publicLevels(kit.settings.scheme)
  const buildTile = createTileBuilder(db)

  return {
    /** The levels residents see, root first. */
    publicLevels: () => [...shown],

    async publicTile(z: number, x: number, y: number, crs?: TileCrs): Promise<Uint8Array> {
      if (z > PUBLIC_MAX_ZOOM)
        throw badRequest('tile.out_of_range', `Public tiles stop at zoom ${PUBLIC_MAX_ZOOM}`)
      assertTileExists(z, x, y)
      const levels = levelsAtZoom(z).filter((l) => shown.includes(l))
      return buildTile({ z, x, y, levels, within: null, audience: 'public', crs })
    },

    /** Places by name (streets, communities): where the resident's map flies to. */
    async places(q: string) {
      const rows = await publicMapRepo.places(db, q, shown, PLACES_LIMIT)
      return {
        items: rows.map((r) => ({
          name: r.name,
          level: r.level,
          parent: r.parent,
          centre: [Number(r.lng), Number(r.lat)] as [number, number],
          bbox: [Number(r.west), Number(r.south), Number(r.east), Number(r.north)] as [
            number,
            number,
            number,
            number,
          ],
        })),
      }
    },
  }
}
