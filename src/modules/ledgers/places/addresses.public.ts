import type { OfferedPlace } from '../../grids/public/public-map.service'
import type { LedgerDeps } from '../ledgers.deps'
import { publicAddressesRepo } from './addresses.public.repo'

/** Half the side of the box a resident's map frames around an address (about 100 m). */
const FRAME = 0.001

/**
 * The resident's place search also finds standard addresses 标准地址 (road and number, estate): the
 * address as written and the community it is in, never a room, a grid below the public levels, a
 * code or anyone living there.
 */
export function publicAddressSource(deps: LedgerDeps) {
  const levels = deps.grids.publicLevels()
  return async (q: string, limit: number): Promise<OfferedPlace[]> => {
    const rows = await publicAddressesRepo.search(deps.db, q, levels, limit)
    return rows.map((r) => {
      const [lng, lat] = [Number(r.lng), Number(r.lat)]
      return {
        name: r.address,
        level: 'address',
        parent: r.parent,
        centre: [lng, lat],
        bbox: [lng - FRAME, lat - FRAME, lng + FRAME, lat + FRAME],
      }
    })
  }
}
