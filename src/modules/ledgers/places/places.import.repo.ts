import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import type { BuildingInsert } from './places.repo'

/**
 * The batch look-ups and writes of the buildings and rooms imports (the single-record statements the
 * import shares with the API stay in places.repo.ts). Inserts skip a row another writer took first
 * (`on conflict do nothing`): two batches written side by side never abort on a unique key.
 */

/** A building as an import row is matched against it. */
export interface ImportBuildingRow {
  id: string
  grid_id: string
  grid_path: string
  grid_code: string
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
}

export interface ImportRoomRow {
  id: string
  building_id: string
  unit_id: string | null
  number: string
  version: number
}

export interface RoomInsert {
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
}

const uuidArray = (ids: readonly string[]) => sql`${pgTextArray(ids)}::uuid[]`

export const placesImportRepo = {
  /**
   * The leaf grid holding each point (the deepest current grid covering it, the lower code on a shared
   * edge, as the grids' locator answers), by the point's index; none outside every grid. In SQL, on
   * the caller's transaction: the locator's cache reads the database on its own connection.
   */
  async leafGrids(
    ex: Executor,
    points: readonly { lng: number; lat: number }[],
  ): Promise<Map<number, { id: string; path: string; code: string }>> {
    if (!points.length) return new Map()
    const lngs = pgTextArray(points.map((p) => String(p.lng)))
    const lats = pgTextArray(points.map((p) => String(p.lat)))
    const rows = await queryRows<{ i: number; id: string; path: string; code: string }>(
      ex,
      sql`select (p.i - 1)::int as i, g.id, g.path::text as path, g.code
        from unnest(${lngs}::float8[], ${lats}::float8[]) with ordinality as p(lng, lat, i)
        cross join lateral (
          select g.id, g.path, g.code from grids g
          where g.valid_to is null and ST_Covers(g.boundary, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))
          order by nlevel(g.path) desc, g.code limit 1) g`,
    )
    return new Map(rows.map((r) => [Number(r.i), { id: r.id, path: r.path, code: r.code }]))
  },

  /** The buildings of these codes within the subtrees (null: everywhere); the caller picks by grid. */
  async buildingsByCodes(
    ex: Executor,
    codes: readonly string[],
    within: string[] | null,
  ): Promise<ImportBuildingRow[]> {
    if (!codes.length) return []
    return queryRows(
      ex,
      sql`select b.id, b.grid_id, b.grid_path::text as grid_path, g.code as grid_code, b.code, b.name, b.address,
          b.road, b.number, b.estate, b.use, b.floors, ST_X(b.point) as lng, ST_Y(b.point) as lat, b.version
        from buildings b join grids g on g.id = b.grid_id
        where b.code = any(${pgTextArray(codes)}::text[]) ${andPathWithin(sql`b.grid_path`, within)}`,
    )
  },

  /** Inserts a building unless its grid already has the code; answers whether it did. */
  async insertBuilding(ex: Executor, b: BuildingInsert): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`insert into buildings (id, grid_id, grid_path, code, name, address, road, number, estate, use, floors, point)
        values (${b.id}, ${b.gridId}, ${b.gridPath}::ltree, ${b.code}, ${b.name}, ${b.address}, ${b.road},
          ${b.number}, ${b.estate}, ${b.use}, ${b.floors},
          ST_SetSRID(ST_MakePoint(${b.point.lng}, ${b.point.lat}), 4326))
        on conflict (grid_id, code) do nothing returning id`,
    )
    return rows.length === 1
  },

  /** The units of these buildings. */
  async units(ex: Executor, buildingIds: readonly string[]) {
    if (!buildingIds.length) return []
    return queryRows<{ id: string; building_id: string; name: string }>(
      ex,
      sql`select id, building_id, name from building_units where building_id = any(${uuidArray(buildingIds)})`,
    )
  },

  /** Adds the units not there yet (one a building and name); answers those it added. */
  async addUnits(
    ex: Executor,
    units: readonly { id: string; buildingId: string; name: string; sort: number }[],
  ) {
    if (!units.length) return []
    const values = sql.join(
      units.map((u) => sql`(${u.id}::uuid, ${u.buildingId}::uuid, ${u.name}, ${u.sort})`),
      sql`, `,
    )
    return queryRows<{ id: string; building_id: string; name: string }>(
      ex,
      sql`insert into building_units (id, building_id, name, sort) values ${values}
        on conflict (building_id, name) do nothing returning id, building_id, name`,
    )
  },

  /** The rooms of these buildings numbered so (the caller matches the unit). */
  async rooms(
    ex: Executor,
    buildingIds: readonly string[],
    numbers: readonly string[],
  ): Promise<ImportRoomRow[]> {
    if (!buildingIds.length || !numbers.length) return []
    return queryRows(
      ex,
      sql`select id, building_id, unit_id, number, version from rooms
        where building_id = any(${uuidArray(buildingIds)}) and number = any(${pgTextArray(numbers)}::text[])`,
    )
  },

  /** Inserts a room unless its building's unit already has the number; answers whether it did. */
  async insertRoom(ex: Executor, r: RoomInsert): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`insert into rooms (id, building_id, unit_id, number, floor, house_category, ownership, house_use, area,
          occupancy)
        values (${r.id}, ${r.buildingId}, ${r.unitId}, ${r.number}, ${r.floor}, ${r.houseCategory}, ${r.ownership},
          ${r.houseUse}, ${r.area}, ${r.occupancy})
        on conflict (building_id, (coalesce(unit_id::text, '')), number) do nothing returning id`,
    )
    return rows.length === 1
  },
}
