import type { Db } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import type { NearbyRow } from './cases.nearby.repo'
import { caseFacts, mayReadAsStaff } from './cases.policy'
import { toNearby } from './cases.presenter'
import { casesRepo } from './cases.repo'
import { type CasesSettings, lookAlikeWindow } from './cases.settings'

/** Non-staff see a look-alike's distance only to this band (50 m: within 50, 100 …). */
const DISTANCE_BAND_M = 50

/** Look-alikes 疑似重复: open cases of the same category near a point, as each caller may see them. */
export function createLookAlikes(db: Db, settings: CasesSettings) {
  return {
    /** Open cases like this one near it: what a new report may join ("me too") or a case may merge into. */
    near(categoryCode: string, lng: number, lat: number, except?: string) {
      return casesRepo.nearby(db, {
        categoryCode,
        lng,
        lat,
        except,
        ...lookAlikeWindow(settings, settings.clock()),
      })
    },

    /**
     * Look-alikes as a caller may see them: staff over a case get its exact distance; anyone else only
     * published cases, their distance rounded up to a DISTANCE_BAND_M band, so that asking from a few
     * points cannot place an unpublished report (a door) by its distances.
     */
    async shownTo(ctx: RequestContext, rows: NearbyRow[]) {
      const shown = await Promise.all(
        rows.map(async (n) => {
          const row = await casesRepo.find(db, n.id)
          if (!row) return []
          if (mayReadAsStaff(ctx.actor, caseFacts(row))) return [toNearby(n)]
          if (!n.published) return []
          const banded = Math.max(1, Math.ceil(Number(n.distance_m) / DISTANCE_BAND_M)) * DISTANCE_BAND_M
          return [{ ...toNearby(n), distanceM: banded }]
        }),
      )
      return shown.flat()
    },
  }
}

export type LookAlikes = ReturnType<typeof createLookAlikes>
