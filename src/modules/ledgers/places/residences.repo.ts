import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'

/** Every SQL statement of residences 居住 (a person in a room, dated) and rentals 出租 of rooms. */

export interface ResidenceRow {
  id: string
  person_id: string
  room_id: string
  name: string
  relation: string
  from_date: string
  to_date: string | null
}

export interface PersonRef {
  id: string
  grid_id: string
  grid_path: string
  name: string
}

/** A residence current on `today` (alias `s`). */
export const current = (today: string) => sql`(s.to_date is null or s.to_date >= ${today}::date)`

export const residencesRepo = {
  /** The residences of rooms: current ones (on `today`) or ended ones, newest first. */
  async residences(
    ex: Executor,
    roomIds: string[],
    today: string,
    which: 'current' | 'ended',
  ): Promise<ResidenceRow[]> {
    if (roomIds.length === 0) return []
    const ids = sql.join(
      roomIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )
    const when = which === 'current' ? current(today) : sql`not ${current(today)}`
    return queryRows(
      ex,
      sql`select s.id, s.person_id, s.room_id, p.name, s.relation, s.from_date::text as from_date,
          s.to_date::text as to_date
        from residences s join people p on p.id = s.person_id
        where s.room_id in (${ids}) and ${when}
        order by s.from_date desc, s.id`,
    )
  },

  async residence(ex: Executor, id: string) {
    const [row] = await queryRows<{
      id: string
      person_id: string
      room_id: string
      from_date: string
      to_date: string | null
    }>(
      ex,
      sql`select id, person_id, room_id, from_date::text as from_date, to_date::text as to_date from residences where id = ${id}`,
    )
    return row
  },

  async person(ex: Executor, id: string): Promise<PersonRef | undefined> {
    const [row] = await queryRows<PersonRef>(
      ex,
      sql`select id, grid_id, grid_path::text as grid_path, name from people where id = ${id}`,
    )
    return row
  },

  /** The person's residences not ended before `fromDate` (those a move on `fromDate` closes). */
  async openResidences(ex: Executor, personId: string, fromDate: string) {
    return queryRows<{ id: string; room_id: string; from_date: string }>(
      ex,
      sql`select id, room_id, from_date::text as from_date from residences
        where person_id = ${personId} and (to_date is null or to_date >= ${fromDate}::date) for update`,
    )
  },

  async endResidence(ex: Executor, id: string, toDate: string) {
    await ex.execute(sql`update residences set to_date = ${toDate}::date where id = ${id}`)
  },

  async insertResidence(
    ex: Executor,
    r: {
      id: string
      personId: string
      roomId: string
      relation: string
      rentalId: string | null
      fromDate: string
      toDate: string | null
    },
  ) {
    await ex.execute(sql`insert into residences (id, person_id, room_id, relation, rental_id, from_date, to_date)
      values (${r.id}, ${r.personId}, ${r.roomId}, ${r.relation}, ${r.rentalId}, ${r.fromDate}::date, ${r.toDate}::date)`)
  },

  /** A person follows their current room's grid. */
  async placePerson(ex: Executor, personId: string, grid: { id: string; path: string }) {
    await ex.execute(
      sql`update people set grid_id = ${grid.id}, grid_path = ${grid.path}::ltree, updated_at = now()
        where id = ${personId} and grid_id <> ${grid.id}`,
    )
  },

  async rentals(ex: Executor, roomId: string) {
    return queryRows<{
      id: string
      starts_on: string
      ends_on: string | null
      purpose: string | null
      tenants: number
    }>(
      ex,
      sql`select t.id, t.starts_on::text as starts_on, t.ends_on::text as ends_on, t.purpose,
          (select count(*)::int from residences s where s.rental_id = t.id) as tenants
        from rentals t where t.room_id = ${roomId} order by t.starts_on desc, t.id`,
    )
  },

  async insertRental(
    ex: Executor,
    r: {
      id: string
      roomId: string
      landlordPersonId: string | null
      startsOn: string
      endsOn: string | null
      purpose: string | null
    },
  ) {
    await ex.execute(sql`insert into rentals (id, room_id, landlord_person_id, starts_on, ends_on, purpose)
      values (${r.id}, ${r.roomId}, ${r.landlordPersonId}, ${r.startsOn}::date, ${r.endsOn}::date, ${r.purpose})`)
  },
}
