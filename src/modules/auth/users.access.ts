import type { Executor } from '../../db/database'
import type { Grant, RequestContext, Scope } from '../../lib/context'
import { badRequest, forbidden, notFound } from '../../lib/problem'
import type { ServiceDeps } from '../../lib/service'
import { apiKeysRepo } from './apikeys.repo'
import { mayAssign, mayGrant, mayManageUser, mixesDuties } from './auth.policy'
import { toUserView } from './auth.presenter'
import type { UserView } from './auth.schema'
import { grantsRepo, rolesRepo, toGrants } from './roles.repo'
import { type IdleLimits, sessionsRepo } from './sessions.repo'
import { usersRepo } from './users.repo'

export interface UsersSettings extends IdleLimits {
  /** WANGGE_MERGED_ADMIN_ROLES: one person may carry several administrators' duties. */
  mergedAdminRoles: boolean
  /** Lifts sign-in waits and locks on a password reset (the session service's). */
  liftLocks: (ex: Executor, username: string) => Promise<void>
}

/** The user behind the request; null for an API key (grants record a user). */
export const actingUserId = (ctx: RequestContext) => (ctx.actor?.type === 'user' ? ctx.actor.id : null)

export const forbiddenManage = () => forbidden('auth.forbidden', 'You may not manage this user')

export const describeScope = (s: Scope) => (s.type === 'grid' ? { grid: s.path } : { department: s.id })

export const dutiesConflict = () =>
  forbidden(
    'auth.duties_conflict',
    'One person may not hold two of the system, security and audit administrators’ duties',
  )

/** Loading a user with their grants, and the checks shared by the account and grant use cases. */
export function createUserAccess(deps: ServiceDeps, settings: UsersSettings) {
  const limits: IdleLimits = { idleMinutes: settings.idleMinutes, deviceIdleDays: settings.deviceIdleDays }
  const { db } = deps

  async function view(userId: string): Promise<UserView> {
    const user = await usersRepo.find(db, userId)
    if (!user) throw notFound('user.not_found', 'No such user')
    const grants = await grantsRepo.ofUser(db, userId)
    const sessions = await sessionsRepo.liveCounts(db, [userId], limits)
    return toUserView(user, grants, sessions.get(userId) ?? 0)
  }

  async function load(userId: string) {
    const user = await usersRepo.find(db, userId)
    if (!user) throw notFound('user.not_found', 'No such user')
    return { user, grants: await grantsRepo.ofUser(db, userId) }
  }

  /** Loads a user the actor may manage, or throws. */
  async function manageable(ctx: RequestContext, userId: string) {
    const loaded = await load(userId)
    if (!mayManageUser(ctx.actor, toGrants(loaded.grants))) throw forbiddenManage()
    return loaded
  }

  /** Loads a user whose grants the actor may change: their manager, or the security administrator. */
  async function assignable(
    ctx: RequestContext,
    userId: string,
    grant: { permissions: string[]; scope: Scope },
  ) {
    const loaded = await load(userId)
    const person = await apiKeysRepo.personBehind(db, ctx.actor)
    const target = { userId, grants: toGrants(loaded.grants) }
    if (!mayAssign(ctx.actor, person, target, grant) && !mayManageUser(ctx.actor, target.grants))
      throw forbiddenManage()
    return loaded
  }

  // Inside a transaction pass it as `ex`: PGlite has one connection, and a query on `db` would wait
  // for the open transaction to end.
  /**
   * A role in a scope may go to this user: granted by someone who could (the line's `user.manage`
   * with every permission held, or the security administrator's `grant.manage`), without giving the
   * user two administrators' duties.
   */
  async function checkGrantable(
    ctx: RequestContext,
    roleId: string,
    scope: Scope,
    to: { userId: string | null; grants: readonly Grant[] },
    ex: Executor = db,
  ) {
    const role = await rolesRepo.find(ex, roleId)
    if (!role) throw badRequest('role.not_found', 'No such role', { roleId })
    const holds = to.grants.flatMap((g) => g.permissions)
    if (!settings.mergedAdminRoles && mixesDuties([...holds, ...role.permissions])) throw dutiesConflict()
    const target = to.userId === null ? null : { userId: to.userId, grants: to.grants }
    const assigned =
      target !== null &&
      mayAssign(ctx.actor, await apiKeysRepo.personBehind(ex, ctx.actor), target, {
        permissions: role.permissions,
        scope,
      })
    if (!assigned && !mayGrant(ctx.actor, 'user.manage', role.permissions, scope)) {
      throw forbidden('auth.grant_exceeds_own', `You may not grant the role ${role.key} in this scope`, {
        roleKey: role.key,
      })
    }
    return role
  }

  return { view, load, manageable, assignable, checkGrantable }
}

export type UserAccess = ReturnType<typeof createUserAccess>
