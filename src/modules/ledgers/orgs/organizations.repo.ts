import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import { likeContains } from '../../../lib/like'

export interface OrganizationRow {
  id: string
  grid_id: string
  grid_code: string
  grid_name: string
  grid_path: string
  kind: string
  name: string
  credit_code: string | null
  legal_representative: string | null
  contact_phone_sealed: string | null
  address: string | null
  lng: number | null
  lat: number | null
  staff_count: number | null
  parent_id: string | null
  details: Record<string, unknown>
  version: number
  created_at: string
}

const SELECT = sql`select o.id, o.grid_id, g.code as grid_code, g.name as grid_name, o.grid_path::text as grid_path,
  o.kind, o.name, o.credit_code, o.legal_representative, o.contact_phone_sealed, o.address,
  st_x(o.point) as lng, st_y(o.point) as lat, o.staff_count, o.parent_id, o.details, o.version, o.created_at::text
  from organizations o join grids g on g.id = o.grid_id`

const pointOf = (p: { lng: number; lat: number } | null | undefined) =>
  p ? sql`st_setsrid(st_makepoint(${p.lng}, ${p.lat}), 4326)` : sql`null`

export interface OrganizationWrite {
  gridId: string
  gridPath: string
  kind: string
  name: string
  creditCode: string | null
  legalRepresentative: string | null
  contactPhoneSealed: string | null
  address: string | null
  point: { lng: number; lat: number } | null
  staffCount: number | null
  parentId: string | null
  details: Record<string, unknown>
}

/** The organisation list's filters (alias `o`): the list and its export select the same rows. */
export interface OrganizationFilter {
  within: string[] | null
  subtree?: string
  kind?: string
  q?: string
}

export function organizationFilters(q: OrganizationFilter): SQL[] {
  const conditions: SQL[] = [sql`true ${andPathWithin(sql`o.grid_path`, q.within)}`]
  if (q.subtree) conditions.push(sql`o.grid_path <@ ${q.subtree}::ltree`)
  if (q.kind) conditions.push(sql`o.kind = ${q.kind}`)
  if (q.q) conditions.push(sql`(${likeContains(sql`o.name`, q.q)} or o.credit_code = ${q.q.toUpperCase()})`)
  return conditions
}

export const organizationsRepo = {
  async list(ex: Executor, q: OrganizationFilter & { cursor?: string; limit: number }) {
    const conditions = organizationFilters(q)
    if (q.cursor) conditions.push(sql`o.id < ${q.cursor}::uuid`)
    return queryRows<OrganizationRow>(
      ex,
      sql`${SELECT} where ${sql.join(conditions, sql` and `)} order by o.id desc limit ${q.limit}`,
    )
  },

  /** One organisation within the reader's subtrees (null: none, or not theirs: the same answer). */
  async one(ex: Executor, id: string, within: string[] | null) {
    const [row] = await queryRows<OrganizationRow>(
      ex,
      sql`${SELECT} where o.id = ${id}::uuid ${andPathWithin(sql`o.grid_path`, within)}`,
    )
    return row ?? null
  },

  async byCreditCode(ex: Executor, code: string) {
    const [row] = await queryRows<{ id: string; grid_path: string }>(
      ex,
      sql`select id, grid_path::text from organizations where credit_code = ${code}`,
    )
    return row ?? null
  },

  /** The organisations with these credit codes, or without one and of these `<grid code>/<name>` (an import's keys). */
  async byImportKeys(ex: Executor, creditCodes: readonly string[], gridNames: readonly string[]) {
    if (!creditCodes.length && !gridNames.length) return []
    return queryRows<OrganizationRow>(
      ex,
      sql`${SELECT} where o.credit_code = any(${pgTextArray(creditCodes)}::text[])
        or (o.credit_code is null and g.code || '/' || o.name = any(${pgTextArray(gridNames)}::text[]))`,
    )
  },

  /** The ids of the organisations of these credit codes within the reader's subtrees, by code. */
  async idsByCreditCodes(ex: Executor, codes: readonly string[], within: string[] | null) {
    if (!codes.length) return new Map<string, string>()
    const rows = await queryRows<{ id: string; credit_code: string }>(
      ex,
      sql`select o.id, o.credit_code from organizations o
        where o.credit_code = any(${pgTextArray(codes)}::text[]) ${andPathWithin(sql`o.grid_path`, within)}`,
    )
    return new Map(rows.map((r) => [r.credit_code, r.id]))
  },

  async insert(ex: Executor, id: string, w: OrganizationWrite) {
    await ex.execute(sql`insert into organizations (id, grid_id, grid_path, kind, name, credit_code, legal_representative,
      contact_phone_sealed, address, point, staff_count, parent_id, details)
      values (${id}, ${w.gridId}, ${w.gridPath}::ltree, ${w.kind}, ${w.name}, ${w.creditCode}, ${w.legalRepresentative},
      ${w.contactPhoneSealed}, ${w.address}, ${pointOf(w.point)}, ${w.staffCount}, ${w.parentId}, ${JSON.stringify(w.details)}::jsonb)`)
  },

  /** Writes the new state if the version is still `version`; false when someone changed it first. */
  async update(ex: Executor, id: string, version: number, w: OrganizationWrite): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`update organizations set grid_id = ${w.gridId}, grid_path = ${w.gridPath}::ltree, kind = ${w.kind},
        name = ${w.name}, credit_code = ${w.creditCode}, legal_representative = ${w.legalRepresentative},
        contact_phone_sealed = ${w.contactPhoneSealed}, address = ${w.address}, point = ${pointOf(w.point)},
        staff_count = ${w.staffCount}, parent_id = ${w.parentId}, details = ${JSON.stringify(w.details)}::jsonb,
        version = version + 1, updated_at = now()
        where id = ${id}::uuid and version = ${version} returning 1`,
    )
    return rows.length === 1
  },

  /** Whether anything points at the organisation (a child organisation, a device). */
  async inUse(ex: Executor, id: string): Promise<boolean> {
    const [row] = await queryRows<{ used: boolean }>(
      ex,
      sql`select exists(select 1 from organizations where parent_id = ${id}::uuid)
        or exists(select 1 from devices where owner_organization_id = ${id}::uuid) as used`,
    )
    return !!row?.used
  },

  async remove(ex: Executor, id: string) {
    await ex.execute(sql`delete from organizations where id = ${id}::uuid`)
  },
}
