import type { Executor } from '../../../db/database'
import { uuidv7 } from '../../../lib/ids'
import { placesDemoRepo } from './places.demo.repo'

/** A micro-grid of the demo with its box [west, south, east, north]. */
export interface DemoMicroGrid {
  id: string
  path: string
  /** The grid's name (kept for the caller's convenience). */
  name: string
  box: [number, number, number, number]
}

const ESTATES = ['锦华苑', '翠湖园', '桂香里']

/** How the demo's residents live in their rooms, in turn. */
const RELATIONS = ['owner', 'family', 'owner', 'tenant', 'owner', 'family'] as const

/**
 * A few buildings of the standard address in the first micro-grids of the demo: two per grid, each
 * with two units of three floors, two rooms a floor, and some residents (registered people with
 * residences since 2024), so the places pages have something to show. Small and fast on purpose.
 */
export async function seedDemoPlaces(ex: Executor, micro: DemoMicroGrid[]): Promise<number> {
  let buildings = 0
  let resident = 0
  for (const [gi, grid] of micro.slice(0, 3).entries()) {
    const [w, s, e, n] = grid.box
    for (const k of [1, 2]) {
      const id = uuidv7()
      const estate = ESTATES[gi] ?? '锦华苑'
      const lng = w + ((e - w) * k) / 3
      const lat = s + (n - s) / 2
      await placesDemoRepo.insertBuilding(ex, {
        id,
        gridId: grid.id,
        gridPath: grid.path,
        code: `B${String(k).padStart(3, '0')}`,
        name: `${k} 栋`,
        address: `锦华路 ${gi * 10 + k} 号 ${estate} ${k} 栋`,
        road: '锦华路',
        number: `${gi * 10 + k} 号`,
        estate,
        floors: 3,
        lng,
        lat,
      })
      buildings += 1
      for (const u of [1, 2]) {
        const unitId = uuidv7()
        await placesDemoRepo.insertUnit(ex, { id: unitId, buildingId: id, name: `${u} 单元`, sort: u })
        for (const floor of [1, 2, 3])
          for (const r of [1, 2]) {
            const roomId = uuidv7()
            const lived = k === 1 && u === 1 && floor <= 2 && resident < RELATIONS.length * (gi + 1)
            const occupancy = lived
              ? r === 2 && floor === 2
                ? 'rented'
                : 'self_occupied'
              : floor === 3
                ? 'vacant'
                : null
            await placesDemoRepo.insertRoom(ex, {
              id: roomId,
              buildingId: id,
              unitId,
              number: `${floor}0${r}`,
              floor,
              area: 78 + r * 12,
              occupancy,
            })
            if (!lived) continue
            const relation = RELATIONS[resident % RELATIONS.length] as (typeof RELATIONS)[number]
            // A person of the demo's people ledger in this micro-grid who lives nowhere yet (none: an empty room).
            const personId = await placesDemoRepo.personWithoutHome(ex, grid.id)
            if (!personId) continue
            resident += 1
            await placesDemoRepo.insertResidence(ex, {
              id: uuidv7(),
              personId,
              roomId,
              relation: occupancy === 'rented' ? 'tenant' : relation,
              fromDate: `2024-0${(resident % 9) + 1}-01`,
            })
          }
      }
    }
  }
  return buildings
}
