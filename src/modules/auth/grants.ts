import type { Executor } from '../../db/database'
import type { Grant } from '../../lib/context'
import { grantsRepo, toGrants } from './roles.repo'

/**
 * Grants as other modules may touch them (staff's posts carry one): auth owns `role_grants`, so
 * they go through here, never through the table.
 */

/** The grant a user holds of a role scoped to exactly this grid, or null. */
export function gridGrantOf(ex: Executor, userId: string, roleKey: string, gridPath: string) {
  return grantsRepo.idInGrid(ex, userId, roleKey, gridPath)
}

/** A department's staff: the users holding a role scoped to it, by name, with the role. */
export function departmentStaff(ex: Executor, departmentId: string) {
  return grantsRepo.inDepartment(ex, departmentId)
}

/** Takes back these grants in the caller's transaction (the caller audits why). */
export function revokeGrants(tx: Executor, grantIds: readonly string[]): Promise<void> {
  return grantsRepo.deleteMany(tx, grantIds)
}

/** A user's grants as the permission model reads them (patrols: whose grids a tracker's worker records in). */
export async function grantsOfUser(ex: Executor, userId: string): Promise<Grant[]> {
  return toGrants(await grantsRepo.ofUser(ex, userId))
}
