import type { SuccessionHook } from '../../grids/grids.succession'
import { configRepo } from './config.repo'

/**
 * Routing rules follow their grid: a rule on a grid merged or re-coded moves to its successor; a rule
 * on a grid split is copied to every part (each part keeps routing as the whole did).
 */
export const routesFollowGrids: SuccessionHook = async (tx, _ctx, { predecessors, successors }) => {
  for (const from of predecessors) {
    for (const to of successors) {
      await configRepo.copyRoutes(tx, from.path, to.path)
    }
    await configRepo.deleteRoutesOf(tx, from.path)
  }
}
