import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'

/** The demo's statements on the places ledger: buildings, units, rooms and residences, written plainly. */
export const placesDemoRepo = {
  async insertBuilding(
    ex: Executor,
    b: {
      id: string
      gridId: string
      gridPath: string
      code: string
      name: string
      address: string
      road: string
      number: string
      estate: string
      floors: number
      lng: number
      lat: number
    },
  ) {
    await ex.execute(sql`insert into buildings (id, grid_id, grid_path, code, name, address, road, number, estate,
        use, floors, point)
      values (${b.id}, ${b.gridId}, ${b.gridPath}::ltree, ${b.code}, ${b.name}, ${b.address}, ${b.road}, ${b.number},
        ${b.estate}, 'residential', ${b.floors}, ST_SetSRID(ST_MakePoint(${b.lng}, ${b.lat}), 4326))`)
  },

  async insertUnit(ex: Executor, u: { id: string; buildingId: string; name: string; sort: number }) {
    await ex.execute(
      sql`insert into building_units (id, building_id, name, sort) values (${u.id}, ${u.buildingId}, ${u.name}, ${u.sort})`,
    )
  },

  /** A private residential 商品房 room. */
  async insertRoom(
    ex: Executor,
    r: {
      id: string
      buildingId: string
      unitId: string
      number: string
      floor: number
      area: number
      occupancy: string | null
    },
  ) {
    await ex.execute(sql`insert into rooms (id, building_id, unit_id, number, floor, house_category, ownership,
        house_use, area, occupancy)
      values (${r.id}, ${r.buildingId}, ${r.unitId}, ${r.number}, ${r.floor}, '商品房', 'private', 'residential',
        ${r.area}, ${r.occupancy})`)
  },

  /** A person of the grid who lives nowhere yet, the first by id (none: undefined). */
  async personWithoutHome(ex: Executor, gridId: string): Promise<string | undefined> {
    const [person] = await queryRows<{ id: string }>(
      ex,
      sql`select p.id from people p where p.grid_id = ${gridId}
        and not exists (select 1 from residences r where r.person_id = p.id) order by p.id limit 1`,
    )
    return person?.id
  },

  async insertResidence(
    ex: Executor,
    r: { id: string; personId: string; roomId: string; relation: string; fromDate: string },
  ) {
    await ex.execute(sql`insert into residences (id, person_id, room_id, relation, from_date)
      values (${r.id}, ${r.personId}, ${r.roomId}, ${r.relation}, ${r.fromDate}::date)`)
  },
}
