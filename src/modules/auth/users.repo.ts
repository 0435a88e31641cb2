import { and, asc, eq, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database'
import type { Scope } from '../../lib/context'
import { likeContains } from '../../lib/like'
import { users } from './auth.tables'
import { type GrantView, grantsJson, toGrantViews } from './roles.repo'

export type UserRow = typeof users.$inferSelect

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

export const usersRepo = {
  async findByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
    const [row] = await ex.select().from(users).where(sql`lower(${users.username}) = lower(${username})`)
    return row
  },

  async find(ex: Executor, id: string): Promise<UserRow | undefined> {
    const [row] = await ex.select().from(users).where(eq(users.id, id))
    return row
  },

  async count(ex: Executor): Promise<number> {
    const [row] = await ex.select({ n: sql<number>`count(*)::int` }).from(users)
    return Number(row?.n ?? 0)
  },

  async insert(ex: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
    const [created] = await ex.insert(users).values(row).returning()
    if (!created) throw new Error('insert returned no row')
    return created
  },

  async update(
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

  async list(
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

  /** Holds the user's row until the transaction ends: grants to one user are checked one at a time. */
  async lock(ex: Executor, id: string): Promise<void> {
    await ex.execute(sql`select id from users where id = ${id} for update`)
  },
}
