import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db, Executor } from '../../db/database'
import { secondFactors, sessions, users } from './auth.tables'
import { type GrantView, grantsJson, toGrantViews } from './roles.repo'
import type { UserRow } from './users.repo'

export type SessionRow = typeof sessions.$inferSelect

export interface SessionActorRow {
  session: Pick<SessionRow, 'id' | 'lastSeenAt' | 'expiresAt' | 'createdAt'>
  user: Pick<UserRow, 'id' | 'username' | 'displayName' | 'status' | 'mustChangePassword'>
  grants: GrantView[]
  secondFactorActive: boolean
}

function liveSessionQuery(db: Db) {
  return db
    .select({
      session: {
        id: sessions.id,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        createdAt: sessions.createdAt,
      },
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        status: users.status,
        mustChangePassword: users.mustChangePassword,
      },
      grants: grantsJson,
      secondFactorActive: sql<boolean>`exists (select 1 from ${secondFactors}
        where ${secondFactors.userId} = ${users.id} and ${secondFactors.secret} is not null)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${sql.placeholder('idleMinutes')})`,
        eq(users.status, 'active'),
      ),
    )
    .prepare('auth_find_live_session')
}

const liveSessionStatements = new WeakMap<Db, ReturnType<typeof liveSessionQuery>>()

export const sessionsRepo = {
  async insert(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
    await ex.insert(sessions).values(row)
  },

  /**
   * The live session for a token hash with its user and grants, in one round trip. It runs on every
   * authenticated request, so it is a named prepared statement: built once, planned once per connection.
   */
  async findLive(db: Db, tokenHash: string, idleMinutes: number): Promise<SessionActorRow | undefined> {
    let statement = liveSessionStatements.get(db)
    if (!statement) {
      statement = liveSessionQuery(db)
      liveSessionStatements.set(db, statement)
    }
    const [row] = await statement.execute({ tokenHash, idleMinutes })
    return row
      ? {
          session: row.session,
          user: row.user,
          grants: toGrantViews(row.grants),
          secondFactorActive: row.secondFactorActive,
        }
      : undefined
  },

  async touch(ex: Executor, id: string): Promise<void> {
    await ex.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id))
  },

  async revoke(ex: Executor, id: string): Promise<void> {
    await ex
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
  },

  /** Revokes every live session of a user except `keep`; returns how many. */
  async revokeOfUser(ex: Executor, userId: string, keep?: string): Promise<number> {
    const rows = await ex
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > now()`,
          keep ? sql`${sessions.id} <> ${keep}` : undefined,
        ),
      )
      .returning({ id: sessions.id })
    return rows.length
  },

  async liveCounts(ex: Executor, userIds: string[], idleMinutes: number): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map()
    const rows = await ex
      .select({ userId: sessions.userId, n: sql<number>`count(*)::int` })
      .from(sessions)
      .where(
        and(
          inArray(sessions.userId, userIds),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > now()`,
          sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${idleMinutes})`,
        ),
      )
      .groupBy(sessions.userId)
    return new Map(rows.map((r) => [r.userId, Number(r.n)]))
  },
}
