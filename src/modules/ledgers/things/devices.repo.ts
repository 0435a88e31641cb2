import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import { likeContains } from '../../../lib/like'

export interface DeviceRow {
  id: string
  grid_id: string
  grid_code: string
  grid_name: string
  grid_path: string
  code: string
  kind: string
  name: string
  status: string
  lng: number | null
  lat: number | null
  owner_organization_id: string | null
  details: Record<string, unknown>
  version: number
}

export interface DeviceWrite {
  gridId: string
  gridPath: string
  kind: string
  name: string
  point: { lng: number; lat: number } | null
  ownerOrganizationId: string | null
  details: Record<string, unknown>
}

const SELECT = sql`select d.id, d.grid_id, g.code as grid_code, g.name as grid_name, d.grid_path::text as grid_path,
  d.code, d.kind, d.name, d.status, st_x(d.point) as lng, st_y(d.point) as lat, d.owner_organization_id, d.details, d.version
  from devices d join grids g on g.id = d.grid_id`

const pointOf = (p: { lng: number; lat: number } | null) =>
  p ? sql`st_setsrid(st_makepoint(${p.lng}, ${p.lat}), 4326)` : sql`null`

/** The device list's filters (alias `d`): the list and its export select the same rows. */
export interface DeviceFilter {
  within: string[] | null
  subtree?: string
  kind?: string
  status?: string
  q?: string
}

export function deviceFilters(q: DeviceFilter): SQL[] {
  const conditions: SQL[] = [sql`true ${andPathWithin(sql`d.grid_path`, q.within)}`]
  if (q.subtree) conditions.push(sql`d.grid_path <@ ${q.subtree}::ltree`)
  if (q.kind) conditions.push(sql`d.kind = ${q.kind}`)
  if (q.status) conditions.push(sql`d.status = ${q.status}`)
  if (q.q) conditions.push(sql`(${likeContains(sql`d.name`, q.q)} or d.code = ${q.q})`)
  return conditions
}

export const devicesRepo = {
  async list(ex: Executor, q: DeviceFilter & { cursor?: string; limit: number }) {
    const conditions = deviceFilters(q)
    if (q.cursor) conditions.push(sql`d.id < ${q.cursor}::uuid`)
    return queryRows<DeviceRow>(
      ex,
      sql`${SELECT} where ${sql.join(conditions, sql` and `)} order by d.id desc limit ${q.limit}`,
    )
  },

  async one(ex: Executor, id: string, within: string[] | null) {
    const [row] = await queryRows<DeviceRow>(
      ex,
      sql`${SELECT} where d.id = ${id}::uuid ${andPathWithin(sql`d.grid_path`, within)}`,
    )
    return row ?? null
  },

  /** The devices of these codes, wherever they are (an import's keys: the caller checks scope). */
  async byCodes(ex: Executor, codes: readonly string[]) {
    if (!codes.length) return []
    return queryRows<DeviceRow>(ex, sql`${SELECT} where d.code = any(${pgTextArray(codes)}::text[])`)
  },

  async codeTaken(ex: Executor, code: string) {
    const rows = await queryRows(ex, sql`select 1 from devices where code = ${code}`)
    return rows.length > 0
  },

  async insert(ex: Executor, id: string, code: string, w: DeviceWrite) {
    await ex.execute(sql`insert into devices (id, grid_id, grid_path, code, kind, name, owner_organization_id, point, details)
      values (${id}, ${w.gridId}, ${w.gridPath}::ltree, ${code}, ${w.kind}, ${w.name}, ${w.ownerOrganizationId},
      ${pointOf(w.point)}, ${JSON.stringify(w.details)}::jsonb)`)
  },

  async update(ex: Executor, id: string, version: number, w: DeviceWrite) {
    const rows = await queryRows(
      ex,
      sql`update devices set grid_id = ${w.gridId}, grid_path = ${w.gridPath}::ltree, kind = ${w.kind}, name = ${w.name},
        owner_organization_id = ${w.ownerOrganizationId}, point = ${pointOf(w.point)}, details = ${JSON.stringify(w.details)}::jsonb,
        version = version + 1 where id = ${id}::uuid and version = ${version} returning 1`,
    )
    return rows.length === 1
  },

  async setStatus(
    ex: Executor,
    id: string,
    change: { id: string; status: string; note: string | null; byUserId: string | null },
  ) {
    await ex.execute(
      sql`update devices set status = ${change.status}, version = version + 1 where id = ${id}::uuid`,
    )
    await ex.execute(sql`insert into device_status_changes (id, device_id, status, note, by_user_id)
      values (${change.id}, ${id}, ${change.status}, ${change.note}, ${change.byUserId})`)
  },

  async history(ex: Executor, id: string) {
    return queryRows<{ status: string; note: string | null; at: string; by: string | null }>(
      ex,
      sql`select c.status, c.note, c.at::text as at, u.display_name as by from device_status_changes c
        left join users u on u.id = c.by_user_id where c.device_id = ${id}::uuid order by c.at desc, c.id desc limit 100`,
    )
  },

  async remove(ex: Executor, id: string) {
    await ex.execute(sql`delete from device_status_changes where device_id = ${id}::uuid`)
    await ex.execute(sql`delete from devices where id = ${id}::uuid`)
  },
}
