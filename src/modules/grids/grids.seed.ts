import type { Executor } from '../../db/database'
import { gridsSeedRepo } from './grids.seed.repo'

/**
 * A grid whose boundary is a box, loaded in bulk for seeded data (the demo city). Nothing is checked:
 * the caller guarantees codes, paths and tiling; user input goes through the grids service instead.
 */
export interface BoxGrid {
  id: string
  parentId: string | null
  code: string
  name: string
  level: string
  path: string
  /** [west, south, east, north] in degrees. */
  box: [number, number, number, number]
  households: number
  population: number
  responsibleUnit: string
}

const BATCH = 2000

/** Whether the database holds any grid, current or retired. */
export async function hasGrids(ex: Executor): Promise<boolean> {
  return (await gridsSeedRepo.count(ex)) > 0
}

/** Inserts the grids, parents before their children, in batches of one statement each. */
export async function seedBoxGrids(ex: Executor, grids: readonly BoxGrid[]): Promise<void> {
  for (let i = 0; i < grids.length; i += BATCH) await gridsSeedRepo.insertBoxes(ex, grids.slice(i, i + BATCH))
}
