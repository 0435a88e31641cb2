import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db, Executor } from '../../db/database'
import { secondFactors, sessions, users } from './auth.tables'
import { type GrantView, grantsJson, toGrantViews } from './roles.repo'
import type { UserRow } from './users.repo'

export type SessionRow = typeof sessions.$inferSelect

/** How long a session may stay unused, by kind: the desk's minutes, a field device's days. */
export interface IdleLimits {
  idleMinutes: number
  deviceIdleDays: number
}

/** `last_seen_at` within the idle limit of the session's own kind. */
const notIdle = (idleMinutes: unknown, deviceIdleDays: unknown) =>
  sql`${sessions.lastSeenAt} > now() - case when ${sessions.kind} = 'device'
    then make_interval(days => ${deviceIdleDays}) else make_interval(mins => ${idleMinutes}) end`

export interface SessionActorRow {
  session: Pick<SessionRow, 'id' | 'lastSeenAt' | 'expiresAt' | 'createdAt' | 'kind'>
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
        kind: sessions.kind,
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
        notIdle(sql.placeholder('idleMinutes'), sql.placeholder('deviceIdleDays')),
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
  async findLive(db: Db, tokenHash: string, limits: IdleLimits): Promise<SessionActorRow | undefined> {
    let statement = liveSessionStatements.get(db)
    if (!statement) {
      statement = liveSessionQuery(db)
      liveSessionStatements.set(db, statement)
    }
    const [row] = await statement.execute({ tokenHash, ...limits })
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

  async liveCounts(ex: Executor, userIds: string[], limits: IdleLimits): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map()
    const rows = await ex
      .select({ userId: sessions.userId, n: sql<number>`count(*)::int` })
      .from(sessions)
      .where(
        and(
          inArray(sessions.userId, userIds),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > now()`,
          notIdle(limits.idleMinutes, limits.deviceIdleDays),
        ),
      )
      .groupBy(sessions.userId)
    return new Map(rows.map((r) => [r.userId, Number(r.n)]))
  },

  /** A user's live device sessions, the most recently seen first. */
  liveDevices(ex: Executor, userId: string, limits: IdleLimits) {
    return ex
      .select({
        id: sessions.id,
        deviceName: sessions.deviceName,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          eq(sessions.kind, 'device'),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > now()`,
          notIdle(limits.idleMinutes, limits.deviceIdleDays),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.id))
  },

  /** One live device session, with its user (to decide who may end it). */
  async liveDevice(ex: Executor, id: string, limits: IdleLimits) {
    const [row] = await ex
      .select({ id: sessions.id, userId: sessions.userId, deviceName: sessions.deviceName })
      .from(sessions)
      .where(
        and(
          eq(sessions.id, id),
          eq(sessions.kind, 'device'),
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > now()`,
          notIdle(limits.idleMinutes, limits.deviceIdleDays),
        ),
      )
    return row
  },
}
