import { recordAudit } from '../audit/audit.service'
import type { SuccessionHook } from '../grids/grids.succession'
import { apiKeysRepo } from './apikeys.repo'
import { grantsRepo } from './roles.repo'

/**
 * Grants and API keys scoped to a grid that is merged or re-coded move to its successor (a grant the
 * holder already has there is not doubled). A split with no heir leaves them on the retired grid,
 * where they cover nothing current: someone must grant the parts anew.
 */
export const grantsFollowGrids: SuccessionHook = async (tx, ctx, { predecessors, heir }) => {
  if (!heir) return
  for (const from of predecessors) {
    const grants = await grantsRepo.moveGridScope(tx, from.path, heir.path)
    const apiKeys = await apiKeysRepo.moveGridScope(tx, from.path, heir.path)
    if (grants + apiKeys === 0) continue
    await recordAudit(tx, ctx, {
      action: 'role.grants_follow_grid',
      resourceType: 'grid',
      resourceId: from.code,
      summary: { to: heir.code, grants, apiKeys },
    })
  }
}
