import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import { likeContains } from '../../../lib/like'
import { current } from './residences.repo'

/**
 * Every SQL statement of the places ledger's buildings, units and rooms (residences and rentals:
 * residences.repo.ts; households: households.repo.ts).
 */

export interface BuildingRow {
  id: string
  grid_id: string
  grid_path: string
  grid_code: string
  grid_name: string
  code: string
  name: string
  address: string
  road: string | null
  number: string | null
  estate: string | null
  use: string | null
  floors: number | null
  lng: number
  lat: number
  version: number
  units: number
  rooms: number
  occupied_rooms: number
}

export interface RoomRow {
  id: string
  building_id: string
  unit_id: string | null
  unit_name: string | null
  number: string
  floor: number | null
  house_category: string | null
  ownership: string | null
  house_use: string | null
  area: number | null
  occupancy: string | null
  version: number
}

export const buildingColumns = sql`b.id, b.grid_id, b.grid_path::text as grid_path, g.code as grid_code, g.name as grid_name,
  b.code, b.name, b.address, b.road, b.number, b.estate, b.use, b.floors, ST_X(b.point) as lng, ST_Y(b.point) as lat,
  b.version,
  (select count(*)::int from building_units u where u.building_id = b.id) as units,
  (select count(*)::int from rooms r where r.building_id = b.id) as rooms,
  (select count(distinct r.id)::int from rooms r join residences s on s.room_id = r.id
     where r.building_id = b.id and (s.to_date is null or s.to_date >= current_date)) as occupied_rooms`
export const fromBuildings = sql`buildings b join grids g on g.id = b.grid_id`

const roomColumns = sql`r.id, r.building_id, r.unit_id, u.name as unit_name, r.number, r.floor, r.house_category,
  r.ownership, r.house_use, r.area::float8 as area, r.occupancy, r.version`

/** A residence is current on `today` when it has not ended before it (`to_date` is the last day lived there). */

const point = (p: { lng: number; lat: number }) => sql`ST_SetSRID(ST_MakePoint(${p.lng}, ${p.lat}), 4326)`

/** The keyset of the building list: address, then id. */
/** A new building's columns (the page's form and an import row). */
export interface BuildingInsert {
  id: string
  gridId: string
  gridPath: string
  code: string
  name: string
  address: string
  road: string | null
  number: string | null
  estate: string | null
  use: string | null
  floors: number | null
  point: { lng: number; lat: number }
}

export interface BuildingCursor {
  address: string
  id: string
}

/** The building list's filters (alias `b`): the list and the export of its rooms select the same buildings. */
export interface BuildingFilter {
  within: string[] | null
  gridPath?: string
  text?: string
}

export function buildingFilters(q: BuildingFilter): SQL[] {
  const conditions: SQL[] = [sql`true ${andPathWithin(sql`b.grid_path`, q.within)}`]
  if (q.gridPath !== undefined) conditions.push(sql`b.grid_path <@ ${q.gridPath}::ltree`)
  if (q.text)
    conditions.push(sql`(${likeContains(sql.raw('b.address'), q.text, { ilike: true })}
        or ${likeContains(sql.raw('b.name'), q.text, { ilike: true })}
        or ${likeContains(sql.raw("coalesce(b.estate, '')"), q.text, { ilike: true })}
        or b.code = ${q.text})`)
  return conditions
}

export const placesRepo = {
  async listBuildings(
    ex: Executor,
    q: BuildingFilter & { limit: number; after?: BuildingCursor },
  ): Promise<BuildingRow[]> {
    const conditions = buildingFilters(q)
    if (q.after) conditions.push(sql`(b.address, b.id) > (${q.after.address}, ${q.after.id}::uuid)`)
    return queryRows(
      ex,
      sql`select ${buildingColumns} from ${fromBuildings}
        where ${sql.join(conditions, sql` and `)} order by b.address, b.id limit ${q.limit}`,
    )
  },

  async building(ex: Executor, id: string): Promise<BuildingRow | undefined> {
    const [row] = await queryRows<BuildingRow>(
      ex,
      sql`select ${buildingColumns} from ${fromBuildings} where b.id = ${id}`,
    )
    return row
  },

  async insertBuilding(ex: Executor, b: BuildingInsert): Promise<void> {
    await ex.execute(sql`insert into buildings (id, grid_id, grid_path, code, name, address, road, number, estate, use,
        floors, point)
      values (${b.id}, ${b.gridId}, ${b.gridPath}::ltree, ${b.code}, ${b.name}, ${b.address}, ${b.road}, ${b.number},
        ${b.estate}, ${b.use}, ${b.floors}, ${point(b.point)})`)
  },

  /** Writes the changed fields if the version still matches; answers whether it did. */
  async updateBuilding(
    ex: Executor,
    id: string,
    version: number,
    set: Record<string, unknown> & {
      point?: { lng: number; lat: number }
      gridId?: string
      gridPath?: string
    },
  ): Promise<boolean> {
    const assignments: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`]
    for (const column of ['code', 'name', 'address', 'road', 'number', 'estate', 'use', 'floors'] as const)
      if (set[column] !== undefined) assignments.push(sql`${sql.identifier(column)} = ${set[column] ?? null}`)
    if (set.point) assignments.push(sql`point = ${point(set.point)}`)
    if (set.gridId && set.gridPath)
      assignments.push(sql`grid_id = ${set.gridId}, grid_path = ${set.gridPath}::ltree`)
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update buildings set ${sql.join(assignments, sql`, `)} where id = ${id} and version = ${version} returning id`,
    )
    return rows.length === 1
  },

  /** Whether anyone lived, lives or rents in the building, or a household or organisation names it. */
  async buildingInUse(ex: Executor, id: string): Promise<boolean> {
    const [row] = await queryRows<{ used: boolean }>(
      ex,
      sql`select exists (select 1 from residences s join rooms r on r.id = s.room_id where r.building_id = ${id})
        or exists (select 1 from rentals t join rooms r on r.id = t.room_id where r.building_id = ${id})
        or exists (select 1 from households h join rooms r on r.id = h.room_id where r.building_id = ${id})
        or exists (select 1 from rooms r where r.building_id = ${id} and r.owner_person_id is not null)
        or exists (select 1 from organizations o where o.building_id = ${id}) as used`,
    )
    return !!row?.used
  },

  async deleteBuilding(ex: Executor, id: string): Promise<void> {
    await ex.execute(sql`delete from rooms where building_id = ${id}`)
    await ex.execute(sql`delete from building_units where building_id = ${id}`)
    await ex.execute(sql`delete from buildings where id = ${id}`)
  },

  async addresses(ex: Executor, q: { within: string[] | null; text: string; limit: number }) {
    return queryRows<{
      id: string
      name: string
      address: string
      estate: string | null
      lng: number
      lat: number
      grid_code: string
      grid_name: string
    }>(
      ex,
      sql`select b.id, b.name, b.address, b.estate, ST_X(b.point) as lng, ST_Y(b.point) as lat, g.code as grid_code,
          g.name as grid_name
        from ${fromBuildings}
        where (${likeContains(sql.raw('b.address'), q.text, { ilike: true })}
          or ${likeContains(sql.raw('b.name'), q.text, { ilike: true })}
          or ${likeContains(sql.raw("coalesce(b.estate, '')"), q.text, { ilike: true })})
          ${andPathWithin(sql`b.grid_path`, q.within)}
        order by length(b.address), b.address, b.id limit ${q.limit}`,
    )
  },

  async units(ex: Executor, buildingId: string) {
    return queryRows<{ id: string; name: string; sort: number }>(
      ex,
      sql`select id, name, sort from building_units where building_id = ${buildingId} order by sort, name`,
    )
  },

  async insertUnit(ex: Executor, u: { id: string; buildingId: string; name: string; sort: number }) {
    await ex.execute(
      sql`insert into building_units (id, building_id, name, sort) values (${u.id}, ${u.buildingId}, ${u.name}, ${u.sort})`,
    )
  },

  async unitOf(ex: Executor, buildingId: string, unitId: string): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`select 1 from building_units where id = ${unitId} and building_id = ${buildingId}`,
    )
    return rows.length === 1
  },

  async rooms(ex: Executor, buildingId: string): Promise<RoomRow[]> {
    return queryRows(
      ex,
      sql`select ${roomColumns} from rooms r left join building_units u on u.id = r.unit_id
        where r.building_id = ${buildingId}
        order by u.sort nulls first, u.name nulls first, r.floor nulls last, r.number`,
    )
  },

  async room(ex: Executor, id: string): Promise<RoomRow | undefined> {
    const [row] = await queryRows<RoomRow>(
      ex,
      sql`select ${roomColumns} from rooms r left join building_units u on u.id = r.unit_id where r.id = ${id}`,
    )
    return row
  },

  async insertRoom(
    ex: Executor,
    r: {
      id: string
      buildingId: string
      unitId: string | null
      number: string
      floor: number | null
      houseCategory: string | null
      ownership: string | null
      houseUse: string | null
      area: number | null
      occupancy: string | null
    },
  ) {
    await ex.execute(sql`insert into rooms (id, building_id, unit_id, number, floor, house_category, ownership, house_use,
        area, occupancy)
      values (${r.id}, ${r.buildingId}, ${r.unitId}, ${r.number}, ${r.floor}, ${r.houseCategory}, ${r.ownership},
        ${r.houseUse}, ${r.area}, ${r.occupancy})`)
  },

  async updateRoom(
    ex: Executor,
    id: string,
    version: number,
    set: Record<string, unknown>,
  ): Promise<boolean> {
    const columns = {
      number: 'number',
      unitId: 'unit_id',
      floor: 'floor',
      houseCategory: 'house_category',
      ownership: 'ownership',
      houseUse: 'house_use',
      area: 'area',
      occupancy: 'occupancy',
    } as const
    const assignments: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`]
    for (const [key, column] of Object.entries(columns))
      if (set[key] !== undefined) assignments.push(sql`${sql.identifier(column)} = ${set[key] ?? null}`)
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update rooms set ${sql.join(assignments, sql`, `)} where id = ${id} and version = ${version} returning id`,
    )
    return rows.length === 1
  },

  async setOccupancy(ex: Executor, roomId: string, occupancy: string) {
    await ex.execute(
      sql`update rooms set occupancy = ${occupancy}, version = version + 1, updated_at = now() where id = ${roomId}`,
    )
  },

  /** Whether a code is an active row of a code table. */
  async codeExists(ex: Executor, table: string, code: string): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`select 1 from ledger_codes where code_table = ${table} and code = ${code} and active`,
    )
    return rows.length === 1
  },

  /** People living now in a building's rooms, and the households of its rooms, follow the building's grid. */
  async residentsFollowBuilding(ex: Executor, buildingId: string, today: string) {
    const people = await queryRows<{ id: string }>(
      ex,
      sql`update people p set grid_id = b.grid_id, grid_path = b.grid_path, updated_at = now()
        from residences s join rooms r on r.id = s.room_id join buildings b on b.id = r.building_id
        where s.person_id = p.id and b.id = ${buildingId} and ${current(today)} and p.grid_id <> b.grid_id
        returning p.id`,
    )
    const households = await queryRows<{ id: string }>(
      ex,
      sql`update households h set grid_id = b.grid_id, grid_path = b.grid_path, version = h.version + 1
        from rooms r join buildings b on b.id = r.building_id
        where h.room_id = r.id and b.id = ${buildingId} and h.grid_id <> b.grid_id
        returning h.id`,
    )
    return { people: people.length, households: households.length }
  },

  /**
   * Moves the buildings of a retired grid to the successor covering their point (the lower code on a
   * shared edge); answers the ids moved.
   */
  async relocateBuildings(ex: Executor, gridId: string, successorIds: string[]): Promise<string[]> {
    if (successorIds.length === 0) return []
    const ids = sql.join(
      successorIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update buildings b set grid_id = m.id, grid_path = m.path, version = b.version + 1, updated_at = now()
        from (select b2.id as building_id, s.id, s.path from buildings b2 cross join lateral
                (select s.id, s.path from grids s where s.id in (${ids}) and ST_Covers(s.boundary, b2.point)
                 order by s.code limit 1) s
              where b2.grid_id = ${gridId}) m
        where b.id = m.building_id returning b.id`,
    )
    return rows.map((r) => r.id)
  },

  /** Households without a room in a retired grid go to the heir. */
  async householdsToHeir(ex: Executor, gridId: string, heir: { id: string; path: string }) {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update households set grid_id = ${heir.id}, grid_path = ${heir.path}::ltree, version = version + 1
        where grid_id = ${gridId} and room_id is null returning id`,
    )
    return rows.length
  },
}
