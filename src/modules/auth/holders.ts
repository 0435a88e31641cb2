import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import type { Permission } from './permissions'

/**
 * The active users who hold a permission over a place, nearest first: for a grid path, those whose
 * grant is scoped to the deepest grid covering it (the community's chief before the street's, and the
 * whole deployment only when nobody nearer holds it); for a department, its staff. Whom to tell.
 */
export async function nearestHolders(
  ex: Executor,
  permission: Permission,
  target: { gridPath: string } | { departmentId: string },
): Promise<string[]> {
  const holds = sql`(r.permissions @> array[${permission}]::text[] or r.permissions @> array['*']::text[])`
  if ('departmentId' in target) {
    const rows = await queryRows<{ user_id: string }>(
      ex,
      sql`select distinct g.user_id from role_grants g join roles r on r.id = g.role_id join users u on u.id = g.user_id
        where u.status = 'active' and ${holds} and g.scope_type = 'department' and g.scope_department_id = ${target.departmentId}`,
    )
    return rows.map((r) => r.user_id)
  }
  const rows = await queryRows<{ user_id: string }>(
    ex,
    sql`with covering as (
        select g.user_id, nlevel(g.scope_grid_path) as depth from role_grants g
        join roles r on r.id = g.role_id join users u on u.id = g.user_id
        where u.status = 'active' and ${holds} and g.scope_type = 'grid' and g.scope_grid_path @> ${target.gridPath}::ltree)
      select distinct user_id from covering where depth = (select max(depth) from covering)`,
  )
  return rows.map((r) => r.user_id)
}
