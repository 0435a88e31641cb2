import type { RequestContext } from '../../../lib/context'
import { notFound } from '../../../lib/problem'
import { assertMayViewGrids } from '../grids.access'
import { visibleChain } from '../grids.policy'
import type { LocatorCache } from './locator-cache'

/** Which grids cover a point, answered in memory (see grid-locator.ts). */
export function createLocateService(locators: LocatorCache) {
  return {
    /** The chain of current grids covering a point, root first; empty outside every grid (for intake). */
    async chainAt(lng: number, lat: number) {
      return (await locators.current()).locate(lng, lat)
    },

    /**
     * The SQL look-up `gridsRepo.locate` gives the same answers. The caller sees the grids of the
     * chain they may read, and of the grids above their scope only the names.
     */
    async locate(ctx: RequestContext, lng: number, lat: number) {
      assertMayViewGrids(ctx.actor)
      const chain = visibleChain(ctx.actor, (await locators.current()).locate(lng, lat))
      if (chain.length === 0) throw notFound('grid.point_outside', `No grid covers ${lng}, ${lat}`)
      return { chain }
    },
  }
}
