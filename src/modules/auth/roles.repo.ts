import { and, asc, eq, sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import type { Grant, Scope } from '../../lib/context'
import { apiKeys, roleGrants, roles, users } from './auth.tables'

export type RoleRow = typeof roles.$inferSelect

export interface GrantView {
  id: string
  roleId: string
  roleKey: string
  roleNameZh: string
  roleNameEn: string
  permissions: string[]
  scope: Scope
}

export interface GrantJson {
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

export const scopeOf = (type: string, gridPath: string | null, departmentId: string | null): Scope =>
  type === 'department'
    ? { type: 'department', id: departmentId ?? '' }
    : { type: 'grid', path: gridPath ?? '' }

export const scopeColumns = (scope: Scope) =>
  scope.type === 'grid'
    ? { scopeType: 'grid', scopeGridPath: scope.path, scopeDepartmentId: null }
    : { scopeType: 'department', scopeGridPath: null, scopeDepartmentId: scope.id }

/** The grants of the `users` row in the enclosing statement, with their roles, as one JSON column. */
export const grantsJson = sql<GrantJson[] | null>`(
  select json_agg(json_build_object('id', g.id, 'role_id', r.id, 'key', r.key, 'name_zh', r.name_zh, 'name_en', r.name_en,
    'permissions', r.permissions, 'scope_type', g.scope_type, 'scope_grid_path', g.scope_grid_path::text,
    'scope_department_id', g.scope_department_id) order by g.created_at)
  from role_grants g join roles r on r.id = g.role_id where g.user_id = "users"."id")`

export function toGrantViews(rows: GrantJson[] | null): GrantView[] {
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

export const toGrants = (views: GrantView[]): Grant[] =>
  views.map((g) => ({ roleKey: g.roleKey, permissions: g.permissions, scope: g.scope }))

export const rolesRepo = {
  async list(ex: Executor): Promise<RoleRow[]> {
    return ex.select().from(roles).orderBy(sql`${roles.builtin} desc`, asc(roles.createdAt), asc(roles.key))
  },

  async find(ex: Executor, id: string): Promise<RoleRow | undefined> {
    const [row] = await ex.select().from(roles).where(eq(roles.id, id))
    return row
  },

  async findByKey(ex: Executor, key: string): Promise<RoleRow | undefined> {
    const [row] = await ex.select().from(roles).where(eq(roles.key, key))
    return row
  },

  async upsert(ex: Executor, row: typeof roles.$inferInsert): Promise<RoleRow> {
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

  async insert(ex: Executor, row: typeof roles.$inferInsert): Promise<RoleRow> {
    const [saved] = await ex.insert(roles).values(row).returning()
    if (!saved) throw new Error('insert returned no row')
    return saved
  },

  async update(
    ex: Executor,
    id: string,
    patch: Partial<typeof roles.$inferInsert>,
  ): Promise<RoleRow | undefined> {
    const [row] = await ex.update(roles).set(patch).where(eq(roles.id, id)).returning()
    return row
  },

  async delete(ex: Executor, id: string): Promise<void> {
    await ex.delete(roles).where(eq(roles.id, id))
  },

  /** Granted to someone, or named by an API key (revoked keys keep their role for the record). */
  async inUse(ex: Executor, id: string): Promise<boolean> {
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
  async peopleReached(ex: Executor, roleId: string): Promise<{ userId: string; holds: string[] }[]> {
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
}

/** The distinct permissions of the user `u` of the enclosing statement, across their grants. */
const permissionsHeldBy = sql`(select array_agg(distinct perm) from role_grants g join roles r on r.id = g.role_id,
    unnest(r.permissions) as perm where g.user_id = u.id)`

/** The role `r` of the enclosing statement carries the permission (or every permission). */
const holdsPermission = (permission: string) =>
  sql`(r.permissions @> array[${permission}]::text[] or r.permissions @> array['*']::text[])`

/** A grant scoped to a department, with its holder and role. */
export interface DepartmentGrantRow {
  user_id: string
  username: string
  display_name: string
  status: string
  role: string
  role_zh: string
  role_en: string
}

export const grantsRepo = {
  async ofUser(ex: Executor, userId: string): Promise<GrantView[]> {
    const [row] = await ex.select({ grants: grantsJson }).from(users).where(eq(users.id, userId))
    return toGrantViews(row?.grants ?? null)
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

  async insert(ex: Executor, row: typeof roleGrants.$inferInsert): Promise<void> {
    await ex.insert(roleGrants).values(row)
  },

  async find(ex: Executor, userId: string, grantId: string) {
    const [row] = await ex
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)))
    return row
  },

  async delete(ex: Executor, grantId: string): Promise<void> {
    await ex.delete(roleGrants).where(eq(roleGrants.id, grantId))
  },

  async deleteMany(ex: Executor, grantIds: readonly string[]): Promise<void> {
    if (grantIds.length === 0) return
    await ex.execute(
      sql`delete from role_grants where id in (${sql.join(
        grantIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    )
  },

  /** The id of the user's grant of a role scoped to exactly this grid (at most one: a unique index). */
  async idInGrid(ex: Executor, userId: string, roleKey: string, gridPath: string): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      ex,
      sql`select g.id from role_grants g join roles r on r.id = g.role_id
        where g.user_id = ${userId} and r.key = ${roleKey} and g.scope_type = 'grid'
          and g.scope_grid_path = ${gridPath}::ltree`,
    )
    return row?.id ?? null
  },

  /**
   * Moves the grants scoped to one grid to another (a grid's succession); a grant the holder already
   * has there is dropped rather than doubled. Answers how many moved.
   */
  async moveGridScope(ex: Executor, fromPath: string, toPath: string): Promise<number> {
    await ex.execute(sql`delete from role_grants g
      where g.scope_type = 'grid' and g.scope_grid_path = ${fromPath}::ltree
        and exists (select 1 from role_grants h where h.user_id = g.user_id and h.role_id = g.role_id
          and h.scope_type = 'grid' and h.scope_grid_path = ${toPath}::ltree)`)
    const moved = await queryRows<{ id: string }>(
      ex,
      sql`update role_grants set scope_grid_path = ${toPath}::ltree
        where scope_type = 'grid' and scope_grid_path = ${fromPath}::ltree returning id`,
    )
    return moved.length
  },

  /** Users holding a role scoped to the department (its staff), by name. */
  async inDepartment(ex: Executor, departmentId: string): Promise<DepartmentGrantRow[]> {
    return queryRows(
      ex,
      sql`select u.id as user_id, u.username, u.display_name, u.status, r.key as role, r.name_zh as role_zh, r.name_en as role_en
        from role_grants g join users u on u.id = g.user_id join roles r on r.id = g.role_id
        where g.scope_type = 'department' and g.scope_department_id = ${departmentId}
        order by u.display_name, r.key`,
    )
  },

  /** Active users holding the permission in a grant scoped to the department. */
  async activeHoldersInDepartment(ex: Executor, permission: string, departmentId: string): Promise<string[]> {
    const rows = await queryRows<{ user_id: string }>(
      ex,
      sql`select distinct g.user_id from role_grants g join roles r on r.id = g.role_id join users u on u.id = g.user_id
        where u.status = 'active' and ${holdsPermission(permission)} and g.scope_type = 'department' and g.scope_department_id = ${departmentId}`,
    )
    return rows.map((r) => r.user_id)
  },

  /** Active users holding the permission in a grant scoped to the deepest grid covering the path. */
  async activeHoldersNearest(ex: Executor, permission: string, gridPath: string): Promise<string[]> {
    const rows = await queryRows<{ user_id: string }>(
      ex,
      sql`with covering as (
          select g.user_id, nlevel(g.scope_grid_path) as depth from role_grants g
          join roles r on r.id = g.role_id join users u on u.id = g.user_id
          where u.status = 'active' and ${holdsPermission(permission)} and g.scope_type = 'grid' and g.scope_grid_path @> ${gridPath}::ltree)
        select distinct user_id from covering where depth = (select max(depth) from covering)`,
    )
    return rows.map((r) => r.user_id)
  },

  /** The grid paths among `paths` that an active user holds no grant of `permission` over. */
  async pathsNotHeld(
    ex: Executor,
    userId: string,
    permission: string,
    paths: readonly string[],
  ): Promise<string[]> {
    if (!paths.length) return []
    const rows = await queryRows<{ path: string }>(
      ex,
      sql`select p.path::text as path from unnest(${pgTextArray(paths)}::ltree[]) as p(path)
        where not exists (select 1 from role_grants g join roles r on r.id = g.role_id join users u on u.id = g.user_id
          where g.user_id = ${userId} and u.status = 'active' and ${holdsPermission(permission)}
            and g.scope_type = 'grid' and g.scope_grid_path @> p.path)`,
    )
    return rows.map((r) => r.path)
  },

  /** Each user's permissions across their grants (the start-up's check of mixed duties). */
  async permissionsOfUsers(ex: Executor): Promise<{ name: string; holds: string[] }[]> {
    const rows = await queryRows<{ name: string; holds: string[] | null }>(
      ex,
      sql`select u.username as name, ${permissionsHeldBy} as holds from users u`,
    )
    return rows.map((r) => ({ name: r.name, holds: r.holds ?? [] }))
  },

  /** Each live API key's own permissions, and its creator's across their grants (a key acts for its creator). */
  async permissionsOfLiveKeys(ex: Executor): Promise<{ name: string; holds: string[]; own: string[] }[]> {
    const rows = await queryRows<{ name: string; holds: string[] | null; own: string[] }>(
      ex,
      sql`select k.name, ${permissionsHeldBy} as holds, r.permissions as own from api_keys k join roles r on r.id = k.role_id
        left join users u on u.id = k.created_by where k.revoked_at is null`,
    )
    return rows.map((r) => ({ name: r.name, holds: r.holds ?? [], own: r.own }))
  },
}
