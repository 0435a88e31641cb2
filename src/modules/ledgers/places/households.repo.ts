import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import { likeContains } from '../../../lib/like'

/** Every SQL statement of households 户 and their members (relation to the head 与户主关系). */

export interface HouseholdRow {
  id: string
  number: string | null
  grid_id: string
  grid_path: string
  grid_code: string
  grid_name: string
  room_id: string | null
  room_number: string | null
  unit_name: string | null
  building_id: string | null
  address: string | null
  head_person_id: string | null
  version: number
}

export interface MemberRow {
  household_id: string
  person_id: string
  name: string
  id_number_sealed: string | null
  erased_at: string | Date | null
  relation: string
  from_date: string
}

export interface HouseholdFilter {
  within: string[] | null
  gridPath?: string
  /** Part of the household number 户号 or of the head's name. */
  q?: string
  limit: number
  cursor?: string
  id?: string
}

export const householdsRepo = {
  /** Newest first (keyset on id), filtered in SQL by scope, subtree and text. */
  async list(ex: Executor, q: HouseholdFilter): Promise<HouseholdRow[]> {
    const conditions: SQL[] = [sql`true`]
    if (q.id) conditions.push(sql`h.id = ${q.id}`)
    if (q.gridPath !== undefined) conditions.push(sql`h.grid_path <@ ${q.gridPath}::ltree`)
    if (q.cursor) conditions.push(sql`h.id < ${q.cursor}::uuid`)
    if (q.q)
      conditions.push(sql`(${likeContains(sql`h.number`, q.q, { ilike: true })} or exists (select 1 from people hp
        where hp.id = h.head_person_id and ${likeContains(sql`hp.name`, q.q)}))`)
    return queryRows(
      ex,
      sql`select h.id, h.number, h.grid_id, h.grid_path::text as grid_path, g.code as grid_code, g.name as grid_name,
          h.room_id, r.number as room_number, u.name as unit_name, r.building_id, b.address, h.head_person_id,
          h.version
        from households h join grids g on g.id = h.grid_id
          left join rooms r on r.id = h.room_id left join buildings b on b.id = r.building_id
          left join building_units u on u.id = r.unit_id
        where ${sql.join(conditions, sql` and `)} ${andPathWithin(sql`h.grid_path`, q.within)}
        order by h.id desc limit ${q.limit}`,
    )
  },

  /** The current members of these households, the head first. */
  async members(ex: Executor, householdIds: string[]): Promise<MemberRow[]> {
    if (householdIds.length === 0) return []
    const ids = sql.join(
      householdIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )
    return queryRows<MemberRow>(
      ex,
      sql`select m.household_id, m.person_id, p.name, p.id_number_sealed, p.erased_at, m.relation,
          m.from_date::text as from_date
        from household_members m join people p on p.id = m.person_id
        where m.household_id in (${ids}) and m.to_date is null
        order by m.relation, m.from_date, p.id`,
    )
  },

  async insert(
    ex: Executor,
    h: {
      id: string
      number: string | null
      gridId: string
      gridPath: string
      roomId: string | null
      headPersonId: string
    },
  ) {
    await ex.execute(sql`insert into households (id, grid_id, grid_path, number, room_id, head_person_id)
      values (${h.id}, ${h.gridId}, ${h.gridPath}::ltree, ${h.number}, ${h.roomId}, ${h.headPersonId})`)
  },

  /** Adds a member (or brings back one who left: the row is per household and person). */
  async addMember(
    ex: Executor,
    m: { householdId: string; personId: string; relation: string; fromDate: string },
  ) {
    await ex.execute(sql`insert into household_members (household_id, person_id, relation, from_date)
      values (${m.householdId}, ${m.personId}, ${m.relation}, ${m.fromDate}::date)
      on conflict (household_id, person_id) do update set relation = excluded.relation,
        from_date = excluded.from_date, to_date = null`)
    await ex.execute(sql`update households set version = version + 1 where id = ${m.householdId}`)
  },

  /** A current member's relation to the head (null when not a member now). */
  async relationOf(ex: Executor, householdId: string, personId: string): Promise<string | null> {
    const [row] = await queryRows<{ relation: string }>(
      ex,
      sql`select relation from household_members
        where household_id = ${householdId} and person_id = ${personId} and to_date is null`,
    )
    return row?.relation ?? null
  },

  /** The household a person belongs to now, other than `except` (null for none). */
  async otherHouseholdOf(ex: Executor, personId: string, except: string | null): Promise<string | null> {
    const [row] = await queryRows<{ household_id: string }>(
      ex,
      sql`select household_id from household_members where person_id = ${personId} and to_date is null
        ${except ? sql`and household_id <> ${except}` : sql``} limit 1`,
    )
    return row?.household_id ?? null
  },

  async removeMember(ex: Executor, householdId: string, personId: string, toDate: string) {
    await ex.execute(sql`update household_members set to_date = ${toDate}::date
      where household_id = ${householdId} and person_id = ${personId}`)
    await ex.execute(sql`update households set version = version + 1 where id = ${householdId}`)
  },

  /** Sets the number and the room (and the grid that follows the room) of a household, a new version. */
  async update(
    ex: Executor,
    id: string,
    h: { number: string | null; roomId: string | null; gridId: string; gridPath: string },
  ) {
    await ex.execute(sql`update households set number = ${h.number}, room_id = ${h.roomId},
      grid_id = ${h.gridId}, grid_path = ${h.gridPath}::ltree, version = version + 1 where id = ${id}`)
  },

  /** The household's change history 变更记录, with the version it reached. */
  async recordChange(ex: Executor, id: string, householdId: string, actor: string, changes: object) {
    await ex.execute(sql`insert into ledger_changes (id, record_type, record_id, actor, changes, version)
      values (${id}, 'household', ${householdId}, ${actor}, ${JSON.stringify(changes)}::jsonb,
        (select version from households where id = ${householdId}))`)
  },

  /** Locks a household for a change; its version. */
  async lock(ex: Executor, id: string): Promise<number | null> {
    const [row] = await queryRows<{ version: number }>(
      ex,
      sql`select version from households where id = ${id} for update`,
    )
    return row?.version ?? null
  },

  /** A change of head 变更户主: the new head's relation becomes 01, the former head's the one given. */
  async changeHead(
    ex: Executor,
    householdId: string,
    c: { headPersonId: string; formerHeadPersonId: string | null; formerHeadRelation: string },
  ) {
    if (c.formerHeadPersonId)
      await ex.execute(sql`update household_members set relation = ${c.formerHeadRelation}
        where household_id = ${householdId} and person_id = ${c.formerHeadPersonId} and to_date is null`)
    await ex.execute(sql`update household_members set relation = '01'
      where household_id = ${householdId} and person_id = ${c.headPersonId} and to_date is null`)
    await ex.execute(sql`update households set head_person_id = ${c.headPersonId}, version = version + 1
      where id = ${householdId}`)
  },
}
