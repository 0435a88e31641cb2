import type { Executor } from '../../db/database'
import type { Actor } from '../../lib/context'
import { forbidden, notFound } from '../../lib/problem'
import { normaliseLegacyCode, parentPathOf } from './grids.code'
import { mayReadGrid, mayViewGrids, mayWriteUnder } from './grids.policy'
import { gridsRepo } from './grids.repo'

/** A grid the caller may not read answers exactly as a missing one: the answer must not tell it exists. */
export const gridNotFound = (code: string) => notFound('grid.not_found', `No grid ${code}`)

/** A grid, current or retired, the actor may read. */
export async function readableGrid(ex: Executor, actor: Actor | null, code: string) {
  const grid = await gridsRepo.findByCode(ex, normaliseLegacyCode(code))
  if (!grid || !mayReadGrid(actor, grid.path)) throw gridNotFound(code)
  return grid
}

/** A current grid the actor may read. */
export async function currentReadableGrid(ex: Executor, actor: Actor | null, code: string) {
  const grid = await gridsRepo.findByCode(ex, normaliseLegacyCode(code))
  if (!grid || grid.valid_to || !mayReadGrid(actor, grid.path)) throw gridNotFound(code)
  return grid
}

/** A current grid the actor may change: grid.manage over its parent. */
export async function writableGrid(ex: Executor, actor: Actor | null, code: string) {
  const grid = await currentReadableGrid(ex, actor, code)
  if (!mayWriteUnder(actor, parentPathOf(grid.path)))
    throw forbidden('grid.out_of_scope', `You may not change ${grid.code}`)
  return grid
}

/** The map's look-ups and tiles are for those who may read grids somewhere. */
export function assertMayViewGrids(actor: Actor | null): void {
  if (!mayViewGrids(actor)) throw forbidden('auth.forbidden', 'You may not view grids')
}
