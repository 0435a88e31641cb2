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

/** A place another module offers the resident's search (a standard address 标准地址 …), public by design. */
export interface OfferedPlace {
  name: string
  level: string
  parent: string | null
  centre: [number, number]
  bbox: [number, number, number, number]
}

/** Answers places matching the text: another module's part of the resident's search. */
export type PlaceSource = (q: string, limit: number) => Promise<OfferedPlace[]>

/**
 * The resident's map 居民地图: outlines and names of the coarse levels (district, street, community by
 * default) to everyone, without sign-in; never a grid or micro-grid, never a code, a worker or a count.
 */
export function createPublicMapService(kit: GridsKit) {
  const { db } = kit.deps
  const shown = publicLevels(kit.settings.scheme)
  const buildTile = createTileBuilder(db)
  const sources: PlaceSource[] = []

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

    /** Lets another module answer the resident's place search too (its places after the grids'). */
    onPlaceSearch(source: PlaceSource) {
      sources.push(source)
    },

    /** Places by name (streets, communities, then what other modules offer): where the resident's map flies to. */
    async places(q: string) {
      const rows = await publicMapRepo.places(db, q, shown, PLACES_LIMIT)
      const offered: OfferedPlace[] = []
      for (const source of sources) {
        if (rows.length + offered.length >= PLACES_LIMIT) break
        offered.push(...(await source(q, PLACES_LIMIT - rows.length - offered.length)))
      }
      return {
        items: rows
          .map((r) => ({
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
          }))
          .concat(offered),
      }
    },
  }
}
