import type { Actor, RequestContext } from '../../lib/context'
import { badRequest, forbidden, notFound, unauthorized } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { apiKeysRepo } from './apikeys.repo'
import { mayManageUser } from './auth.policy'
import { toDeviceView, toMe } from './auth.presenter'
import type { DeviceView, Me } from './auth.schema'
import type { ThrottleSettings } from './login-throttle.repo'
import { assertStrongPassword, hashPassword } from './password'
import { type AttemptSettings, createPasswordAttempts } from './password-attempts'
import { grantsRepo, scopeOf, toGrants } from './roles.repo'
import { type IdleLimits, sessionsRepo } from './sessions.repo'
import { createSignInService, requiresSecondFactor, type SignInSettings } from './sign-in.service'
import { usersRepo } from './users.repo'

export interface SessionSettings extends AttemptSettings, SignInSettings, IdleLimits {}

/** The defaults of the throttle (see README, sign-in): per source 5 failures, then 1, 2, 4 … 60 minutes. */
export const THROTTLE_DEFAULTS: ThrottleSettings = {
  sourceFailures: 5,
  maxDelayMinutes: 60,
  windowMinutes: 15,
  accountFailures: 20,
  accountSources: 5,
  accountLockMinutes: 15,
}

/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000

export const API_KEY_PREFIX = 'wgk_'

export function createSessionService(deps: ServiceDeps, settings: SessionSettings) {
  const { db } = deps
  const attempts = createPasswordAttempts(deps, settings)
  const { attemptPassword } = attempts
  const limits: IdleLimits = { idleMinutes: settings.idleMinutes, deviceIdleDays: settings.deviceIdleDays }

  /** The signed-in user (device lists are a person's, never an API key's). */
  function signedInUser(ctx: RequestContext) {
    const actor = ctx.actor
    if (actor?.type !== 'user') throw unauthorized('auth.unauthenticated', 'Sign in as a user first')
    return actor
  }

  /** Whether the actor may see and end this user's devices: their own, or as a manager of the user. */
  async function mayHandleDevicesOf(ctx: RequestContext, userId: string) {
    const actor = signedInUser(ctx)
    if (actor.id === userId) return true
    return mayManageUser(actor, toGrants(await grantsRepo.ofUser(db, userId)))
  }

  return {
    liftLocks: attempts.liftLocks,

    ...createSignInService(deps, settings, attempts),

    async logout(ctx: RequestContext): Promise<void> {
      const sessionId = ctx.actor?.sessionId
      if (!sessionId) return
      await inTransaction(deps, async (tx) => {
        await sessionsRepo.revoke(tx, sessionId)
        await recordAudit(tx, ctx, { action: 'auth.logout', resourceType: 'session', resourceId: sessionId })
      })
    },

    /** The live device sessions (我的设备) of the caller, or of a user the caller manages. */
    async devices(ctx: RequestContext, userId?: string): Promise<DeviceView[]> {
      const of = userId ?? signedInUser(ctx).id
      if (!(await mayHandleDevicesOf(ctx, of)))
        throw forbidden('auth.forbidden', 'You may not manage this user')
      const rows = await sessionsRepo.liveDevices(db, of, limits)
      return rows.map((r) => toDeviceView(r, ctx.actor?.sessionId))
    },

    /** Ends one device session: the caller's own, or one of a user the caller manages (audited). */
    async endDevice(ctx: RequestContext, id: string): Promise<void> {
      const device = await sessionsRepo.liveDevice(db, id, limits)
      if (!device) throw notFound('auth.device_not_found', 'No such signed-in device')
      if (!(await mayHandleDevicesOf(ctx, device.userId)))
        throw forbidden('auth.forbidden', 'You may not manage this user')
      await inTransaction(deps, async (tx) => {
        await sessionsRepo.revoke(tx, id)
        await recordAudit(tx, ctx, {
          action: 'session.revoke',
          resourceType: 'session',
          resourceId: id,
          summary: { kind: 'device', userId: device.userId, own: device.userId === ctx.actor?.id },
        })
      })
    },

    /**
     * The actor behind a session cookie, or null when the session is unknown, revoked, idle or expired.
     * A request counts as use (`touch`); a live socket's re-check does not, so an unattended screen
     * still idles out.
     */
    async actorForSession(
      token: string,
      opts: { touch?: boolean } = {},
    ): Promise<{ actor: Actor; me: Me } | null> {
      const row = await sessionsRepo.findLive(db, sha256Hex(token), limits)
      if (!row) return null
      if (opts.touch !== false && Date.now() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await sessionsRepo.touch(db, row.session.id)
      const actor: Actor = {
        type: 'user',
        id: row.user.id,
        name: row.user.username,
        grants: toGrants(row.grants),
        sessionId: row.session.id,
      }
      const secondFactor = {
        active: row.secondFactorActive,
        required: requiresSecondFactor(settings, row.grants),
      }
      return { actor, me: toMe(row.user, row.grants, secondFactor) }
    },

    /** The actor behind an API key (`Authorization: Bearer wgk_…`), or null. */
    async actorForApiKey(key: string): Promise<Actor | null> {
      if (!key.startsWith(API_KEY_PREFIX)) return null
      const row = await apiKeysRepo.findLive(db, sha256Hex(key))
      if (!row) return null
      if (!row.key.lastUsedAt || Date.now() - row.key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await apiKeysRepo.touch(db, row.key.id)
      }
      const scope = scopeOf(row.key.scopeType, row.key.scopeGridPath, row.key.scopeDepartmentId)
      return {
        type: 'api_key',
        id: row.key.id,
        name: row.key.name,
        grants: [{ roleKey: row.role.key, permissions: row.role.permissions, scope }],
      }
    },

    /** The signed-in user changes their own password; their other sessions end. */
    async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
      const actor = ctx.actor
      if (actor?.type !== 'user') throw unauthorized('auth.unauthenticated', 'Sign in first')
      const user = await usersRepo.find(db, actor.id)
      if (!user) throw unauthorized('auth.unauthenticated', 'Sign in first')
      if (!(await attemptPassword(ctx, user.username, currentPassword, user))) {
        throw forbidden('auth.wrong_current_password', 'The current password is wrong')
      }
      assertStrongPassword(newPassword, [user.username, user.displayName])
      if (newPassword === currentPassword)
        throw badRequest('auth.password_reused', 'The new password must differ from the current one')
      const passwordHash = await hashPassword(newPassword)
      await inTransaction(deps, async (tx) => {
        await usersRepo.update(tx, user.id, {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: new Date(),
        })
        const revoked = await sessionsRepo.revokeOfUser(tx, user.id, actor.sessionId)
        await recordAudit(tx, ctx, {
          action: 'auth.password_change',
          resourceType: 'user',
          resourceId: user.id,
          summary: { otherSessionsRevoked: revoked },
        })
      })
    },
  }
}

export type SessionService = ReturnType<typeof createSessionService>
