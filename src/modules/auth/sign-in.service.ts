import type { Executor } from '../../db/database'
import type { Actor, RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { forbidden, Problem, unauthorized } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { newSecret, sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { mayHoldDeviceSession } from './auth.policy'
import { toMe } from './auth.presenter'
import type { Me } from './auth.schema'
import { throttleRepo } from './login-throttle.repo'
import { lockedProblem, type PasswordAttempts } from './password-attempts'
import { grantsRepo, toGrants } from './roles.repo'
import { secondFactorRepo } from './second-factor.repo'
import { sessionsRepo } from './sessions.repo'
import { throttleSourceOf } from './throttle-keys'
import { normaliseRecoveryCode, stepOfCode } from './totp'
import { type UserRow, usersRepo } from './users.repo'

export interface SignInSettings {
  absoluteHours: number
  /** The absolute limit of a device session (the field app), in days. */
  deviceDays: number
  /** Holders of these roles must enrol a second factor before doing anything else. */
  secondFactorRoles: readonly string[]
  /** Opens a stored second-factor secret (the data cipher). */
  decrypt: (stored: string) => string
}

/** Minutes between a right password and the code that completes the sign-in. */
const CHALLENGE_MINUTES = 5

export type SecondFactorProof = { code: string } | { recoveryCode: string }

/** What the sign-in came with: the browser's user agent, and the device's name for a device session. */
export interface SignInClient {
  userAgent: string | null
  device?: { name: string }
}

const invalidCredentials = () => unauthorized('auth.invalid_credentials', 'Wrong username or password')
const invalidChallenge = () =>
  unauthorized('auth.challenge_invalid', 'The sign-in step has expired or is not yours: sign in again')
const wrongCode = () => unauthorized('auth.second_factor_invalid', 'The code is wrong or was already used')

/** Whether one of these grants' roles requires a second factor. */
export const requiresSecondFactor = (settings: SignInSettings, grants: readonly { roleKey: string }[]) =>
  grants.some((g) => settings.secondFactorRoles.includes(g.roleKey))

/** Signing in: a password, then a code when the user has a second factor; each ends in a new session. */
export function createSignInService(deps: ServiceDeps, settings: SignInSettings, attempts: PasswordAttempts) {
  const { db } = deps
  const { accountKey, attemptPassword, auditRefusal, countFailure, reserveAttempt } = attempts

  /** Whether the user's factor is active and whether one of their roles requires one. */
  async function secondFactorOf(ex: Executor, userId: string, grants: readonly { roleKey: string }[]) {
    return {
      active: await secondFactorRepo.isActive(ex, userId),
      required: requiresSecondFactor(settings, grants),
    }
  }

  /** Starts a session for a user who proved who they are; the token goes into the cookie and nowhere else. */
  async function openSession(
    ctx: RequestContext,
    user: UserRow,
    client: SignInClient,
    secondFactor?: 'code' | 'recovery_code',
  ): Promise<{ token: string; me: Me; maxAgeSeconds: number }> {
    const token = newSecret()
    const sessionId = uuidv7()
    const device = client.device
    const maxAgeSeconds = device ? settings.deviceDays * 86_400 : settings.absoluteHours * 3600
    const expiresAt = new Date(Date.now() + maxAgeSeconds * 1000)
    const actor: Actor = { type: 'user', id: user.id, name: user.username, grants: [] }
    const me = await inTransaction(deps, async (tx) => {
      if (device && !mayHoldDeviceSession(toGrants(await grantsRepo.ofUser(tx, user.id))))
        throw forbidden(
          'auth.device_not_allowed',
          'Device sessions are for field workers who manage nobody: sign in without a device name',
        )
      await sessionsRepo.insert(tx, {
        id: sessionId,
        userId: user.id,
        tokenHash: sha256Hex(token),
        expiresAt,
        ip: ctx.ip,
        userAgent: client.userAgent?.slice(0, 256) ?? null,
        kind: device ? 'device' : 'browser',
        deviceName: device?.name ?? null,
      })
      await recordAudit(
        tx,
        { ...ctx, actor },
        {
          action: 'auth.login',
          resourceType: 'session',
          resourceId: sessionId,
          summary: { ...(secondFactor ? { secondFactor } : {}), ...(device ? { kind: 'device' } : {}) },
        },
      )
      const grants = await grantsRepo.ofUser(tx, user.id)
      return toMe(user, grants, await secondFactorOf(tx, user.id, grants))
    })
    return { token, me, maxAgeSeconds }
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
    /**
     * Checks the password and opens a session. A user with an active second factor gets instead
     * `401 auth.second_factor_required` with a challenge for `completeSecondFactor`; their password
     * attempt stays counted by the throttle until the code is right, so guessing codes is throttled too.
     */
    async login(
      ctx: RequestContext,
      username: string,
      password: string,
      client: SignInClient = { userAgent: null },
    ): Promise<{ token: string; me: Me; maxAgeSeconds: number }> {
      const user = await attemptPassword(ctx, username, password, undefined, false)
      if (user?.status !== 'active') throw invalidCredentials()
      if (!(await secondFactorRepo.isActive(db, user.id))) {
        await throttleRepo.succeed(db, accountKey(user.username), throttleSourceOf(ctx.ip))
        return openSession(ctx, user, client)
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
      client: SignInClient = { userAgent: null },
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
      return openSession(ctx, user, client, 'recoveryCode' in proof ? 'recovery_code' : 'code')
    },
  }
}
