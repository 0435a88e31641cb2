import type { Executor } from '../../db/database'
import type { Actor, RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, forbidden, locked, Problem, unauthorized } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { newSecret, sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { outboxRepo } from '../outbox/outbox.repo'
import { apiKeysRepo } from './apikeys.repo'
import { toMe } from './auth.presenter'
import type { Me } from './auth.schema'
import { type ThrottleSettings, throttleRepo } from './login-throttle.repo'
import { assertStrongPassword, burnPasswordCheck, hashPassword, verifyPassword } from './password'
import { grantsRepo, scopeOf, toGrants } from './roles.repo'
import { secondFactorRepo } from './second-factor.repo'
import { sessionsRepo } from './sessions.repo'
import { throttleAccountKey, throttleSourceOf } from './throttle-keys'
import { normaliseRecoveryCode, stepOfCode } from './totp'
import { type UserRow, usersRepo } from './users.repo'

export interface SessionSettings {
  idleMinutes: number
  absoluteHours: number
  throttle: ThrottleSettings
  /** Key of the keyed hash that names an account in the throttle (from the data key). */
  throttleSecret: Buffer
  /** Holders of these roles must enrol a second factor before doing anything else. */
  secondFactorRoles: readonly string[]
  /** Opens a stored second-factor secret (the data cipher). */
  decrypt: (stored: string) => string
}

/** Minutes between a right password and the code that completes the sign-in. */
const CHALLENGE_MINUTES = 5

export type SecondFactorProof = { code: string } | { recoveryCode: string }

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

const invalidCredentials = () => unauthorized('auth.invalid_credentials', 'Wrong username or password')
const invalidChallenge = () =>
  unauthorized('auth.challenge_invalid', 'The sign-in step has expired or is not yours: sign in again')
const wrongCode = () => unauthorized('auth.second_factor_invalid', 'The code is wrong or was already used')

/** A waiting source or a locked account: one answer, whether or not the username exists. */
const lockedProblem = (seconds: number) =>
  locked('auth.locked', 'Too many failed password attempts: try again later', Math.max(1, seconds))

export function createSessionService(deps: ServiceDeps, settings: SessionSettings) {
  const { db } = deps
  const limits = settings.throttle
  const accountKey = (username: string) => throttleAccountKey(settings.throttleSecret, username)

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

  /** Many sources failing on one account: lock it (the owner's known sources excepted) and tell the administrators. */
  async function lockIfAttacked(key: string, user: UserRow | undefined, ctx: RequestContext) {
    const recent = await throttleRepo.recentFailures(db, key, limits.windowMinutes)
    if (recent.failures < limits.accountFailures || recent.sources < limits.accountSources) return
    await inTransaction(deps, async (tx) => {
      const until = await throttleRepo.lockAccount(tx, key, limits.accountLockMinutes)
      if (!until || !user) return
      await usersRepo.update(tx, user.id, { lockedUntil: until })
      await recordAudit(tx, ctx, {
        action: 'auth.account_locked',
        resourceType: 'user',
        resourceId: user.id,
        summary: { failures: recent.failures, sources: recent.sources, until: until.toISOString() },
      })
      await outboxRepo.enqueue(tx, 'auth.account_locked', {
        userId: user.id,
        username: user.username,
        until: until.toISOString(),
        sources: recent.sources,
      })
    })
  }

  /**
   * Checks a password under the throttle (sign-in and password change alike). Failures count per
   * account and source: a source that failed five times waits 1, 2, 4 … minutes; failures from many
   * sources lock the account for every source the owner has not signed in from. Unknown usernames go
   * through the same steps (and the same password hash), so the answers never tell whether a user
   * exists. Returns the user when the password matched.
   */
  async function attemptPassword(
    ctx: RequestContext,
    username: string,
    password: string,
    knownUser?: UserRow,
    /** False leaves the attempt counted (a second factor is still to come). */
    settle = true,
  ): Promise<UserRow | null> {
    const key = accountKey(username)
    const source = throttleSourceOf(ctx.ip)
    const attempt = await reserveAttempt(ctx, key, source, knownUser?.id ?? null)
    const user = knownUser ?? (await usersRepo.findByUsername(db, username))
    if (attempt === null) {
      await auditRefusal(ctx, 'auth.refused_locked', user?.id ?? null)
      throw lockedProblem(await throttleRepo.waitSeconds(db, key, source))
    }
    const ok = user ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password)
    if (user && ok) {
      if (settle) await throttleRepo.succeed(db, key, source)
      return user
    }
    await countFailure(ctx, 'auth.password_failed', key, source, attempt, user)
    return null
  }

  /** Refuses a locked account (unless from a known source) and counts one attempt; null while the source waits. */
  async function reserveAttempt(ctx: RequestContext, key: string, source: string, userId: string | null) {
    const lockSeconds = await throttleRepo.accountLockSeconds(db, key)
    if (lockSeconds > 0 && !(await throttleRepo.isKnownSource(db, key, source))) {
      await auditRefusal(ctx, 'auth.refused_locked', userId)
      throw lockedProblem(lockSeconds)
    }
    return throttleRepo.reserve(db, key, source, limits)
  }

  /** A wrong password or code: audited, maybe locking the account, and making the source wait at the limit. */
  async function countFailure(
    ctx: RequestContext,
    action: string,
    key: string,
    source: string,
    attempt: number,
    user: UserRow | undefined,
  ) {
    await auditRefusal(ctx, action, user?.id ?? null)
    await lockIfAttacked(key, user, ctx)
    if (attempt >= limits.sourceFailures) throw lockedProblem(await throttleRepo.waitSeconds(db, key, source))
  }

  const requiresSecondFactor = (grants: readonly { roleKey: string }[]) =>
    grants.some((g) => settings.secondFactorRoles.includes(g.roleKey))

  /** Whether the user's factor is active and whether one of their roles requires one. */
  async function secondFactorOf(ex: Executor, userId: string, grants: readonly { roleKey: string }[]) {
    return { active: await secondFactorRepo.isActive(ex, userId), required: requiresSecondFactor(grants) }
  }

  /** Starts a session for a user who proved who they are; the token goes into the cookie and nowhere else. */
  async function openSession(
    ctx: RequestContext,
    user: UserRow,
    userAgent: string | null,
    secondFactor?: 'code' | 'recovery_code',
  ): Promise<{ token: string; me: Me; maxAgeSeconds: number }> {
    const token = newSecret()
    const sessionId = uuidv7()
    const expiresAt = new Date(Date.now() + settings.absoluteHours * 3600_000)
    const actor: Actor = { type: 'user', id: user.id, name: user.username, grants: [] }
    const me = await inTransaction(deps, async (tx) => {
      await sessionsRepo.insert(tx, {
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
        {
          action: 'auth.login',
          resourceType: 'session',
          resourceId: sessionId,
          summary: secondFactor ? { secondFactor } : {},
        },
      )
      const grants = await grantsRepo.ofUser(tx, user.id)
      return toMe(user, grants, await secondFactorOf(tx, user.id, grants))
    })
    return { token, me, maxAgeSeconds: settings.absoluteHours * 3600 }
  }

  /** Is this code or recovery code good for the user now? Each is accepted once. */
  async function proves(userId: string, proof: SecondFactorProof): Promise<boolean> {
    if ('recoveryCode' in proof) {
      const hash = sha256Hex(normaliseRecoveryCode(proof.recoveryCode))
      return secondFactorRepo.spendRecoveryCode(db, userId, hash)
    }
    const factor = await secondFactorRepo.find(db, userId)
    if (!factor?.secret) return false
    const step = stepOfCode(settings.decrypt(factor.secret), proof.code)
    return step !== null && (await secondFactorRepo.spendStep(db, userId, step))
  }

  return {
    /** Lifts every wait and lock on the account (a password reset), in the caller's transaction. */
    liftLocks: (ex: Executor, username: string) => throttleRepo.clear(ex, accountKey(username)),

    /**
     * Checks the password and opens a session. A user with an active second factor gets instead
     * `401 auth.second_factor_required` with a challenge for `completeSecondFactor`; their password
     * attempt stays counted by the throttle until the code is right, so guessing codes is throttled too.
     */
    async login(
      ctx: RequestContext,
      username: string,
      password: string,
      userAgent: string | null = null,
    ): Promise<{ token: string; me: Me; maxAgeSeconds: number }> {
      const user = await attemptPassword(ctx, username, password, undefined, false)
      if (user?.status !== 'active') throw invalidCredentials()
      if (!(await secondFactorRepo.isActive(db, user.id))) {
        await throttleRepo.succeed(db, accountKey(user.username), throttleSourceOf(ctx.ip))
        return openSession(ctx, user, userAgent)
      }
      const challenge = newSecret()
      await secondFactorRepo.pruneChallenges(db)
      await secondFactorRepo.insertChallenge(db, {
        tokenHash: sha256Hex(challenge),
        userId: user.id,
        ip: ctx.ip ?? '',
        expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000),
      })
      throw new Problem(401, 'auth.second_factor_required', 'Enter the code from your authenticator app', {
        challenge,
        expiresInSeconds: CHALLENGE_MINUTES * 60,
      })
    },

    /** The second step of a sign-in: a challenge from `login` and a code (or a recovery code), once each. */
    async completeSecondFactor(
      ctx: RequestContext,
      challenge: string,
      proof: SecondFactorProof,
      userAgent: string | null = null,
    ): Promise<{ token: string; me: Me; maxAgeSeconds: number }> {
      const source = throttleSourceOf(ctx.ip)
      const tokenHash = sha256Hex(challenge)
      const open = await secondFactorRepo.findOpenChallenge(db, tokenHash, ctx.ip ?? '')
      if (!open) throw invalidChallenge()
      const user = await usersRepo.find(db, open.userId)
      if (user?.status !== 'active') throw invalidChallenge()
      const key = accountKey(user.username)
      const attempt = await reserveAttempt(ctx, key, source, user.id)
      if (attempt === null) {
        await auditRefusal(ctx, 'auth.refused_locked', user.id)
        throw lockedProblem(await throttleRepo.waitSeconds(db, key, source))
      }
      if (!(await proves(user.id, proof))) {
        await countFailure(ctx, 'auth.second_factor_failed', key, source, attempt, user)
        throw wrongCode()
      }
      if (!(await secondFactorRepo.spendChallenge(db, tokenHash))) throw invalidChallenge()
      await throttleRepo.succeed(db, key, source)
      return openSession(ctx, user, userAgent, 'recoveryCode' in proof ? 'recovery_code' : 'code')
    },

    async logout(ctx: RequestContext): Promise<void> {
      const sessionId = ctx.actor?.sessionId
      if (!sessionId) return
      await inTransaction(deps, async (tx) => {
        await sessionsRepo.revoke(tx, sessionId)
        await recordAudit(tx, ctx, { action: 'auth.logout', resourceType: 'session', resourceId: sessionId })
      })
    },

    /** The actor behind a session cookie, or null when the session is unknown, revoked, idle or expired. */
    async actorForSession(token: string): Promise<{ actor: Actor; me: Me } | null> {
      const row = await sessionsRepo.findLive(db, sha256Hex(token), settings.idleMinutes)
      if (!row) return null
      if (Date.now() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await sessionsRepo.touch(db, row.session.id)
      const actor: Actor = {
        type: 'user',
        id: row.user.id,
        name: row.user.username,
        grants: toGrants(row.grants),
        sessionId: row.session.id,
      }
      const secondFactor = { active: row.secondFactorActive, required: requiresSecondFactor(row.grants) }
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
