import type { Executor } from '../../db/database'
import { type BoxGrid, gridsSeedRepo } from './grids.seed.repo'

export type { BoxGrid } from './grids.seed.repo'

const BATCH = 2000

/** Whether the database holds any grid, current or retired. */
export async function hasGrids(ex: Executor): Promise<boolean> {
  return (await gridsSeedRepo.count(ex)) > 0
}

/** Inserts the grids, parents before their children, in batches of one statement each. */
export async function seedBoxGrids(ex: Executor, grids: readonly BoxGrid[]): Promise<void> {
  for (let i = 0; i < grids.length; i += BATCH) await gridsSeedRepo.insertBoxes(ex, grids.slice(i, i + BATCH))
}
