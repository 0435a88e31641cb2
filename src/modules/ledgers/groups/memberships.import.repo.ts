import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'

/** A membership as an import matches it: its key (person, group), its dates and version. */
export interface KeptMembership {
  id: string
  person_id: string
  group_code: string
  grid_path: string
  sub_kind: string | null
  attention: number
  starts_on: string
  ends_on: string | null
  responsible_user_id: string | null
  version: number
}

/** The statements an import of memberships runs per batch (one each, whatever the batch's size). */
export const membershipsImportRepo = {
  /** Every membership of these people in these groups, locked for the batch's update. */
  ofPeople(
    ex: Executor,
    pairs: readonly { personId: string; groupCode: string }[],
  ): Promise<KeptMembership[]> {
    if (pairs.length === 0) return Promise.resolve([])
    return queryRows(
      ex,
      sql`select gm.id, gm.person_id, gm.group_code, gm.grid_path::text as grid_path, gm.sub_kind, gm.attention,
          gm.starts_on::text as starts_on, gm.ends_on::text as ends_on, gm.responsible_user_id, gm.version
        from group_memberships gm
        join json_to_recordset(${JSON.stringify(pairs)}::json) as x("personId" uuid, "groupCode" text)
          on gm.person_id = x."personId" and gm.group_code = x."groupCode"
        order by gm.starts_on desc, gm.id desc
        for update of gm`,
    )
  },

  /** The China day of each membership's latest visit (those without a visit are left out). */
  async lastVisitDays(ex: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map()
    const rows = await queryRows<{ id: string; day: string }>(
      ex,
      sql`select membership_id as id, max(visited_at at time zone 'Asia/Shanghai')::date::text as day
        from visits where membership_id = any(${pgTextArray(ids)}::uuid[]) group by membership_id`,
    )
    return new Map(rows.map((r) => [r.id, r.day]))
  },

  /** Users by username (as typed, any case), with whether they are active. */
  async usersByNames(
    ex: Executor,
    names: readonly string[],
  ): Promise<Map<string, { id: string; active: boolean }>> {
    if (names.length === 0) return new Map()
    const rows = await queryRows<{ id: string; name: string; active: boolean }>(
      ex,
      sql`select id, lower(username) as name, status = 'active' as active from users
        where lower(username) = any(${pgTextArray(names.map((n) => n.toLowerCase()))}::text[])`,
    )
    return new Map(rows.map((r) => [r.name, { id: r.id, active: r.active }]))
  },
}
