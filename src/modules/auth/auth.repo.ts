import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { type Db, type Executor, queryRows } from '../../db/database'
import type { Actor, Grant, Scope } from '../../lib/context'
import { likeContains } from '../../lib/like'
import { apiKeys, roleGrants, roles, secondFactors, sessions, users } from './auth.tables'

export type UserRow = typeof users.$inferSelect
export type RoleRow = typeof roles.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export type ApiKeyRow = typeof apiKeys.$inferSelect

export interface GrantView {
  id: string
  roleId: string
  roleKey: string
  roleNameZh: string
  roleNameEn: string
  permissions: string[]
  scope: Scope
}

interface GrantJson {
  id: string
  role_id: string
  key: string
  name_zh: string
  name_en: string
  permissions: string[]
  scope_type: 'grid' | 'department'
  scope_grid_path: string | null
  scope_department_id: string | null
}

const scopeOf = (type: string, gridPath: string | null, departmentId: string | null): Scope =>
  type === 'department'
    ? { type: 'department', id: departmentId ?? '' }
    : { type: 'grid', path: gridPath ?? '' }

export const scopeColumns = (scope: Scope) =>
  scope.type === 'grid'
    ? { scopeType: 'grid', scopeGridPath: scope.path, scopeDepartmentId: null }
    : { scopeType: 'department', scopeGridPath: null, scopeDepartmentId: scope.id }

const grantsJson = sql<GrantJson[] | null>`(
  select json_agg(json_build_object('id', g.id, 'role_id', r.id, 'key', r.key, 'name_zh', r.name_zh, 'name_en', r.name_en,
    'permissions', r.permissions, 'scope_type', g.scope_type, 'scope_grid_path', g.scope_grid_path::text,
    'scope_department_id', g.scope_department_id) order by g.created_at)
  from role_grants g join roles r on r.id = g.role_id where g.user_id = "users"."id")`

function toGrantViews(rows: GrantJson[] | null): GrantView[] {
  return (rows ?? []).map((g) => ({
    id: g.id,
    roleId: g.role_id,
    roleKey: g.key,
    roleNameZh: g.name_zh,
    roleNameEn: g.name_en,
    permissions: g.permissions,
    scope: scopeOf(g.scope_type, g.scope_grid_path, g.scope_department_id),
  }))
}

/** Users holding at least one grant inside one of these scopes (a grid subtree or a department). */
function holdsGrantWithin(scopes: Scope[]) {
  const paths = scopes.flatMap((s) => (s.type === 'grid' ? [s.path] : []))
  const departments = scopes.flatMap((s) => (s.type === 'department' ? [s.id] : []))
  const pathList = paths.length
    ? sql.join(
        paths.map((p) => sql`${p}::ltree`),
        sql`, `,
      )
    : sql`null::ltree`
  const deptList = departments.length
    ? sql.join(
        departments.map((d) => sql`${d}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`
  return sql`exists (select 1 from role_grants w where w.user_id = "users"."id"
    and (w.scope_grid_path <@ any(array[${pathList}]) or w.scope_department_id = any(array[${deptList}])))`
}

export const toGrants = (views: GrantView[]): Grant[] =>
  views.map((g) => ({ roleKey: g.roleKey, permissions: g.permissions, scope: g.scope }))

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

export const authRepo = {
  // ── users ──
  async findUserByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
    const [row] = await ex.select().from(users).where(sql`lower(${users.username}) = lower(${username})`)
    return row
  },

  async findUser(ex: Executor, id: string): Promise<UserRow | undefined> {
    const [row] = await ex.select().from(users).where(eq(users.id, id))
    return row
  },

  async countUsers(ex: Executor): Promise<number> {
    const [row] = await ex.select({ n: sql<number>`count(*)::int` }).from(users)
    return Number(row?.n ?? 0)
  },

  async insertUser(ex: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
    const [created] = await ex.insert(users).values(row).returning()
    if (!created) throw new Error('insert returned no row')
    return created
  },

  async updateUser(
    ex: Executor,
    id: string,
    patch: Partial<typeof users.$inferInsert>,
  ): Promise<UserRow | undefined> {
    const [row] = await ex
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning()
    return row
  },

  async listUsers(
    ex: Executor,
    q: { search?: string; status?: string; limit: number; offset: number; within?: Scope[] },
  ): Promise<{ rows: (UserRow & { grants: GrantView[] })[]; total: number }> {
    const where = and(
      q.within ? holdsGrantWithin(q.within) : undefined,
      q.search
        ? or(
            likeContains(users.username, q.search, { ilike: true }),
            likeContains(users.displayName, q.search, { ilike: true }),
          )
        : undefined,
      q.status ? eq(users.status, q.status) : undefined,
    )
    const rows = await ex
      .select({ user: users, grants: grantsJson })
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(q.limit)
      .offset(q.offset)
    const [count] = await ex.select({ n: sql<number>`count(*)::int` }).from(users).where(where)
    return {
      rows: rows.map((r) => ({ ...r.user, grants: toGrantViews(r.grants) })),
      total: Number(count?.n ?? 0),
    }
  },

  /** Active users holding this role over the whole deployment. */
  async countRootHolders(ex: Executor, roleId: string): Promise<number> {
    const [row] = await ex
      .select({ n: sql<number>`count(*)::int` })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(
        and(
          eq(roleGrants.roleId, roleId),
          eq(roleGrants.scopeType, 'grid'),
          sql`${roleGrants.scopeGridPath} = ''::ltree`,
          eq(users.status, 'active'),
        ),
      )
    return Number(row?.n ?? 0)
  },

  async grantsOfUser(ex: Executor, userId: string): Promise<GrantView[]> {
    const [row] = await ex.select({ grants: grantsJson }).from(users).where(eq(users.id, userId))
    return toGrantViews(row?.grants ?? null)
  },

  // ── roles and grants ──
  async listRoles(ex: Executor): Promise<RoleRow[]> {
    return ex.select().from(roles).orderBy(sql`${roles.builtin} desc`, asc(roles.createdAt), asc(roles.key))
  },

  async findRole(ex: Executor, id: string): Promise<RoleRow | undefined> {
    const [row] = await ex.select().from(roles).where(eq(roles.id, id))
    return row
  },

  async findRoleByKey(ex: Executor, key: string): Promise<RoleRow | undefined> {
    const [row] = await ex.select().from(roles).where(eq(roles.key, key))
    return row
  },

  async upsertRole(ex: Executor, row: typeof roles.$inferInsert): Promise<RoleRow> {
    const [saved] = await ex
      .insert(roles)
      .values(row)
      .onConflictDoUpdate({
        target: roles.key,
        set: { nameZh: row.nameZh, nameEn: row.nameEn, permissions: row.permissions, builtin: row.builtin },
      })
      .returning()
    if (!saved) throw new Error('upsert returned no row')
    return saved
  },

  async insertRole(ex: Executor, row: typeof roles.$inferInsert): Promise<RoleRow> {
    const [saved] = await ex.insert(roles).values(row).returning()
    if (!saved) throw new Error('insert returned no row')
    return saved
  },

  async updateRole(
    ex: Executor,
    id: string,
    patch: Partial<typeof roles.$inferInsert>,
  ): Promise<RoleRow | undefined> {
    const [row] = await ex.update(roles).set(patch).where(eq(roles.id, id)).returning()
    return row
  },

  async deleteRole(ex: Executor, id: string): Promise<void> {
    await ex.delete(roles).where(eq(roles.id, id))
  },

  /** Granted to someone, or named by an API key (revoked keys keep their role for the record). */
  async roleInUse(ex: Executor, id: string): Promise<boolean> {
    const [g] = await ex
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(eq(roleGrants.roleId, id))
      .limit(1)
    const [k] = await ex.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.roleId, id)).limit(1)
    return !!g || !!k
  },

  /**
   * The people a role's permissions reach: its holders, and the creators of live API keys naming it
   * (a key acts for its creator); each with the permissions of their other grants.
   */
  async peopleReachedByRole(ex: Executor, roleId: string): Promise<{ userId: string; holds: string[] }[]> {
    const rows = await queryRows<{ user_id: string; holds: string[] | null }>(
      ex,
      sql`with reached as (
          select user_id from role_grants where role_id = ${roleId}
          union select created_by from api_keys where role_id = ${roleId} and revoked_at is null and created_by is not null)
        select p.user_id, (select array_agg(distinct perm) from role_grants g join roles r on r.id = g.role_id,
            unnest(r.permissions) as perm where g.user_id = p.user_id and g.role_id <> ${roleId}) as holds
        from reached p`,
    )
    return rows.map((r) => ({ userId: r.user_id, holds: r.holds ?? [] }))
  },

  /** Holds the user's row until the transaction ends: grants to one user are checked one at a time. */
  async lockUser(ex: Executor, id: string): Promise<void> {
    await ex.execute(sql`select id from users where id = ${id} for update`)
  },

  async insertGrant(ex: Executor, row: typeof roleGrants.$inferInsert): Promise<void> {
    await ex.insert(roleGrants).values(row)
  },

  async findGrant(ex: Executor, userId: string, grantId: string) {
    const [row] = await ex
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)))
    return row
  },

  async deleteGrant(ex: Executor, grantId: string): Promise<void> {
    await ex.delete(roleGrants).where(eq(roleGrants.id, grantId))
  },

  // ── sessions ──
  async insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
    await ex.insert(sessions).values(row)
  },

  /** The live session for a token hash with its user and grants, in one round trip. */
  /**
   * The live session for a token hash with its user and grants, in one round trip. It runs on every
   * authenticated request, so it is a named prepared statement: built once, planned once per connection.
   */
  async findLiveSession(
    db: Db,
    tokenHash: string,
    idleMinutes: number,
  ): Promise<SessionActorRow | undefined> {
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

  async touchSession(ex: Executor, id: string): Promise<void> {
    await ex.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id))
  },

  async revokeSession(ex: Executor, id: string): Promise<void> {
    await ex
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
  },

  /** Revokes every live session of a user except `keep`; returns how many. */
  async revokeUserSessions(ex: Executor, userId: string, keep?: string): Promise<number> {
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

  async liveSessionCounts(
    ex: Executor,
    userIds: string[],
    idleMinutes: number,
  ): Promise<Map<string, number>> {
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

  // ── API keys ──
  async insertApiKey(ex: Executor, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
    const [saved] = await ex.insert(apiKeys).values(row).returning()
    if (!saved) throw new Error('insert returned no row')
    return saved
  },

  async listApiKeys(ex: Executor): Promise<(ApiKeyRow & { roleKey: string })[]> {
    const rows = await ex
      .select({ key: apiKeys, roleKey: roles.key })
      .from(apiKeys)
      .innerJoin(roles, eq(roles.id, apiKeys.roleId))
      .orderBy(sql`${apiKeys.createdAt} desc`)
    return rows.map((r) => ({ ...r.key, roleKey: r.roleKey }))
  },

  async findApiKey(ex: Executor, id: string): Promise<ApiKeyRow | undefined> {
    const [row] = await ex.select().from(apiKeys).where(eq(apiKeys.id, id))
    return row
  },

  /** The person acting: a user, or the creator of an API key (null for the system or a key made by it). */
  async personBehind(ex: Executor, actor: Actor | null): Promise<string | null> {
    if (actor?.type === 'user') return actor.id
    if (actor?.type !== 'api_key') return null
    return (await authRepo.findApiKey(ex, actor.id))?.createdBy ?? null
  },

  async findLiveApiKey(ex: Executor, keyHash: string) {
    const [row] = await ex
      .select({ key: apiKeys, role: roles })
      .from(apiKeys)
      .innerJoin(roles, eq(roles.id, apiKeys.roleId))
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    return row
  },

  async touchApiKey(ex: Executor, id: string): Promise<void> {
    await ex.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, id))
  },

  async revokeApiKey(ex: Executor, id: string): Promise<void> {
    await ex
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
  },

  scopeOf,
}
