import type { Executor } from '../../db/database'
import type { Permission } from './permissions'
import { grantsRepo } from './roles.repo'

/**
 * The active users who hold a permission over a place, nearest first: for a grid path, those whose
 * grant is scoped to the deepest grid covering it (the community's chief before the street's, and the
 * whole deployment only when nobody nearer holds it); for a department, its staff. Whom to tell.
 */
export function nearestHolders(
  ex: Executor,
  permission: Permission,
  target: { gridPath: string } | { departmentId: string },
): Promise<string[]> {
  return 'departmentId' in target
    ? grantsRepo.activeHoldersInDepartment(ex, permission, target.departmentId)
    : grantsRepo.activeHoldersNearest(ex, permission, target.gridPath)
}

/** The grid paths among `paths` the user holds no grant of `permission` over (none: they may act on all). */
export function pathsNotHeld(
  ex: Executor,
  userId: string,
  permission: Permission,
  paths: readonly string[],
): Promise<string[]> {
  return grantsRepo.pathsNotHeld(ex, userId, permission, paths)
}
