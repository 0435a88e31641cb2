import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/database'
import { recordAudit } from '../audit/audit.service'
import type { SuccessionHook } from '../grids/grids.succession'

/**
 * Grants and API keys scoped to a grid that is merged or re-coded move to its successor (a grant the
 * holder already has there is not doubled). A split with no heir leaves them on the retired grid,
 * where they cover nothing current: someone must grant the parts anew.
 */
export const grantsFollowGrids: SuccessionHook = async (tx, ctx, { predecessors, heir }) => {
  if (!heir) return
  for (const from of predecessors) {
    await tx.execute(sql`delete from role_grants g
      where g.scope_type = 'grid' and g.scope_grid_path = ${from.path}::ltree
        and exists (select 1 from role_grants h where h.user_id = g.user_id and h.role_id = g.role_id
          and h.scope_type = 'grid' and h.scope_grid_path = ${heir.path}::ltree)`)
    const moved = await queryRows<{ id: string }>(
      tx,
      sql`update role_grants set scope_grid_path = ${heir.path}::ltree
        where scope_type = 'grid' and scope_grid_path = ${from.path}::ltree returning id`,
    )
    const keys = await queryRows<{ id: string }>(
      tx,
      sql`update api_keys set scope_grid_path = ${heir.path}::ltree
        where scope_type = 'grid' and scope_grid_path = ${from.path}::ltree returning id`,
    )
    if (moved.length + keys.length === 0) continue
    await recordAudit(tx, ctx, {
      action: 'role.grants_follow_grid',
      resourceType: 'grid',
      resourceId: from.code,
      summary: { to: heir.code, grants: moved.length, apiKeys: keys.length },
    })
  }
}
