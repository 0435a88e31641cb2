import type { RequestContext } from '../../lib/context'
import { badRequest, forbidden, notFound } from '../../lib/problem'
import { may } from '../auth/auth.policy'
import type { LedgerDeps } from './ledgers.deps'
import { ledgersRepo } from './ledgers.repo'

/** A current grid a record is placed in. */
export interface PlacedGrid {
  id: string
  code: string
  path: string
}

/**
 * Where a new or moved record goes: the leaf grid holding its point, or the current grid of the code
 * given. The writer must hold ledger.write there (403 `ledger.out_of_scope`: the grid is named by the
 * writer, so saying it is outside their grids tells them nothing they did not know).
 */
export async function placeRecord(
  deps: LedgerDeps,
  ctx: RequestContext,
  where: { gridCode?: string | null; point?: { lng: number; lat: number } | null },
): Promise<PlacedGrid> {
  let grid: PlacedGrid | undefined
  if (where.point) {
    const chain = await deps.grids.chainAt(where.point.lng, where.point.lat)
    const leaf = chain.at(-1)
    if (!leaf) throw badRequest('ledger.outside_grids', 'No grid covers this point')
    grid = { id: leaf.id, code: leaf.code, path: leaf.path }
    if (where.gridCode && where.gridCode !== leaf.code)
      throw badRequest(
        'ledger.point_not_in_grid',
        `The point lies in grid ${leaf.code}, not ${where.gridCode}`,
      )
  } else if (where.gridCode) {
    grid = (await ledgersRepo.currentGrid(deps.db, where.gridCode)) ?? undefined
    if (!grid) throw notFound('ledger.grid_not_found', `No current grid ${where.gridCode}`)
  } else {
    throw badRequest('ledger.grid_required', 'Give the grid code or a point')
  }
  if (!may(ctx.actor, 'ledger.write', { gridPath: grid.path }))
    throw forbidden('ledger.out_of_scope', `You may not write records in grid ${grid.code}`)
  return grid
}
