import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'
import type { Grant } from '../../../lib/context'

export interface MembershipRow {
  id: string
  person_id: string
  person_name: string
  grid_code: string
  grid_name: string
  grid_path: string
  group_code: string
  sub_kind: string | null
  attention: number
  starts_on: string
  ends_on: string | null
  responsible_user_id: string | null
  responsible_name: string | null
  details: Record<string, unknown>
  notes_sealed: string | null
  next_visit_due: string | null
  escalated_at: Date | string | null
  version: number
  last_visit_at: Date | string | null
}

export interface VisitRow {
  id: string
  membership_id: string
  visitor_id: string
  visitor_name: string
  visited_at: Date | string
  lng: number | null
  lat: number | null
  outcome: string
  notes_sealed: string | null
  request_hash?: string | null
}

const membershipColumns = sql`gm.id, gm.person_id, p.name as person_name, g.code as grid_code,
  g.name as grid_name, gm.grid_path::text as grid_path, gm.group_code, gm.sub_kind, gm.attention,
  gm.starts_on::text as starts_on, gm.ends_on::text as ends_on, gm.responsible_user_id,
  u.display_name as responsible_name, gm.details, gm.notes_sealed, gm.next_visit_due::text as next_visit_due,
  gm.escalated_at, gm.version,
  (select max(v.visited_at) from visits v where v.membership_id = gm.id) as last_visit_at`
const fromMemberships = sql`group_memberships gm join people p on p.id = gm.person_id
  join grids g on g.id = gm.grid_id left join users u on u.id = gm.responsible_user_id`

export interface MembershipFilter {
  /** The reader's ledger.special subtrees (null: everywhere). */
  within: string[] | null
  group?: string
  subKind?: string
  attention?: number
  gridPath?: string
  personId?: string
  /** Due on or before this day (the overdue: before today). */
  dueBy?: string
  dueBefore?: string
  ended: boolean
  today: string
  responsibleUserId?: string
}

function conditions(f: MembershipFilter): SQL {
  const c: SQL[] = [sql`true ${andPathWithin(sql.raw('gm.grid_path'), f.within)}`]
  if (f.group) c.push(sql`gm.group_code = ${f.group}`)
  if (f.subKind) c.push(sql`gm.sub_kind = ${f.subKind}`)
  if (f.attention) c.push(sql`gm.attention = ${f.attention}`)
  if (f.gridPath !== undefined) c.push(sql`gm.grid_path <@ ${f.gridPath}::ltree`)
  if (f.personId) c.push(sql`gm.person_id = ${f.personId}::uuid`)
  if (f.dueBy) c.push(sql`gm.next_visit_due <= ${f.dueBy}::date`)
  if (f.dueBefore) c.push(sql`gm.next_visit_due < ${f.dueBefore}::date`)
  if (!f.ended) c.push(sql`(gm.ends_on is null or gm.ends_on >= ${f.today}::date)`)
  if (f.responsibleUserId) c.push(sql`gm.responsible_user_id = ${f.responsibleUserId}::uuid`)
  return sql.join(c, sql` and `)
}

/** Every statement on special-group memberships 特殊人群 and their visits 走访. */
export const groupsRepo = {
  async find(ex: Executor, id: string): Promise<MembershipRow | undefined> {
    const [row] = await queryRows<MembershipRow>(
      ex,
      sql`select ${membershipColumns} from ${fromMemberships} where gm.id = ${id}::uuid`,
    )
    return row
  },

  /** A page, newest first by id (the cursor is the last id of the page before). */
  page(
    ex: Executor,
    f: MembershipFilter,
    page: { limit: number; cursor?: string },
  ): Promise<MembershipRow[]> {
    const cursor = page.cursor ? sql` and gm.id < ${page.cursor}::uuid` : sql``
    return queryRows(
      ex,
      sql`select ${membershipColumns} from ${fromMemberships} where ${conditions(f)}${cursor}
        order by gm.id desc limit ${page.limit}`,
    )
  },

  /** Due by a day, soonest first (a week's list is short: a worker's few dozen). */
  due(ex: Executor, f: MembershipFilter, limit = 500): Promise<MembershipRow[]> {
    return queryRows(
      ex,
      sql`select ${membershipColumns} from ${fromMemberships} where ${conditions(f)}
        order by gm.next_visit_due, gm.id limit ${limit}`,
    )
  },

  /** The person a membership is for: their grid, when they are in the reader's subtrees. */
  async person(
    ex: Executor,
    id: string,
    within: string[] | null,
  ): Promise<{ id: string; grid_id: string; grid_path: string } | undefined> {
    const [row] = await queryRows<{ id: string; grid_id: string; grid_path: string }>(
      ex,
      sql`select id, grid_id, grid_path::text as grid_path from people
        where id = ${id}::uuid and erased_at is null ${andPathWithin(sql.raw('grid_path'), within)}`,
    )
    return row
  },

  /** A user's grants with their roles' permissions, oldest first (auth's role_grants and roles, read). */
  async grantsOf(ex: Executor, userId: string): Promise<Grant[]> {
    const rows = await queryRows<{
      key: string
      permissions: string[]
      scope_type: string
      scope_grid_path: string | null
      scope_department_id: string | null
    }>(
      ex,
      sql`select r.key, r.permissions, g.scope_type, g.scope_grid_path::text as scope_grid_path,
          g.scope_department_id
        from role_grants g join roles r on r.id = g.role_id
        where g.user_id = ${userId}::uuid order by g.created_at`,
    )
    return rows.map((g) => ({
      roleKey: g.key,
      permissions: g.permissions,
      scope:
        g.scope_type === 'department'
          ? { type: 'department', id: g.scope_department_id ?? '' }
          : { type: 'grid', path: g.scope_grid_path ?? '' },
    }))
  },

  async activeUser(ex: Executor, id: string): Promise<boolean> {
    const rows = await queryRows(ex, sql`select 1 from users where id = ${id}::uuid and status = 'active'`)
    return rows.length === 1
  },

  /** An open membership of the person in the group (one at a time). */
  async openMembership(ex: Executor, personId: string, group: string, today: string, except?: string) {
    const other = except ? sql` and id <> ${except}::uuid` : sql``
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`select id from group_memberships where person_id = ${personId}::uuid and group_code = ${group}
        and (ends_on is null or ends_on >= ${today}::date)${other}`,
    )
    return rows[0]?.id
  },

  async insert(
    ex: Executor,
    m: {
      id: string
      personId: string
      gridId: string
      gridPath: string
      groupCode: string
      subKind: string | null
      attention: number
      startsOn: string
      endsOn: string | null
      responsibleUserId: string | null
      details: Record<string, unknown>
      notesSealed: string | null
      nextVisitDue: string | null
    },
  ): Promise<void> {
    await ex.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code, sub_kind,
        attention, starts_on, ends_on, responsible_user_id, details, notes_sealed, next_visit_due)
      values (${m.id}, ${m.personId}, ${m.gridId}, ${m.gridPath}::ltree, ${m.groupCode}, ${m.subKind},
        ${m.attention}, ${m.startsOn}::date, ${m.endsOn}::date, ${m.responsibleUserId},
        ${JSON.stringify(m.details)}::jsonb, ${m.notesSealed}, ${m.nextVisitDue}::date)`)
  },

  /** Writes the changed columns if the version read is still current; answers whether it was. */
  async update(
    ex: Executor,
    id: string,
    version: number,
    patch: {
      subKind?: string | null
      attention?: number
      startsOn?: string
      endsOn?: string | null
      responsibleUserId?: string | null
      details?: Record<string, unknown>
      notesSealed?: string | null
      nextVisitDue?: string | null
    },
  ): Promise<boolean> {
    const sets: SQL[] = [sql`version = version + 1`]
    if (patch.subKind !== undefined) sets.push(sql`sub_kind = ${patch.subKind}`)
    if (patch.attention !== undefined) sets.push(sql`attention = ${patch.attention}`)
    if (patch.startsOn !== undefined) sets.push(sql`starts_on = ${patch.startsOn}::date`)
    if (patch.endsOn !== undefined) sets.push(sql`ends_on = ${patch.endsOn}::date`)
    if (patch.responsibleUserId !== undefined)
      sets.push(sql`responsible_user_id = ${patch.responsibleUserId}`)
    if (patch.details !== undefined) sets.push(sql`details = ${JSON.stringify(patch.details)}::jsonb`)
    if (patch.notesSealed !== undefined) sets.push(sql`notes_sealed = ${patch.notesSealed}`)
    if (patch.nextVisitDue !== undefined) sets.push(sql`next_visit_due = ${patch.nextVisitDue}::date`)
    const rows = await queryRows(
      ex,
      sql`update group_memberships set ${sql.join(sets, sql`, `)}
        where id = ${id}::uuid and version = ${version} returning id`,
    )
    return rows.length === 1
  },

  async setDue(ex: Executor, id: string, due: string | null): Promise<void> {
    await ex.execute(sql`update group_memberships set next_visit_due = ${due}::date where id = ${id}::uuid`)
  },

  /** Open memberships with the day of their last visit, to reschedule after a policy change. */
  open(
    ex: Executor,
    today: string,
  ): Promise<
    {
      id: string
      group_code: string
      attention: number
      starts_on: string
      ends_on: string | null
      next_visit_due: string | null
      last_visit_day: string | null
    }[]
  > {
    return queryRows(
      ex,
      sql`select gm.id, gm.group_code, gm.attention, gm.starts_on::text as starts_on, gm.ends_on::text as ends_on,
          gm.next_visit_due::text as next_visit_due,
          (select max(v.visited_at at time zone 'Asia/Shanghai')::date::text from visits v where v.membership_id = gm.id)
            as last_visit_day
        from group_memberships gm where gm.ends_on is null or gm.ends_on >= ${today}::date`,
    )
  },

  async setDues(ex: Executor, dues: readonly { id: string; due: string | null }[]): Promise<void> {
    if (dues.length === 0) return
    await ex.execute(sql`update group_memberships gm set next_visit_due = x.due::date
      from json_to_recordset(${JSON.stringify(dues)}::json) as x(id uuid, due text) where gm.id = x.id`)
  },

  /**
   * Memberships under these (retired) grid paths take their person's grid again; answers the ids moved.
   */
  async followPeople(ex: Executor, gridPaths: readonly string[]): Promise<string[]> {
    const paths = sql.join(
      gridPaths.map((path) => sql`${path}::ltree`),
      sql`, `,
    )
    const moved = await queryRows<{ id: string }>(
      ex,
      sql`update group_memberships gm set grid_id = p.grid_id, grid_path = p.grid_path
      from people p
      where p.id = gm.person_id and gm.grid_path <@ any(array[${paths}])
        and (gm.grid_id <> p.grid_id or gm.grid_path <> p.grid_path)
      returning gm.id`,
    )
    return moved.map((r) => r.id)
  },

  /** The visit sweep's lock for this transaction, if no other node holds it. */
  async trySweepLock(ex: Executor): Promise<boolean> {
    const [lock] = await queryRows<{ got: boolean }>(
      ex,
      sql`select pg_try_advisory_xact_lock(hashtext('wangge.visit_sweep')) as got`,
    )
    return Boolean(lock?.got)
  },

  /**
   * Marks escalated (at `now`) each open membership whose next visit was due before `today`, unless
   * already escalated since that due date; answers those marked.
   */
  escalateOverdue(
    ex: Executor,
    now: Date,
    today: string,
  ): Promise<{ id: string; group_code: string; grid_path: string; next_visit_due: string }[]> {
    return queryRows(
      ex,
      sql`update group_memberships gm set escalated_at = ${now.toISOString()}::timestamptz
          where gm.next_visit_due < ${today}::date
            and (gm.ends_on is null or gm.ends_on >= ${today}::date)
            and (gm.escalated_at is null
              or gm.escalated_at < (gm.next_visit_due::timestamp at time zone 'Asia/Shanghai'))
          returning gm.id, gm.group_code, gm.grid_path::text as grid_path, gm.next_visit_due::text as next_visit_due`,
    )
  },

  async insertVisit(
    ex: Executor,
    v: {
      id: string
      membershipId: string
      visitorId: string
      visitedAt: Date
      place: { lng: number; lat: number } | null
      outcome: string
      notesSealed: string | null
      requestHash: string | null
    },
  ): Promise<void> {
    const place = v.place ? sql`ST_SetSRID(ST_MakePoint(${v.place.lng}, ${v.place.lat}), 4326)` : sql`null`
    await ex.execute(sql`insert into visits (id, membership_id, visitor_id, visited_at, place, outcome, notes_sealed,
        request_hash)
      values (${v.id}, ${v.membershipId}, ${v.visitorId}, ${v.visitedAt.toISOString()}::timestamptz, ${place},
        ${v.outcome}, ${v.notesSealed}, ${v.requestHash})`)
  },

  /** The China day of a membership's latest visit. */
  async lastVisitDay(ex: Executor, membershipId: string): Promise<string | null> {
    const [row] = await queryRows<{ day: string | null }>(
      ex,
      sql`select max(visited_at at time zone 'Asia/Shanghai')::date::text as day from visits
        where membership_id = ${membershipId}::uuid`,
    )
    return row?.day ?? null
  },

  visits(ex: Executor, membershipId: string): Promise<VisitRow[]> {
    return queryRows(
      ex,
      sql`select v.id, v.membership_id, v.visitor_id, u.display_name as visitor_name, v.visited_at,
          ST_X(v.place) as lng, ST_Y(v.place) as lat, v.outcome, v.notes_sealed
        from visits v join users u on u.id = v.visitor_id
        where v.membership_id = ${membershipId}::uuid order by v.visited_at desc, v.id desc`,
    )
  },

  async findVisit(ex: Executor, id: string): Promise<VisitRow | undefined> {
    const [row] = await queryRows<VisitRow>(
      ex,
      sql`select v.id, v.membership_id, v.visitor_id, u.display_name as visitor_name, v.visited_at,
          ST_X(v.place) as lng, ST_Y(v.place) as lat, v.outcome, v.notes_sealed, v.request_hash
        from visits v join users u on u.id = v.visitor_id where v.id = ${id}::uuid`,
    )
    return row
  },
}
