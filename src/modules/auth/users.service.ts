import type { Executor, Tx } from '../../db/database'
import type { Grant, RequestContext, Scope } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../lib/problem'
import { sqlStateOf } from '../../lib/safe-error'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { apiKeysRepo } from './apikeys.repo'
import {
  holdsAnywhere,
  may,
  mayAssign,
  mayGrant,
  mayManageUser,
  mixesDuties,
  scopesFor,
  targetOfScope,
} from './auth.policy'
import { toUserView } from './auth.presenter'
import type { UserView } from './auth.schema'
import { assertStrongPassword, hashPassword } from './password'
import { type GrantView, grantsRepo, type RoleRow, rolesRepo, scopeColumns, toGrants } from './roles.repo'
import { sessionsRepo } from './sessions.repo'
import { usersRepo } from './users.repo'

/** The user behind the request; null for an API key (grants record a user). */
const actingUserId = (ctx: RequestContext) => (ctx.actor?.type === 'user' ? ctx.actor.id : null)

const forbiddenManage = () => forbidden('auth.forbidden', 'You may not manage this user')

const describeScope = (s: Scope) => (s.type === 'grid' ? { grid: s.path } : { department: s.id })

export interface UsersSettings {
  idleMinutes: number
  /** WANGGE_MERGED_ADMIN_ROLES: one person may carry several administrators' duties. */
  mergedAdminRoles: boolean
  /** Lifts sign-in waits and locks on a password reset (the session service's). */
  liftLocks: (ex: Executor, username: string) => Promise<void>
}

const dutiesConflict = () =>
  forbidden(
    'auth.duties_conflict',
    'One person may not hold two of the system, security and audit administrators’ duties',
  )

export function createUsersService(deps: ServiceDeps, settings: UsersSettings) {
  const { idleMinutes, liftLocks } = settings
  const { db } = deps

  async function view(userId: string): Promise<UserView> {
    const user = await usersRepo.find(db, userId)
    if (!user) throw notFound('user.not_found', 'No such user')
    const grants = await grantsRepo.ofUser(db, userId)
    const sessions = await sessionsRepo.liveCounts(db, [userId], idleMinutes)
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

  return {
    view,

    async list(ctx: RequestContext, q: { q?: string; status?: string; limit: number; offset: number }) {
      if (!holdsAnywhere(ctx.actor, 'user.read')) throw forbidden('auth.forbidden', 'You may not view users')
      // A reader scoped below the whole deployment sees the users holding a grant inside their scopes.
      const within = may(ctx.actor, 'user.read') ? undefined : scopesFor(ctx.actor, 'user.read')
      const { rows, total } = await usersRepo.list(db, {
        within,
        search: q.q,
        status: q.status,
        limit: q.limit,
        offset: q.offset,
      })
      const sessions = await sessionsRepo.liveCounts(
        db,
        rows.map((r) => r.id),
        idleMinutes,
      )
      return { items: rows.map((r) => toUserView(r, r.grants, sessions.get(r.id) ?? 0)), total }
    },

    async get(ctx: RequestContext, id: string): Promise<UserView> {
      if (!holdsAnywhere(ctx.actor, 'user.read')) throw forbidden('auth.forbidden', 'You may not view users')
      const user = await view(id)
      const visible = user.grants.some((g) => may(ctx.actor, 'user.read', targetOfScope(g.scope)))
      if (!visible && !may(ctx.actor, 'user.read'))
        throw forbidden('auth.forbidden', 'This user is outside your scope')
      return user
    },

    async create(
      ctx: RequestContext,
      body: {
        username: string
        displayName: string
        password: string
        grants: { roleId: string; scope: Scope }[]
      },
    ): Promise<UserView> {
      if (!holdsAnywhere(ctx.actor, 'user.manage'))
        throw forbidden('auth.forbidden', 'You may not create users')
      assertStrongPassword(body.password, [body.username, body.displayName])
      const roles: RoleRow[] = []
      for (const g of body.grants) {
        const grants = roles.map((r) => ({ roleKey: r.key, permissions: r.permissions, scope: g.scope }))
        roles.push(await checkGrantable(ctx, g.roleId, g.scope, { userId: null, grants }))
      }
      if (body.grants.length === 0 && !mayManageUser(ctx.actor, [])) throw forbiddenManage()
      if (await usersRepo.findByUsername(db, body.username)) {
        throw conflict('user.username_taken', `The username ${body.username} is taken`)
      }
      const passwordHash = await hashPassword(body.password)
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        // The creator knows the password: the new user must replace it at first sign-in.
        const user = {
          id,
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          mustChangePassword: true,
        }
        await usersRepo.insert(tx, user).catch((error: unknown) => {
          // Two creations of one username at once: the unique index decides, the answer stays specific.
          if (sqlStateOf(error) === '23505')
            throw conflict('user.username_taken', `The username ${body.username} is taken`)
          throw error
        })
        for (const g of body.grants) {
          await grantsRepo.insert(tx, {
            id: uuidv7(),
            userId: id,
            roleId: g.roleId,
            grantedBy: actingUserId(ctx),
            ...scopeColumns(g.scope),
          })
        }
        await recordAudit(tx, ctx, {
          action: 'user.create',
          resourceType: 'user',
          resourceId: id,
          summary: {
            username: body.username,
            grants: body.grants.map((g, i) => ({ role: roles[i]?.key, ...describeScope(g.scope) })),
          },
        })
      })
      return view(id)
    },

    async update(
      ctx: RequestContext,
      id: string,
      patch: { displayName?: string; status?: 'active' | 'disabled' },
    ) {
      if (patch.status === 'disabled' && ctx.actor?.id === id) {
        throw badRequest('user.cannot_disable_self', 'You cannot disable your own account')
      }
      const { user } = await manageable(ctx, id)
      await inTransaction(deps, async (tx) => {
        await usersRepo.update(tx, id, patch)
        const revoked = patch.status === 'disabled' ? await sessionsRepo.revokeOfUser(tx, id) : 0
        // A person's name is personal data: the summary says that it changed, not what to.
        const status =
          patch.status && patch.status !== user.status
            ? { before: user.status, after: patch.status }
            : undefined
        await recordAudit(tx, ctx, {
          action: 'user.update',
          resourceType: 'user',
          resourceId: id,
          summary: { changed: Object.keys(patch), status, sessionsRevoked: revoked },
        })
      })
      return view(id)
    },

    /** An administrator sets a new password: the user must change it at next sign-in, and is signed out everywhere. */
    async resetPassword(ctx: RequestContext, id: string, password: string): Promise<void> {
      const { user } = await manageable(ctx, id)
      assertStrongPassword(password, [user.username, user.displayName])
      const passwordHash = await hashPassword(password)
      await inTransaction(deps, async (tx) => {
        await usersRepo.update(tx, id, {
          passwordHash,
          mustChangePassword: true,
          passwordChangedAt: new Date(),
          lockedUntil: null,
        })
        await liftLocks(tx, user.username)
        const revoked = await sessionsRepo.revokeOfUser(tx, id)
        await recordAudit(tx, ctx, {
          action: 'user.password_reset',
          resourceType: 'user',
          resourceId: id,
          summary: { sessionsRevoked: revoked },
        })
      })
    },

    async grant(ctx: RequestContext, id: string, roleId: string, scope: Scope): Promise<UserView> {
      const { grants: existing } = await load(id)
      const role = await checkGrantable(ctx, roleId, scope, { userId: id, grants: toGrants(existing) })
      await assignable(ctx, id, { permissions: role.permissions, scope })
      if (existing.some((g) => g.roleId === roleId && JSON.stringify(g.scope) === JSON.stringify(scope))) {
        throw conflict('role.grant_exists', 'The user already holds this role in this scope')
      }
      await inTransaction(deps, async (tx) => {
        // Two grants at once each checked the old holdings: the second one waits here and checks again.
        await usersRepo.lock(tx, id)
        const held = await grantsRepo.ofUser(tx, id)
        if (
          !settings.mergedAdminRoles &&
          mixesDuties([...held.flatMap((g) => g.permissions), ...role.permissions])
        )
          throw dutiesConflict()
        const grantId = uuidv7()
        await grantsRepo.insert(tx, {
          id: grantId,
          userId: id,
          roleId,
          grantedBy: actingUserId(ctx),
          ...scopeColumns(scope),
        })
        await recordAudit(tx, ctx, {
          action: 'role.grant',
          resourceType: 'user',
          resourceId: id,
          summary: { grantId, role: role.key, ...describeScope(scope) },
        })
      })
      return view(id)
    },

    /**
     * The grant that comes with a post (see staff/): checked like any grant, written in the caller's
     * transaction. A user already holding the role there keeps that grant; its id is returned.
     */
    async grantForPost(
      tx: Tx,
      ctx: RequestContext,
      userId: string,
      roleKey: string,
      scope: Scope,
    ): Promise<string> {
      if (!(await usersRepo.find(tx, userId))) throw badRequest('user.not_found', 'No such user', { userId })
      const role = await rolesRepo.findByKey(tx, roleKey)
      if (!role) throw new Error(`built-in role ${roleKey} is missing`)
      await usersRepo.lock(tx, userId)
      const held = await grantsRepo.ofUser(tx, userId)
      await checkGrantable(ctx, role.id, scope, { userId, grants: toGrants(held) }, tx)
      const existing = held.find(
        (g) => g.roleId === role.id && JSON.stringify(g.scope) === JSON.stringify(scope),
      )
      if (existing) return existing.id
      const grantId = uuidv7()
      await grantsRepo.insert(tx, {
        id: grantId,
        userId,
        roleId: role.id,
        grantedBy: actingUserId(ctx),
        ...scopeColumns(scope),
      })
      await recordAudit(tx, ctx, {
        action: 'role.grant',
        resourceType: 'user',
        resourceId: userId,
        summary: { grantId, role: role.key, ...describeScope(scope), reason: 'post' },
      })
      return grantId
    },

    /** Takes back the grant of a post that ends, in the caller's transaction. */
    async revokeGrantForPost(tx: Tx, ctx: RequestContext, userId: string, grantId: string): Promise<void> {
      await grantsRepo.delete(tx, grantId)
      await recordAudit(tx, ctx, {
        action: 'role.revoke_grant',
        resourceType: 'user',
        resourceId: userId,
        summary: { grantId, reason: 'post' },
      })
    },

    async revokeGrant(ctx: RequestContext, id: string, grantId: string): Promise<void> {
      const { grants } = await load(id)
      const grant: GrantView | undefined = grants.find((g) => g.id === grantId)
      if (!grant) throw notFound('role.grant_not_found', 'No such grant for this user')
      await assignable(ctx, id, grant)
      await inTransaction(deps, async (tx) => {
        await grantsRepo.delete(tx, grantId)
        await recordAudit(tx, ctx, {
          action: 'role.revoke_grant',
          resourceType: 'user',
          resourceId: id,
          summary: { grantId, role: grant.roleKey, ...describeScope(grant.scope) },
        })
      })
    },

    async revokeSessions(ctx: RequestContext, id: string): Promise<number> {
      await manageable(ctx, id)
      return inTransaction(deps, async (tx) => {
        const revoked = await sessionsRepo.revokeOfUser(tx, id)
        await recordAudit(tx, ctx, {
          action: 'session.revoke',
          resourceType: 'user',
          resourceId: id,
          summary: { revoked },
        })
        return revoked
      })
    },
  }
}

export type UsersService = ReturnType<typeof createUsersService>
