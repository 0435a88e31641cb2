import type { Actor, RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, forbidden, locked, unauthorized } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { newSecret, sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { toMe } from './auth.presenter'
import { authRepo, toGrants } from './auth.repo'
import type { Me } from './auth.schema'
import { burnPasswordCheck, hashPassword, passwordWeakness, verifyPassword } from './password'

export interface SessionSettings {
  idleMinutes: number
  absoluteHours: number
}

/** Lockout: this many failures inside the window lock the account for the lock time. */
export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 }

/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000

export const API_KEY_PREFIX = 'wgk_'

const invalidCredentials = () => unauthorized('auth.invalid_credentials', 'Wrong username or password')

export function createSessionService(deps: ServiceDeps, settings: SessionSettings) {
  const { db } = deps

  async function failLogin(ctx: RequestContext, userId: string | null, username: string): Promise<never> {
    const lock = await inTransaction(deps, async (tx) => {
      const result = userId
        ? await authRepo.recordFailedLogin(
            tx,
            userId,
            LOCKOUT.windowMinutes,
            LOCKOUT.maxFailures,
            LOCKOUT.lockMinutes,
          )
        : { locked: false }
      await recordAudit(tx, ctx, {
        action: result.locked ? 'auth.lockout' : 'auth.login_failed',
        resourceType: 'user',
        resourceId: userId ?? undefined,
        summary: { username },
      })
      return result.locked
    })
    if (lock)
      throw locked('auth.locked', 'Too many failed sign-ins: the account is locked', LOCKOUT.lockMinutes * 60)
    throw invalidCredentials()
  }

  return {
    /** Checks the password and opens a session; the token goes into the cookie and nowhere else. */
    async login(
      ctx: RequestContext,
      username: string,
      password: string,
      userAgent: string | null = null,
    ): Promise<{ token: string; me: Me; maxAgeSeconds: number }> {
      const user = await authRepo.findUserByUsername(db, username)
      if (!user) {
        await burnPasswordCheck(password)
        return failLogin(ctx, null, username)
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        const seconds = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000)
        throw locked('auth.locked', 'Too many failed sign-ins: the account is locked', seconds)
      }
      const ok = await verifyPassword(user.passwordHash, password)
      if (!ok || user.status !== 'active') return failLogin(ctx, user.id, username)

      const token = newSecret()
      const sessionId = uuidv7()
      const expiresAt = new Date(Date.now() + settings.absoluteHours * 3600_000)
      const actor: Actor = { type: 'user', id: user.id, name: user.username, grants: [] }
      const grants = await inTransaction(deps, async (tx) => {
        await authRepo.clearFailedLogins(tx, user.id)
        await authRepo.insertSession(tx, {
          id: sessionId,
          userId: user.id,
          tokenHash: sha256Hex(token),
          expiresAt,
          ip: ctx.ip,
          userAgent: userAgent?.slice(0, 256) ?? null,
        })
        await recordAudit(
          tx,
          { ...ctx, actor },
          { action: 'auth.login', resourceType: 'session', resourceId: sessionId },
        )
        return authRepo.grantsOfUser(tx, user.id)
      })
      return { token, me: toMe(user, grants), maxAgeSeconds: settings.absoluteHours * 3600 }
    },

    async logout(ctx: RequestContext): Promise<void> {
      const sessionId = ctx.actor?.sessionId
      if (!sessionId) return
      await inTransaction(deps, async (tx) => {
        await authRepo.revokeSession(tx, sessionId)
        await recordAudit(tx, ctx, { action: 'auth.logout', resourceType: 'session', resourceId: sessionId })
      })
    },

    /** The actor behind a session cookie, or null when the session is unknown, revoked, idle or expired. */
    async actorForSession(token: string): Promise<{ actor: Actor; me: Me } | null> {
      const row = await authRepo.findLiveSession(db, sha256Hex(token), settings.idleMinutes)
      if (!row) return null
      if (Date.now() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await authRepo.touchSession(db, row.session.id)
      const actor: Actor = {
        type: 'user',
        id: row.user.id,
        name: row.user.username,
        grants: toGrants(row.grants),
        sessionId: row.session.id,
      }
      return { actor, me: toMe(row.user, row.grants) }
    },

    /** The actor behind an API key (`Authorization: Bearer wgk_…`), or null. */
    async actorForApiKey(key: string): Promise<Actor | null> {
      if (!key.startsWith(API_KEY_PREFIX)) return null
      const row = await authRepo.findLiveApiKey(db, sha256Hex(key))
      if (!row) return null
      if (!row.key.lastUsedAt || Date.now() - row.key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
        await authRepo.touchApiKey(db, row.key.id)
      }
      const scope = authRepo.scopeOf(row.key.scopeType, row.key.scopeGridPath, row.key.scopeDepartmentId)
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
      const user = await authRepo.findUser(db, actor.id)
      if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw forbidden('auth.wrong_current_password', 'The current password is wrong')
      }
      const weakness = passwordWeakness(newPassword)
      if (weakness) throw badRequest('auth.weak_password', `The new password is too weak: ${weakness}`)
      if (newPassword === currentPassword)
        throw badRequest('auth.password_reused', 'The new password must differ from the current one')
      const passwordHash = await hashPassword(newPassword)
      await inTransaction(deps, async (tx) => {
        await authRepo.updateUser(tx, user.id, {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: new Date(),
        })
        const revoked = await authRepo.revokeUserSessions(tx, user.id, actor.sessionId)
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
