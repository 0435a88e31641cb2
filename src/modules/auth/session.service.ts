import type { Actor, RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, forbidden, locked, unauthorized } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { newSecret, sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { toMe } from './auth.presenter'
import { authRepo, toGrants, type UserRow } from './auth.repo'
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

  const lockedProblem = (seconds: number) =>
    locked('auth.locked', 'Too many failed password attempts: the account is locked', Math.max(1, seconds))

  /** Audits a refused attempt in its own transaction: the request itself is about to fail. */
  async function auditRefusal(ctx: RequestContext, action: string, userId: string | null) {
    await inTransaction(deps, (tx) =>
      recordAudit(tx, ctx, {
        action,
        resourceType: 'user',
        resourceId: userId ?? undefined,
        // Never the typed username: people type their password into that field.
        summary: userId ? {} : { knownUser: false },
      }),
    )
  }

  /**
   * Checks a user's password under the lockout rule (sign-in and password change alike): at most
   * five checks per window, then 423 for the lock time. Returns whether the password matched.
   */
  async function attemptPassword(ctx: RequestContext, user: UserRow, password: string): Promise<boolean> {
    const attempt = await authRepo.reserveAttempt(db, user.id, LOCKOUT.windowMinutes)
    if (attempt === null || attempt > LOCKOUT.maxFailures) {
      await auditRefusal(ctx, 'auth.refused_locked', user.id)
      const until = (await authRepo.findUser(db, user.id))?.lockedUntil
      throw lockedProblem(until ? Math.ceil((until.getTime() - Date.now()) / 1000) : LOCKOUT.lockMinutes * 60)
    }
    if (await verifyPassword(user.passwordHash, password)) {
      await authRepo.resetAttempts(db, user.id)
      return true
    }
    const lockNow = attempt >= LOCKOUT.maxFailures
    if (lockNow) await authRepo.lockAccount(db, user.id, LOCKOUT.lockMinutes)
    await auditRefusal(ctx, lockNow ? 'auth.lockout' : 'auth.password_failed', user.id)
    if (lockNow) throw lockedProblem(LOCKOUT.lockMinutes * 60)
    return false
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
        await auditRefusal(ctx, 'auth.password_failed', null)
        throw invalidCredentials()
      }
      const ok = await attemptPassword(ctx, user, password)
      if (!ok || user.status !== 'active') throw invalidCredentials()

      const token = newSecret()
      const sessionId = uuidv7()
      const expiresAt = new Date(Date.now() + settings.absoluteHours * 3600_000)
      const actor: Actor = { type: 'user', id: user.id, name: user.username, grants: [] }
      const grants = await inTransaction(deps, async (tx) => {
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
      if (!user) throw unauthorized('auth.unauthenticated', 'Sign in first')
      if (!(await attemptPassword(ctx, user, currentPassword))) {
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
