import { recordAudit } from '../../audit/audit.service'
import type { SuccessionHook } from '../../grids/grids.succession'
import { localDay } from './buildings.service'
import { placesRepo } from './places.repo'

/**
 * Buildings follow their grids through splits, mergers and re-codings by location: a building of a
 * retired grid moves to the successor covering its point, and the people living in it now and the
 * households of its rooms follow it. Households without a room go to the heir.
 */
export function placesFollowGrids(clock: () => Date): SuccessionHook {
  return async (tx, ctx, { predecessors, successors, heir }) => {
    const successorIds = successors.map((s) => s.id)
    const today = localDay(clock())
    for (const from of predecessors) {
      const moved = await placesRepo.relocateBuildings(tx, from.id, successorIds)
      let people = 0
      let households = 0
      for (const id of moved) {
        const followed = await placesRepo.residentsFollowBuilding(tx, id, today)
        people += followed.people
        households += followed.households
      }
      if (heir) households += await placesRepo.householdsToHeir(tx, from.id, heir)
      if (moved.length + people + households === 0) continue
      await recordAudit(tx, ctx, {
        action: 'ledger.places_follow_grid',
        resourceType: 'grid',
        resourceId: from.code,
        summary: { buildings: moved.length, people, households },
      })
    }
  }
}
