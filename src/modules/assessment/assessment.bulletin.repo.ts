import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import type { BulletinBody } from './assessment.bulletin.body'

export interface BulletinRow {
  id: string
  scope_path: string
  period: string
  body: BulletinBody
  state: 'draft' | 'published'
  composed_by_name: string | null
  composed_at: string
  published_by_name: string | null
  published_at: string | null
}

const COLUMNS = sql`b.id, b.scope_path::text as scope_path, b.period, b.body, b.state,
  (select u.display_name from users u where u.id = b.composed_by) as composed_by_name, b.composed_at,
  (select u.display_name from users u where u.id = b.published_by) as published_by_name, b.published_at`

const textArray = (xs: readonly string[]) =>
  xs.length
    ? sql`array[${sql.join(
        xs.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`
    : sql`array[]::text[]`

/** Every statement on bulletins 通报, and the runs a bulletin reports. */
export const bulletinRepo = {
  /** For each scheme, the narrowest run of the period whose area holds `path`. */
  runsCovering(ex: Executor, path: string, period: string) {
    return queryRows<{ id: string; scheme_id: string }>(
      ex,
      sql`select distinct on (r.scheme_id) r.id, r.scheme_id from assessment_runs r
        where r.period = ${period} and r.scope_path @> ${path}::ltree
        order by r.scheme_id, nlevel(r.scope_path) desc`,
    )
  },

  async find(ex: Executor, path: string, period: string): Promise<BulletinRow | undefined> {
    const rows = await queryRows<BulletinRow>(
      ex,
      sql`select ${COLUMNS} from assessment_bulletins b where b.scope_path = ${path}::ltree and b.period = ${period}`,
    )
    return rows[0]
  },

  async get(ex: Executor, id: string): Promise<BulletinRow | undefined> {
    const rows = await queryRows<BulletinRow>(
      ex,
      sql`select ${COLUMNS} from assessment_bulletins b where b.id = ${id}`,
    )
    return rows[0]
  },

  /**
   * Bulletins whose area meets the reader's subtrees (null: all), newest period first: an area above
   * the reader's (their street's bulletin names their grid) or within it.
   */
  list(
    ex: Executor,
    within: string[] | null,
    states: readonly string[],
    limit: number,
  ): Promise<BulletinRow[]> {
    const meets = within
      ? sql`and (${within.length > 0} and (b.scope_path @> any(${textArray(within)}::ltree[])
          or b.scope_path <@ any(${textArray(within)}::ltree[])))`
      : sql``
    return queryRows(
      ex,
      sql`select ${COLUMNS} from assessment_bulletins b where b.state = any(${textArray(states)}) ${meets}
        order by b.period desc, b.scope_path limit ${limit}`,
    )
  },

  /** Writes a draft, replacing the draft of the same area and period. */
  async save(
    ex: Executor,
    b: { id: string; path: string; period: string; body: BulletinBody; by: string | null; at: Date },
  ) {
    await ex.execute(sql`delete from assessment_bulletins where scope_path = ${b.path}::ltree
      and period = ${b.period} and state = 'draft'`)
    await ex.execute(sql`insert into assessment_bulletins (id, scope_path, period, body, composed_by, composed_at)
      values (${b.id}, ${b.path}::ltree, ${b.period}, ${JSON.stringify(b.body)}::jsonb, ${b.by}, ${b.at})`)
  },

  async publish(ex: Executor, id: string, by: string | null, at: Date): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`update assessment_bulletins set state = 'published', published_by = ${by}, published_at = ${at}
        where id = ${id} and state = 'draft' returning id`,
    )
    return rows.length > 0
  },
}
