import type { Db, Executor, Tx } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { conflict } from '../../lib/problem'
import { toGridSummary } from './grids.presenter'
import { type GridRow, gridsRepo } from './grids.repo'
import { reshapeRepo } from './grids.reshape.repo'
import type { ReshapeResult } from './grids.reshape.schema'
import type { GridRef, SuccessionRegistry } from './grids.succession'

/*
 * The steps split and merge share. The grids given up keep their rows (valid until today) and their
 * lineage; their current descendants are re-coded under the successor holding them by location;
 * every module that references grids follows through its succession hook, in the same transaction.
 */

export type CurrentGrid = GridRow & { boundary: string }

export const refOf = (g: { id: string; code: string; path: string }): GridRef => ({
  id: g.id,
  code: g.code,
  path: g.path,
})

/** Re-codes a grid under a new parent (keeping its segment when free), then its own children. */
export async function rehome(
  tx: Tx,
  ctx: RequestContext,
  succession: SuccessionRegistry,
  move: { child: GridRef; oldParentCode: string; parent: GridRef },
  taken: Set<string>,
  recoded: ReshapeResult['recoded'],
): Promise<void> {
  const { child, oldParentCode, parent } = move
  const width = child.code.length - oldParentCode.length
  let segment = child.code.slice(oldParentCode.length)
  for (let n = 1; taken.has(parent.code + segment); n++) {
    if (n >= 10 ** width) throw conflict('grid.no_free_code', `No free code left under ${parent.code}`)
    segment = String(n).padStart(width, '0')
  }
  const moved = { id: uuidv7(), code: parent.code + segment, path: `${parent.path}.${segment}` }
  taken.add(moved.code)
  await reshapeRepo.copyUnder(tx, child.id, { ...moved, parentId: parent.id })
  await reshapeRepo.recordLineage(
    tx,
    [{ id: uuidv7(), predecessorId: child.id, successorId: moved.id, kind: 'recode', reason: null }],
    ctx.actor?.name ?? null,
  )
  recoded.push({ from: child.code, to: moved.code })
  const grandchildren = await reshapeRepo.currentChildren(tx, child.id)
  const takenBelow = new Set<string>()
  for (const g of grandchildren)
    await rehome(
      tx,
      ctx,
      succession,
      { child: g, oldParentCode: child.code, parent: moved },
      takenBelow,
      recoded,
    )
  await gridsRepo.retire(tx, child.id)
  await succession.succeed(tx, ctx, {
    kind: 'recode',
    predecessors: [child],
    successors: [moved],
    heir: moved,
  })
}

export async function parentIdOf(ex: Executor, grid: CurrentGrid): Promise<string | null> {
  if (!grid.parent_code) return null
  return (await gridsRepo.findByCode(ex, grid.parent_code))?.id ?? null
}

/** The grids a reshaping created, as the answer lists them. */
export async function createdSummaries(db: Db, codes: string[]) {
  const rows = await Promise.all(codes.map((c) => gridsRepo.findByCode(db, c)))
  return rows.flatMap((r) => (r ? [toGridSummary(r)] : []))
}
