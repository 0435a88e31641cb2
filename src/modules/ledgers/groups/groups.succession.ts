import { sql } from 'drizzle-orm'
import { queryRows } from '../../../db/database'
import { recordAudit } from '../../audit/audit.service'
import type { SuccessionHook } from '../../grids/grids.succession'

/**
 * When grids are split, merged or re-coded: a membership sits in its person's grid, so memberships
 * under a retired grid take their person's grid again — after the people have followed the grids
 * (register this hook after the people's own).
 */
export const membershipsFollowPeople: SuccessionHook = async (tx, ctx, { predecessors }) => {
  if (predecessors.length === 0) return
  const paths = sql.join(
    predecessors.map((g) => sql`${g.path}::ltree`),
    sql`, `,
  )
  const moved = await queryRows<{ id: string }>(
    tx,
    sql`update group_memberships gm set grid_id = p.grid_id, grid_path = p.grid_path
      from people p
      where p.id = gm.person_id and gm.grid_path <@ any(array[${paths}])
        and (gm.grid_id <> p.grid_id or gm.grid_path <> p.grid_path)
      returning gm.id`,
  )
  if (moved.length === 0) return
  await recordAudit(tx, ctx, {
    action: 'group_membership.follow_grid',
    resourceType: 'grid',
    resourceId: predecessors.map((g) => g.code).join(','),
    summary: { memberships: moved.length },
  })
}
