import type { Actor } from '../../lib/context'
import { holdsAnywhere, may } from '../auth/auth.policy'

/** The grid a staff decision is about. */
type InGrid = { path: string }

/** The staffing report: grid.read anywhere (the report keeps to the reader's subtrees). */
export function mayReadStaffing(actor: Actor | null): boolean {
  return holdsAnywhere(actor, 'grid.read')
}

/**
 * A person without an account is appointed, and a post's photo changed, by whoever manages the grid.
 * (Appointing a user is checked as the grant the post carries, by auth.)
 */
export function mayManageStaff(actor: Actor | null, grid: InGrid): boolean {
  return may(actor, 'grid.manage', { gridPath: grid.path })
}

/** A post ends by the grid's manager, or by whoever manages the users there (the grant goes with it). */
export function mayEndPost(actor: Actor | null, grid: InGrid): boolean {
  return mayManageStaff(actor, grid) || may(actor, 'user.manage', { gridPath: grid.path })
}

/** 职能部门 are deployment-wide: defining them, or the grids they serve, needs grid.manage over everything. */
export function mayDefineDepartments(actor: Actor | null): boolean {
  return may(actor, 'grid.manage')
}

const DEPARTMENT_LIST_READERS = [
  'grid.read',
  'case.read',
  'user.manage',
  'grant.manage',
  'apikey.manage',
] as const

/**
 * The list of departments: for readers of grids or of cases anywhere, and for those who grant roles
 * or issue keys (a grant may be scoped to a department; the security administrator reads neither).
 */
export function mayViewDepartments(actor: Actor | null): boolean {
  return DEPARTMENT_LIST_READERS.some((p) => holdsAnywhere(actor, p))
}

/** A department's staff: for readers of users anywhere, and for those who define departments. */
export function mayViewDepartmentStaff(actor: Actor | null): boolean {
  return holdsAnywhere(actor, 'user.read') || mayDefineDepartments(actor)
}
