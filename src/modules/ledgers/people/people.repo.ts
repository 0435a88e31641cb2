import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import { likeContains } from '../../../lib/like'
import type { PersonRow } from './people.store'

/** A person's row with the name and code of their grid. */
export type PersonGridRow = PersonRow & { grid_code: string; grid_name: string }

/** The list's filters, already resolved (blind indexes computed, scopes known). */
export interface PersonFilter {
  within: string[] | null
  gridPath?: string
  kind?: string
  name?: string
  idIndexes?: string[]
  phoneIndexes?: string[]
  tag?: string
  group?: { code: string; within: string[] | null }
  after?: { name: string; id: string }
  limit: number
}

/** The people columns a change writes, by column name, with their new values. */
export type PersonColumnValues = Record<string, unknown>

const withGrid = sql`select p.*, g.code as grid_code, g.name as grid_name from people p join grids g on g.id = p.grid_id`

/** Every SQL statement of the people ledger (the writes of records live in people.store.ts). */
export const peopleRepo = {
  /** One person within the reader's subtrees (null also when outside them: the answer is the same). */
  async find(ex: Executor, id: string, within: string[] | null): Promise<PersonGridRow | null> {
    const [row] = await queryRows<PersonGridRow>(
      ex,
      sql`${withGrid} where p.id = ${id} ${andPathWithin(sql`p.grid_path`, within)}`,
    )
    return row ?? null
  },

  async findForUpdate(ex: Executor, id: string, within: string[] | null): Promise<PersonGridRow | null> {
    const [row] = await queryRows<PersonGridRow>(
      ex,
      sql`${withGrid} where p.id = ${id} ${andPathWithin(sql`p.grid_path`, within)} for update of p`,
    )
    return row ?? null
  },

  /** A page by name then id, filtered in SQL by scope and every filter given. */
  async list(ex: Executor, f: PersonFilter): Promise<PersonGridRow[]> {
    const where: SQL[] = [sql`true ${andPathWithin(sql`p.grid_path`, f.within)}`]
    if (f.gridPath) where.push(sql`p.grid_path <@ ${f.gridPath}::ltree`)
    if (f.kind) where.push(sql`p.kind = ${f.kind}`)
    if (f.name) where.push(likeContains(sql`p.name`, f.name))
    if (f.idIndexes) where.push(sql`p.id_number_bidx = any(${pgTextArray(f.idIndexes)}::text[])`)
    if (f.phoneIndexes) where.push(sql`p.phone_bidx = any(${pgTextArray(f.phoneIndexes)}::text[])`)
    if (f.tag) where.push(sql`${f.tag} = any(p.tags)`)
    if (f.group)
      where.push(sql`exists (select 1 from group_memberships m where m.person_id = p.id
        and m.group_code = ${f.group.code} and (m.ends_on is null or m.ends_on >= current_date)
        ${andPathWithin(sql`m.grid_path`, f.group.within)})`)
    if (f.after) where.push(sql`(p.name, p.id) > (${f.after.name}, ${f.after.id}::uuid)`)
    return queryRows<PersonGridRow>(
      ex,
      sql`${withGrid} where ${sql.join(where, sql` and `)} order by p.name, p.id limit ${f.limit}`,
    )
  },

  codes(ex: Executor, tables: readonly string[]) {
    return queryRows<{ code_table: string; code: string; zh: string; en: string }>(
      ex,
      sql`select code_table, code, zh, en from ledger_codes where active
        and code_table = any(${pgTextArray(tables)}::text[]) order by code_table, sort, code`,
    )
  },

  /** A current grid by code (its scope is checked by the caller). */
  async currentGrid(ex: Executor, code: string) {
    const [row] = await queryRows<{ id: string; path: string; code: string; name: string }>(
      ex,
      sql`select id, path::text as path, code, name from grids where code = ${code} and valid_to is null`,
    )
    return row ?? null
  },

  /** Current special-group memberships: the groups, and the workers responsible for them. */
  memberships(ex: Executor, personId: string) {
    return queryRows<{
      group_code: string
      attention: number
      starts_on: string
      ends_on: string | null
      responsible_user_id: string | null
      grid_path: string
    }>(
      ex,
      sql`select group_code, attention, starts_on::text, ends_on::text, responsible_user_id, grid_path::text
        from group_memberships where person_id = ${personId} and (ends_on is null or ends_on >= current_date)
        order by starts_on`,
    )
  },

  residences(ex: Executor, personId: string) {
    return queryRows<{
      relation: string
      from_date: string
      to_date: string | null
      address: string
      unit: string | null
      room: string
    }>(
      ex,
      sql`select r.relation, r.from_date::text, r.to_date::text, b.address, u.name as unit, rm.number as room
        from residences r join rooms rm on rm.id = r.room_id join buildings b on b.id = rm.building_id
        left join building_units u on u.id = rm.unit_id
        where r.person_id = ${personId} order by r.from_date desc`,
    )
  },

  async household(ex: Executor, personId: string) {
    const [mine] = await queryRows<{ household_id: string; number: string | null; relation: string }>(
      ex,
      sql`select hm.household_id, h.number, hm.relation from household_members hm
        join households h on h.id = hm.household_id
        where hm.person_id = ${personId} and hm.to_date is null limit 1`,
    )
    if (!mine) return null
    const members = await queryRows<{ id: string; name: string; relation: string }>(
      ex,
      sql`select p.id, p.name, hm.relation from household_members hm join people p on p.id = hm.person_id
        where hm.household_id = ${mine.household_id} and hm.to_date is null order by hm.relation, p.name`,
    )
    return { ...mine, members }
  },

  async visits(ex: Executor, personId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from visits v join group_memberships m on m.id = v.membership_id
        where m.person_id = ${personId}`,
    )
    return row?.n ?? 0
  },

  events(ex: Executor, personId: string) {
    return queryRows<{ id: string; no: string; state: string; category_code: string }>(
      ex,
      sql`select c.id, c.no, c.state, c.category_code from case_subjects s join cases c on c.id = s.case_id
        where s.subject_type = 'person' and s.subject_id = ${personId} order by c.id desc limit 50`,
    )
  },

  changes(ex: Executor, personId: string) {
    return queryRows<{ at: string; actor: string; changes: Record<string, unknown> }>(
      ex,
      sql`select c.at, coalesce(u.display_name, c.actor) as actor, c.changes from ledger_changes c
        left join users u on u.id::text = c.actor
        where c.record_type = 'person' and c.record_id = ${personId} order by c.at desc, c.id desc limit 100`,
    )
  },

  async recordChange(ex: Executor, id: string, personId: string, actor: string, changes: object) {
    await ex.execute(sql`insert into ledger_changes (id, record_type, record_id, actor, changes, version)
      values (${id}, 'person', ${personId}, ${actor}, ${JSON.stringify(changes)}::jsonb,
        (select version from people where id = ${personId}))`)
  },

  /** A change of the columns named in `values` (details as an object, grid_path as text), one version on. */
  async update(ex: Executor, id: string, values: PersonColumnValues) {
    const sets = Object.entries(values).map(([column, value]) =>
      column === 'details'
        ? sql`details = ${JSON.stringify(value)}::jsonb`
        : column === 'grid_path'
          ? sql`grid_path = ${value}::ltree`
          : sql`${sql.identifier(column)} = ${value}`,
    )
    await ex.execute(sql`update people set ${sql.join(sets, sql`, `)}, version = version + 1, updated_at = now()
      where id = ${id}`)
  },

  /** Replaces a person's tags, one version on. */
  async setTags(ex: Executor, id: string, tags: readonly string[]) {
    await ex.execute(sql`update people set tags = ${pgTextArray(tags)}::text[], version = version + 1,
      updated_at = now() where id = ${id}`)
  },

  /**
   * Erase on request (PIPL): the personal fields purged, what statistics count kept (kind, sex, the
   * year of birth, the grid); the notes on special groups and visits purged too, and the change
   * history's values blanked (its field names and dates stay).
   */
  async erase(ex: Executor, id: string) {
    await ex.execute(sql`update people set id_number_sealed = null, id_number_bidx = null, name = '已删除',
      former_name = null, birth_date = date_trunc('year', birth_date)::date, ethnicity = null, native_place = null,
      marital_status = null, political_status = null, education = null, occupation = null, workplace = null,
      phone_sealed = null, phone_bidx = null, registered_address_sealed = null, current_address_sealed = null,
      lives_where_registered = null, details = '{}'::jsonb, tags = '{}'::text[], erased_at = now(),
      version = version + 1, updated_at = now() where id = ${id}`)
    await ex.execute(
      sql`update group_memberships set notes_sealed = null, details = '{}'::jsonb where person_id = ${id}`,
    )
    await ex.execute(sql`update visits set notes_sealed = null
      where membership_id in (select id from group_memberships where person_id = ${id})`)
    await ex.execute(sql`update ledger_changes set changes = coalesce(
        (select jsonb_object_agg(k, null) from jsonb_object_keys(changes) as k), '{}'::jsonb)
      where record_type = 'person' and record_id = ${id}`)
    // Field corrections of the person keep which fields they named, not the values.
    await ex.execute(sql`update ledger_proposals set changes = coalesce(
        (select jsonb_object_agg(k, null) from jsonb_object_keys(changes) as k), '{}'::jsonb),
        changes_sealed = null, answer = answer - 'current'
      where kind = 'person' and target_id = ${id}`)
  },

  /**
   * Who read or unmasked one person: audit rows of personal-data reads naming them (a profile or an
   * unmask names one subject; a list page names its page).
   */
  accessLogOf(ex: Executor, personId: string, limit: number, before?: number) {
    return queryRows<AccessRow>(
      ex,
      sql`select a.id, a.at, a.actor_id, coalesce(u.display_name, a.actor_name) as actor_name, a.summary,
          ${personId}::text as person_id, null as person_name
        from audit_log a left join users u on a.actor_type = 'user' and u.id::text = a.actor_id where a.action = 'personal_data.read' and a.resource_type = 'person'
        and (a.resource_id = ${personId} or a.summary->'subjects' @> ${JSON.stringify([personId])}::jsonb)
        ${before ? sql`and a.id < ${before}` : sql``}
        order by a.id desc limit ${limit}`,
    )
  },

  /** The same across a subtree: profile reads and unmasks of the people in it (one subject a row). */
  accessLogWithin(
    ex: Executor,
    within: string[] | null,
    gridPath: string | null,
    limit: number,
    before?: number,
  ) {
    return queryRows<AccessRow>(
      ex,
      sql`select a.id, a.at, a.actor_id, coalesce(u.display_name, a.actor_name) as actor_name, a.summary,
          p.id::text as person_id, p.name as person_name
        from audit_log a join people p on p.id::text = a.resource_id
        left join users u on a.actor_type = 'user' and u.id::text = a.actor_id
        where a.action = 'personal_data.read' and a.resource_type = 'person'
        ${andPathWithin(sql`p.grid_path`, within)}
        ${gridPath ? sql`and p.grid_path <@ ${gridPath}::ltree` : sql``}
        ${before ? sql`and a.id < ${before}` : sql``}
        order by a.id desc limit ${limit}`,
    )
  },
}

export interface AccessRow {
  id: number | string
  at: string | Date
  actor_id: string | null
  actor_name: string | null
  summary: Record<string, unknown>
  person_id: string | null
  person_name: string | null
}
