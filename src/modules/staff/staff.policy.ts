import type { Actor } from '../../lib/context'
import { holdsAnywhere, may, mayGrant } from '../auth/auth.policy'
import { BUILTIN_ROLES } from '../auth/permissions'
import { POSTS, type Post } from './staff.posts'

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

/**
 * Whether the reader may appoint a user to this post in the grid: they can look users up and could
 * grant the post's role there (auth decides again, with the user, when the appointment comes).
 */
export function mayAppointUser(actor: Actor | null, grid: InGrid, post: Post): boolean {
  const role = BUILTIN_ROLES.find((r) => r.key === POSTS[post].role)
  if (!role || !holdsAnywhere(actor, 'user.read')) return false
  return mayGrant(actor, 'user.manage', role.permissions, { type: 'grid', path: grid.path })
}

export type PostAbility = 'end' | 'photo' | 'edit'

/** What the reader may do with a current post of the grid. */
export function postAbilities(actor: Actor | null, grid: InGrid): PostAbility[] {
  const abilities: PostAbility[] = []
  if (mayEndPost(actor, grid)) abilities.push('end')
  if (mayManageStaff(actor, grid)) abilities.push('photo', 'edit')
  return abilities
}

/** The posts the reader may fill in the grid, and with whom: a person without an account, a user. */
export function appointable(actor: Actor | null, grid: InGrid) {
  const person = mayManageStaff(actor, grid)
  return (Object.keys(POSTS) as Post[]).flatMap((post) => {
    const user = mayAppointUser(actor, grid, post)
    return person || user ? [{ post, person, user }] : []
  })
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

export type DepartmentAbility = 'update' | 'serve' | 'staff'

/** What the reader may do with a department (the same for every one: they are deployment-wide). */
export function departmentAbilities(actor: Actor | null): DepartmentAbility[] {
  const abilities: DepartmentAbility[] = []
  if (mayDefineDepartments(actor)) abilities.push('update', 'serve')
  if (mayViewDepartmentStaff(actor)) abilities.push('staff')
  return abilities
}
