import type { Executor } from '../../db/database'
import type { RequestContext, Scope } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, conflict, forbidden } from '../../lib/problem'
import { sqlStateOf } from '../../lib/safe-error'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { holdsAnywhere, may, mayManageUser, scopesFor, targetOfScope } from './auth.policy'
import { toUserView } from './auth.presenter'
import type { UserView } from './auth.schema'
import { assertStrongPassword, hashPassword } from './password'
import { grantsRepo, type RoleRow, scopeColumns } from './roles.repo'
import { sessionsRepo } from './sessions.repo'
import {
  actingUserId,
  describeScope,
  forbiddenManage,
  type UserAccess,
  type UsersSettings,
} from './users.access'
import { usersRepo } from './users.repo'

/** The new user with their first grants and the audit row, in the caller's transaction. */
async function writeNewUser(
  tx: Executor,
  ctx: RequestContext,
  user: { id: string; username: string; displayName: string; passwordHash: string },
  grants: { roleId: string; scope: Scope }[],
  roles: RoleRow[],
) {
  // The creator knows the password: the new user must replace it at first sign-in.
  await usersRepo.insert(tx, { ...user, mustChangePassword: true }).catch((error: unknown) => {
    // Two creations of one username at once: the unique index decides, the answer stays specific.
    if (sqlStateOf(error) === '23505')
      throw conflict('user.username_taken', `The username ${user.username} is taken`)
    throw error
  })
  for (const g of grants) {
    await grantsRepo.insert(tx, {
      id: uuidv7(),
      userId: user.id,
      roleId: g.roleId,
      grantedBy: actingUserId(ctx),
      ...scopeColumns(g.scope),
    })
  }
  await recordAudit(tx, ctx, {
    action: 'user.create',
    resourceType: 'user',
    resourceId: user.id,
    summary: {
      username: user.username,
      grants: grants.map((g, i) => ({ role: roles[i]?.key, ...describeScope(g.scope) })),
    },
  })
}

/** User accounts: listing, reading, creating (with their first grants), changing and signing out. */
export function createUserAccountsService(deps: ServiceDeps, settings: UsersSettings, access: UserAccess) {
  const { liftLocks } = settings
  const limits = { idleMinutes: settings.idleMinutes, deviceIdleDays: settings.deviceIdleDays }
  const { db } = deps
  const { view, manageable, checkGrantable } = access

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
        limits,
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
      await inTransaction(deps, (tx) =>
        writeNewUser(
          tx,
          ctx,
          { id, username: body.username, displayName: body.displayName, passwordHash },
          body.grants,
          roles,
        ),
      )
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
