import type { Executor } from '../../db/database'
import { staffRepo } from './staff.repo'

/** A worker's own grid 所在网格, as other modules ask for it (patrols measure time in it). */
export interface WorkerGrid {
  id: string
  path: string
  name: string
  level: string
}

/**
 * The grid of the user's deepest current post (岗位), or undefined for someone who holds none.
 * Patrols measure a worker's time in grid against it.
 */
export function workerGridOf(ex: Executor, userId: string): Promise<WorkerGrid | undefined> {
  return staffRepo.deepestPostGrid(ex, userId)
}
