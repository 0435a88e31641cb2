import { recordAudit } from '../../audit/audit.service'
import type { SuccessionHook } from '../../grids/grids.succession'
import { groupsRepo } from './groups.repo'

/**
 * When grids are split, merged or re-coded: a membership sits in its person's grid, so memberships
 * under a retired grid take their person's grid again — after the people have followed the grids
 * (register this hook after the people's own).
 */
export const membershipsFollowPeople: SuccessionHook = async (tx, ctx, { predecessors }) => {
  if (predecessors.length === 0) return
  const moved = await groupsRepo.followPeople(
    tx,
    predecessors.map((g) => g.path),
  )
  if (moved.length === 0) return
  await recordAudit(tx, ctx, {
    action: 'group_membership.follow_grid',
    resourceType: 'grid',
    resourceId: predecessors.map((g) => g.code).join(','),
    summary: { memberships: moved.length },
  })
}
