import type { Actor, Grant, Scope } from '../../lib/context'
import { dutiesOf, type Permission } from './permissions'

/** What an action applies to: a place in the grid tree, a department, or (when absent) the whole deployment. */
export type Target = { gridPath: string } | { departmentId: string } | undefined

/** `a` is `b` or one of its ancestors (ltree `@>`); the empty path is the root of everything. */
export function pathCovers(a: string, b: string): boolean {
  return a === '' || a === b || b.startsWith(`${a}.`)
}

/** A grant's scope covers a target: the root covers everything; a grid scope covers its subtree; a department scope its department. */
export function scopeCovers(scope: Scope, target: Target): boolean {
  if (scope.type === 'grid' && scope.path === '') return true
  if (!target) return false
  if ('gridPath' in target) return scope.type === 'grid' && pathCovers(scope.path, target.gridPath)
  return scope.type === 'department' && scope.id === target.departmentId
}

function grantHas(grant: Grant, permission: Permission): boolean {
  return grant.permissions.includes(permission) || grant.permissions.includes('*')
}

/** May the actor do `permission` on `target`? With no target, only a whole-deployment grant answers yes. */
export function may(actor: Actor | null, permission: Permission, target?: Target): boolean {
  if (!actor) return false
  return actor.grants.some((g) => grantHas(g, permission) && scopeCovers(g.scope, target))
}

/** Does the actor hold `permission` anywhere (to show a menu, or to list what their scopes allow)? */
export function holdsAnywhere(actor: Actor | null, permission: Permission): boolean {
  return !!actor?.grants.some((g) => grantHas(g, permission))
}

/** The scopes in which the actor holds `permission`: list endpoints filter by these in SQL. */
export function scopesFor(actor: Actor | null, permission: Permission): Scope[] {
  return actor?.grants.filter((g) => grantHas(g, permission)).map((g) => g.scope) ?? []
}

/** The target a scope stands for, to ask whether another scope covers it. */
export function targetOfScope(scope: Scope): Target {
  return scope.type === 'grid' ? { gridPath: scope.path } : { departmentId: scope.id }
}

/** Permissions that give power over other accounts: a grant holding one is never managed by a peer. */
const MANAGING = ['*', 'user.manage', 'grant.manage', 'role.manage', 'apikey.manage', 'audit.read']
const managesOthers = (permissions: readonly string[]) => permissions.some((p) => MANAGING.includes(p))

/** `a` is strictly above `b`: a proper ancestor path (the root is above every department too). */
export function scopeAbove(a: Scope, b: Scope): boolean {
  if (a.type !== 'grid') return false
  if (b.type === 'department') return a.path === ''
  return a.path !== b.path && pathCovers(a.path, b.path)
}

/**
 * May the actor hand a role with these permissions in this scope to someone (a grant or an API key)?
 * Only with `via` covering the scope, and only permissions the actor itself holds there: nobody can
 * grant more than they have. A grant to a person (`user.manage`) that manages others (user, role,
 * key or audit rights) needs `user.manage` strictly above its scope: peers never appoint or manage
 * each other (a community chief cannot make or reset another chief of the same community).
 */
export function mayGrant(
  actor: Actor | null,
  via: 'user.manage' | 'apikey.manage' | 'role.manage',
  rolePermissions: readonly string[],
  scope: Scope,
): boolean {
  const target = targetOfScope(scope)
  const peerProof = via === 'user.manage' && managesOthers(rolePermissions)
  const placed = actor?.grants.some(
    (g) => grantHas(g, via) && (peerProof ? scopeAbove(g.scope, scope) : scopeCovers(g.scope, target)),
  )
  if (!placed) return false
  return rolePermissions.every((p) =>
    actor?.grants.some(
      (g) => (g.permissions.includes(p) || g.permissions.includes('*')) && scopeCovers(g.scope, target),
    ),
  )
}

/**
 * May the actor manage (rename, disable, enable, reset, sign out, grant to, revoke from) a user holding
 * these grants? Only if the actor could have granted every one of them under `mayGrant`'s rule: a
 * street chief cannot reset an administrator's password, and no administrator or chief manages a peer
 * at their own level. A user with no grant at all is managed from the whole deployment only.
 */
export function mayManageUser(actor: Actor | null, targetGrants: readonly Grant[]): boolean {
  if (targetGrants.length === 0) return may(actor, 'user.manage')
  return targetGrants.every((g) => mayGrant(actor, 'user.manage', g.permissions, g.scope))
}

/**
 * The security administrator's way of granting (三员分立): `grant.manage` covering the scope hands out
 * any role there without holding its permissions, but never to oneself (nor, through an API key, to
 * the key's creator `person`), and never to or from a peer: when the target's grants or the role
 * granted or revoked manage others, `grant.manage` must lie strictly above their scope. The
 * separation of duties is checked apart (`mixesDuties`).
 */
export function mayAssign(
  actor: Actor | null,
  person: string | null,
  target: { userId: string; grants: readonly Grant[] },
  grant: { permissions: readonly string[]; scope: Scope },
): boolean {
  if (!actor) return false
  const self = actor.type === 'user' ? actor.id : person
  if (self === target.userId) return false
  if (!may(actor, 'grant.manage', targetOfScope(grant.scope))) return false
  return [...target.grants, grant]
    .filter((g) => managesOthers(g.permissions))
    .every((g) => actor.grants.some((a) => grantHas(a, 'grant.manage') && scopeAbove(a.scope, g.scope)))
}

/**
 * May the actor issue an API key with this role in this scope? The security administrator
 * (`apikey.manage` and `grant.manage` there) issues keys for roles it does not use, but a role that
 * manages others only with those managing permissions held there itself; anyone else only under
 * `mayGrant`'s rule. The duties the key adds to its issuer's are checked apart (`mixesDuties`).
 */
export function mayIssueKey(actor: Actor | null, rolePermissions: readonly string[], scope: Scope): boolean {
  const target = targetOfScope(scope)
  if (!may(actor, 'apikey.manage', target) || !may(actor, 'grant.manage', target))
    return mayGrant(actor, 'apikey.manage', rolePermissions, scope)
  return rolePermissions
    .filter((p) => MANAGING.includes(p))
    .every((p) => actor?.grants.some((g) => g.permissions.includes(p) && scopeCovers(g.scope, target)))
}

/** Would a user holding all these permissions carry two of the three administrators' duties? */
export function mixesDuties(permissions: readonly string[]): boolean {
  return dutiesOf(permissions).length > 1
}

/**
 * A device session (the field app's, days long) is for people who work in the field: they record
 * patrols somewhere and manage nobody. An administrator's session stays the desk's, minutes long.
 */
export function mayHoldDeviceSession(grants: readonly Grant[]): boolean {
  const holds = (p: string) => grants.some((g) => g.permissions.includes(p) || g.permissions.includes('*'))
  return holds('patrol.record') && !MANAGING.some(holds)
}
