import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import { type DisputeFilter, disputeFilters } from '../disputes/disputes.repo'
import { type OrganizationFilter, organizationFilters } from '../orgs/organizations.repo'
import { type BuildingFilter, buildingFilters } from '../places/places.repo'
import { type DeviceFilter, deviceFilters } from '../things/devices.repo'

/** A person named by an exported record (a room's owner, a dispute's party), as masking needs them. */
export interface NamedPerson {
  id: string
  name: string
  phone_sealed: string | null
  grid_path: string
  /** In an open special group: shown in clear only as the people ledger allows. */
  special: boolean
  responsible: string[]
}

/** A room 实有房屋 as exported: its building and unit, its owner (on file, or living there as owner), how many live there now. */
export interface RoomExportRow {
  id: string
  number: string
  floor: number | null
  house_category: string | null
  ownership: string | null
  house_use: string | null
  area: number | null
  occupancy: string | null
  unit_name: string | null
  building_code: string
  building_name: string
  building_address: string
  grid_code: string
  grid_path: string
  owner_id: string | null
  owner_name: string | null
  owner_phone_sealed: string | null
  owner_grid_path: string | null
  owner_special: boolean
  owner_responsible: string[]
  residents: number
}

const where = (conditions: SQL[]) => sql.join(conditions, sql` and `)

const specialOf = (person: SQL) => sql`exists (select 1 from group_memberships m where m.person_id = ${person}
    and (m.ends_on is null or m.ends_on >= current_date))`
const responsibleOf = (person: SQL) => sql`coalesce((select array_agg(m.responsible_user_id::text)
    from group_memberships m where m.person_id = ${person} and m.responsible_user_id is not null), '{}')`

/** Counts stop at `cap` + 1: an export only needs to know whether it is over its cap. */
async function capped(ex: Executor, from: SQL, cap: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from (${from} limit ${cap + 1}) x`,
  )
  return row?.n ?? 0
}

/**
 * The statements of the ledgers' exports beyond the lists' own pages: how many rows a filter selects
 * (the same filters as each list), the rooms of the buildings a list selects, page by page (keyset on
 * the id, newest first), and the people those records name.
 */
export const exportsRepo = {
  countOrganizations: (ex: Executor, f: OrganizationFilter, cap: number) =>
    capped(ex, sql`select 1 from organizations o where ${where(organizationFilters(f))}`, cap),

  countDevices: (ex: Executor, f: DeviceFilter, cap: number) =>
    capped(ex, sql`select 1 from devices d where ${where(deviceFilters(f))}`, cap),

  countDisputes: (ex: Executor, f: DisputeFilter, cap: number) =>
    capped(ex, sql`select 1 from disputes d where ${where(disputeFilters(f))}`, cap),

  countRooms: (ex: Executor, f: BuildingFilter, cap: number) =>
    capped(
      ex,
      sql`select 1 from rooms r join buildings b on b.id = r.building_id where ${where(buildingFilters(f))}`,
      cap,
    ),

  /** The rooms of the buildings the filter selects, after `cursor` (a room id), newest first. */
  rooms(
    ex: Executor,
    f: BuildingFilter & { today: string; cursor?: string; limit: number },
  ): Promise<RoomExportRow[]> {
    const conditions = buildingFilters(f)
    if (f.cursor) conditions.push(sql`r.id < ${f.cursor}::uuid`)
    return queryRows<RoomExportRow>(
      ex,
      sql`select r.id, r.number, r.floor, r.house_category, r.ownership, r.house_use, r.area::float8 as area,
          r.occupancy, u.name as unit_name, b.code as building_code, b.name as building_name,
          b.address as building_address, g.code as grid_code, b.grid_path::text as grid_path,
          p.id as owner_id, p.name as owner_name, p.phone_sealed as owner_phone_sealed,
          p.grid_path::text as owner_grid_path, ${specialOf(sql`p.id`)} as owner_special,
          ${responsibleOf(sql`p.id`)} as owner_responsible,
          (select count(*)::int from residences s where s.room_id = r.id
            and (s.to_date is null or s.to_date >= ${f.today}::date)) as residents
        from rooms r join buildings b on b.id = r.building_id join grids g on g.id = b.grid_id
          left join building_units u on u.id = r.unit_id
          left join lateral (select coalesce(r.owner_person_id, (select s.person_id from residences s
            where s.room_id = r.id and s.relation = 'owner' and (s.to_date is null or s.to_date >= ${f.today}::date)
            order by s.from_date, s.id limit 1)) as id) o on true
          left join people p on p.id = o.id and p.erased_at is null
        where ${where(conditions)} order by r.id desc limit ${f.limit}`,
    )
  },

  /** People on the ledger by id, within these subtrees (others are not there for the reader). */
  async people(
    ex: Executor,
    ids: readonly string[],
    within: string[] | null,
  ): Promise<Map<string, NamedPerson>> {
    const unique = [...new Set(ids)]
    if (!unique.length) return new Map()
    const rows = await queryRows<NamedPerson>(
      ex,
      sql`select p.id, p.name, p.phone_sealed, p.grid_path::text as grid_path, ${specialOf(sql`p.id`)} as special,
          ${responsibleOf(sql`p.id`)} as responsible
        from people p where p.id = any(${`{${unique.join(',')}}`}::uuid[]) and p.erased_at is null
          ${andPathWithin(sql`p.grid_path`, within)}`,
    )
    return new Map(rows.map((r) => [r.id, r]))
  },
}
