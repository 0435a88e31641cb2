import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { locked } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordAudit } from '../audit/audit.service'
import { outboxRepo } from '../outbox/outbox.repo'
import { type ThrottleSettings, throttleRepo } from './login-throttle.repo'
import { burnPasswordCheck, verifyPassword } from './password'
import { throttleAccountKey, throttleSourceOf } from './throttle-keys'
import { type UserRow, usersRepo } from './users.repo'

export interface AttemptSettings {
  throttle: ThrottleSettings
  /** Key of the keyed hash that names an account in the throttle (from the data key). */
  throttleSecret: Buffer
}

/** A waiting source or a locked account: one answer, whether or not the username exists. */
export const lockedProblem = (seconds: number) =>
  locked('auth.locked', 'Too many failed password attempts: try again later', Math.max(1, seconds))

/** Password and code attempts under the sign-in throttle: counted, audited, waited and locked. */
export function createPasswordAttempts(deps: ServiceDeps, settings: AttemptSettings) {
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

  return {
    accountKey,
    auditRefusal,
    attemptPassword,
    reserveAttempt,
    countFailure,
    /** Lifts every wait and lock on the account (a password reset), in the caller's transaction. */
    liftLocks: (ex: Executor, username: string) => throttleRepo.clear(ex, accountKey(username)),
  }
}

export type PasswordAttempts = ReturnType<typeof createPasswordAttempts>
