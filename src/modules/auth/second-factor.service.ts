import type { RequestContext } from '../../lib/context'
import type { DataCipher } from '../../lib/crypto'
import { badRequest, forbidden, notFound, unauthorized } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { sha256Hex } from '../../lib/tokens'
import { recordAudit } from '../audit/audit.service'
import { apiKeysRepo } from './apikeys.repo'
import { may, mayAssign, mayManageUser } from './auth.policy'
import { grantsRepo, toGrants } from './roles.repo'
import { secondFactorRepo } from './second-factor.repo'
import { enrolmentOf, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, stepOfCode } from './totp'
import { usersRepo } from './users.repo'

/** An enrolment not confirmed within this time must start again. */
const PENDING_MINUTES = 15

export function createSecondFactorService(deps: ServiceDeps, cipher: DataCipher) {
  const { db } = deps

  function signedInUser(ctx: RequestContext) {
    const actor = ctx.actor
    if (actor?.type !== 'user') throw unauthorized('auth.unauthenticated', 'Sign in as a user first')
    return actor
  }

  return {
    /** A new secret for the signed-in user, kept pending (encrypted) until a code confirms it. */
    async enrol(ctx: RequestContext): Promise<{ secret: string; uri: string; qr: string }> {
      const actor = signedInUser(ctx)
      const secret = newTotpSecret()
      await inTransaction(deps, (tx) => secondFactorRepo.setPending(tx, actor.id, cipher.encrypt(secret)))
      return { secret, ...(await enrolmentOf(secret, actor.name)) }
    },

    /** A right code makes the pending secret the active one; answers ten recovery codes, shown this once. */
    async confirm(ctx: RequestContext, code: string): Promise<{ recoveryCodes: string[] }> {
      const actor = signedInUser(ctx)
      const factor = await secondFactorRepo.find(db, actor.id)
      const fresh =
        factor?.pendingSecret &&
        factor.pendingSince &&
        Date.now() - factor.pendingSince.getTime() < PENDING_MINUTES * 60_000
      if (!factor?.pendingSecret || !fresh)
        throw badRequest('auth.second_factor_not_enrolling', 'Start the enrolment again')
      const step = stepOfCode(cipher.decrypt(factor.pendingSecret), code)
      if (step === null)
        throw badRequest('auth.second_factor_invalid', 'The code is wrong or was already used')
      const recoveryCodes = newRecoveryCodes()
      await inTransaction(deps, async (tx) => {
        if (!(await secondFactorRepo.activate(tx, actor.id, factor.pendingSecret as string, step)))
          throw badRequest('auth.second_factor_not_enrolling', 'Start the enrolment again')
        await secondFactorRepo.replaceRecoveryCodes(
          tx,
          actor.id,
          recoveryCodes.map((c) => sha256Hex(normaliseRecoveryCode(c))),
        )
        await recordAudit(tx, ctx, {
          action: 'auth.second_factor_enabled',
          resourceType: 'user',
          resourceId: actor.id,
          summary: { replaced: Boolean(factor.secret), recoveryCodes: recoveryCodes.length },
        })
      })
      return { recoveryCodes }
    },

    /**
     * Removes a user's factor (a lost phone) so they enrol again: the security administrator over the
     * user's scopes (三员分立), or whoever manages the user. Never one's own.
     */
    async reset(ctx: RequestContext, userId: string): Promise<void> {
      const user = await usersRepo.find(db, userId)
      if (!user) throw notFound('user.not_found', 'No such user')
      const grants = toGrants(await grantsRepo.ofUser(db, userId))
      const person = await apiKeysRepo.personBehind(db, ctx.actor)
      const target = { userId, grants }
      const bySecurityAdmin =
        grants.length === 0
          ? may(ctx.actor, 'grant.manage') && person !== userId
          : grants.every((g) => mayAssign(ctx.actor, person, target, g))
      if (!bySecurityAdmin && !mayManageUser(ctx.actor, grants))
        throw forbidden('auth.forbidden', 'You may not manage this user')
      await inTransaction(deps, async (tx) => {
        const removed = await secondFactorRepo.remove(tx, userId)
        if (!removed) throw notFound('auth.second_factor_not_found', 'This user has no second factor')
        await recordAudit(tx, ctx, {
          action: 'auth.second_factor_reset',
          resourceType: 'user',
          resourceId: userId,
        })
      })
    },
  }
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>
