import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database'
import { loginChallenges, recoveryCodes, secondFactors } from './auth.tables'

export type SecondFactorRow = typeof secondFactors.$inferSelect

export const secondFactorRepo = {
  async find(ex: Executor, userId: string): Promise<SecondFactorRow | undefined> {
    const [row] = await ex.select().from(secondFactors).where(eq(secondFactors.userId, userId))
    return row
  },

  async isActive(ex: Executor, userId: string): Promise<boolean> {
    const row = await secondFactorRepo.find(ex, userId)
    return Boolean(row?.secret)
  },

  /** Keeps a new secret pending beside the active one (if any) until a code confirms it. */
  async setPending(ex: Executor, userId: string, pendingSecret: string): Promise<void> {
    await ex
      .insert(secondFactors)
      .values({ userId, pendingSecret, pendingSince: sql`now()` })
      .onConflictDoUpdate({
        target: secondFactors.userId,
        set: { pendingSecret, pendingSince: sql`now()`, updatedAt: sql`now()` },
      })
  },

  /** Makes the pending secret the active one, its confirming step the last used; false if it changed meanwhile. */
  async activate(ex: Executor, userId: string, pendingSecret: string, step: number): Promise<boolean> {
    const rows = await ex
      .update(secondFactors)
      .set({
        secret: pendingSecret,
        pendingSecret: null,
        pendingSince: null,
        activatedAt: sql`now()`,
        lastStep: step,
        updatedAt: sql`now()`,
      })
      .where(and(eq(secondFactors.userId, userId), eq(secondFactors.pendingSecret, pendingSecret)))
      .returning({ userId: secondFactors.userId })
    return rows.length > 0
  },

  /** Records the step of an accepted code, atomically: false when this or a later step was already used. */
  async spendStep(ex: Executor, userId: string, step: number): Promise<boolean> {
    const rows = await ex
      .update(secondFactors)
      .set({ lastStep: step })
      .where(
        and(
          eq(secondFactors.userId, userId),
          or(isNull(secondFactors.lastStep), lt(secondFactors.lastStep, step)),
        ),
      )
      .returning({ userId: secondFactors.userId })
    return rows.length > 0
  },

  /** Removes the factor and its recovery codes; true when there was an active one. */
  async remove(ex: Executor, userId: string): Promise<boolean> {
    await ex.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    const rows = await ex
      .delete(secondFactors)
      .where(eq(secondFactors.userId, userId))
      .returning({ secret: secondFactors.secret })
    return rows.some((r) => r.secret !== null)
  },

  async replaceRecoveryCodes(ex: Executor, userId: string, codeHashes: string[]): Promise<void> {
    await ex.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    await ex.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ codeHash, userId })))
  },

  /** Spends a recovery code, atomically: false when it is unknown, someone else's, or already used. */
  async spendRecoveryCode(ex: Executor, userId: string, codeHash: string): Promise<boolean> {
    const rows = await ex
      .update(recoveryCodes)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(recoveryCodes.codeHash, codeHash),
          eq(recoveryCodes.userId, userId),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ codeHash: recoveryCodes.codeHash })
    return rows.length > 0
  },

  async insertChallenge(
    ex: Executor,
    row: { tokenHash: string; userId: string; ip: string; expiresAt: Date },
  ): Promise<void> {
    await ex.insert(loginChallenges).values(row)
  },

  /** A challenge still open for this address, or undefined. */
  async findOpenChallenge(ex: Executor, tokenHash: string, ip: string) {
    const [row] = await ex
      .select()
      .from(loginChallenges)
      .where(
        and(
          eq(loginChallenges.tokenHash, tokenHash),
          eq(loginChallenges.ip, ip),
          isNull(loginChallenges.usedAt),
          gt(loginChallenges.expiresAt, sql`now()`),
        ),
      )
    return row
  },

  /** Spends a challenge, atomically: false when another request spent it first. */
  async spendChallenge(ex: Executor, tokenHash: string): Promise<boolean> {
    const rows = await ex
      .update(loginChallenges)
      .set({ usedAt: sql`now()` })
      .where(and(eq(loginChallenges.tokenHash, tokenHash), isNull(loginChallenges.usedAt)))
      .returning({ tokenHash: loginChallenges.tokenHash })
    return rows.length > 0
  },

  /** Forgets challenges that ended over a day ago, so the table stays small. */
  async pruneChallenges(ex: Executor): Promise<void> {
    await ex.delete(loginChallenges).where(lt(loginChallenges.expiresAt, sql`now() - interval '1 day'`))
  },
}
