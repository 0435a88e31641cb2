import type { Executor } from '../../db/database'
import { gridsRepo } from './grids.repo'

/** What other modules may read of the grid tree, on their own executor (inside their transaction). */

/** A grid of a chain, root first. */
export interface ChainGrid {
  id: string
  code: string
  name: string
  level: string
  path: string
}

/** The grids holding a grid path, root first, the grid itself included (none for no path). */
export function gridChain(ex: Executor, path: string | null): Promise<ChainGrid[]> {
  return path ? gridsRepo.chain(ex, path) : Promise.resolve([])
}
