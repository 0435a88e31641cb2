import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'

/**
 * Every SQL statement of campaigns 专项行动 and their tasks. Generating tasks reads the ledgers'
 * households, buildings and people, and assigning them reads the staff's grid posts, each in one
 * set-based statement (a campaign over a street makes tens of thousands of tasks at once).
 */

export interface CampaignRow {
  id: string
  title: string
  kind: string
  scope_path: string
  scope_code: string
  scope_name: string
  target: string
  form: unknown
  starts_on: string
  ends_on: string
  state: string
  task_count: number
  created_at: Date | string
  version: number
}

export type StateCounts = Record<string, number>

const campaignColumns = sql`c.id, c.title, c.kind, c.scope_path::text as scope_path, g.code as scope_code,
  g.name as scope_name, c.target, c.form, c.starts_on::text as starts_on, c.ends_on::text as ends_on, c.state,
  c.task_count, c.created_at, c.version`

/** The targets of a campaign in a subtree, with the label a worker reads (a person's name is masked later). */
const TARGETS = {
  household: (scope: string) => sql`select h.id as target_id, h.grid_id, h.grid_path,
      nullif(concat_ws(' ', b.name, u.name, r.number, case when r.id is null then h.number end), '') as label
    from households h left join rooms r on r.id = h.room_id left join buildings b on b.id = r.building_id
      left join building_units u on u.id = r.unit_id
    where h.grid_path <@ ${scope}::ltree`,
  building: (scope: string) => sql`select b.id as target_id, b.grid_id, b.grid_path,
      concat_ws(' ', b.name, b.address) as label
    from buildings b where b.grid_path <@ ${scope}::ltree`,
  person: (scope: string) => sql`select p.id as target_id, p.grid_id, p.grid_path, null::text as label
    from people p where p.grid_path <@ ${scope}::ltree`,
} as const

export type CampaignTarget = keyof typeof TARGETS

export const campaignsRepo = {
  async insert(
    ex: Executor,
    row: {
      id: string
      title: string
      kind: string
      scopePath: string
      target: string
      form: unknown
      startsOn: string
      endsOn: string
      createdBy: string
    },
  ): Promise<void> {
    await ex.execute(sql`insert into campaigns (id, title, kind, scope_path, target, form, starts_on, ends_on, created_by)
      values (${row.id}, ${row.title}, ${row.kind}, ${row.scopePath}::ltree, ${row.target},
        ${JSON.stringify(row.form)}::jsonb, ${row.startsOn}::date, ${row.endsOn}::date, ${row.createdBy})`)
  },

  /** How many targets the subtree holds (checked before generating, against the cap). */
  async countTargets(ex: Executor, target: CampaignTarget, scopePath: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from (${TARGETS[target](scopePath)}) t`,
    )
    return Number(row?.n ?? 0)
  },

  /**
   * One task per target, each assigned to the worker of the nearest grid above it that has one (the
   * full-time worker first, then the longest in post); answers how many were made.
   */
  async generateTasks(
    ex: Executor,
    campaignId: string,
    target: CampaignTarget,
    scopePath: string,
    workerPosts: readonly string[],
    today: string,
  ): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`with targets as (${TARGETS[target](scopePath)}),
        places as (select distinct grid_path from targets),
        workers as (
          select p.grid_path, w.user_id from places p left join lateral (
            select gp.user_id from grid_posts gp join grids g on g.id = gp.grid_id
            where gp.user_id is not null and gp.post = any(${pgTextArray(workerPosts)}::text[])
              and gp.valid_from <= ${today}::date and (gp.valid_to is null or gp.valid_to >= ${today}::date)
              and g.valid_to is null and g.path @> p.grid_path
            order by nlevel(g.path) desc, (gp.post = 'full_time_worker') desc, gp.valid_from, gp.id limit 1) w on true),
        made as (
          insert into campaign_tasks (id, campaign_id, target_id, grid_id, grid_path, label, assignee_id)
          select gen_random_uuid(), ${campaignId}, t.target_id, t.grid_id, t.grid_path, t.label, w.user_id
          from targets t join workers w on w.grid_path = t.grid_path
          returning 1)
        select count(*)::int as n from made`,
    )
    const n = Number(row?.n ?? 0)
    await ex.execute(sql`update campaigns set task_count = ${n} where id = ${campaignId}`)
    return n
  },

  async find(ex: Executor, id: string): Promise<CampaignRow | undefined> {
    const [row] = await queryRows<CampaignRow>(
      ex,
      sql`select ${campaignColumns} from campaigns c join grids g on g.path = c.scope_path and g.valid_to is null
        where c.id = ${id}`,
    )
    return row
  },

  /** Campaigns whose subtree meets the reader's (inside it, or above it), or that gave the reader tasks. */
  async list(
    ex: Executor,
    opts: { within: string[] | null; userId: string; state?: string },
  ): Promise<CampaignRow[]> {
    const meets = opts.within
      ? opts.within.length
        ? sql`(c.scope_path <@ any(${pgTextArray(opts.within)}::ltree[]) or c.scope_path @> any(${pgTextArray(opts.within)}::ltree[]))`
        : sql`false`
      : sql`true`
    const state = opts.state ? sql`and c.state = ${opts.state}` : sql``
    return queryRows(
      ex,
      sql`select ${campaignColumns} from campaigns c join grids g on g.path = c.scope_path and g.valid_to is null
        where (${meets} or exists (select 1 from campaign_tasks t where t.campaign_id = c.id and t.assignee_id = ${opts.userId}))
        ${state}
        order by c.state, c.starts_on desc, c.id desc limit 200`,
    )
  },

  /** Tasks by state for each campaign (within the reader's subtrees when they see only part of it). */
  async counts(
    ex: Executor,
    ids: readonly string[],
    within: string[] | null,
  ): Promise<Map<string, StateCounts>> {
    if (!ids.length) return new Map()
    const rows = await queryRows<{ campaign_id: string; state: string; n: number }>(
      ex,
      sql`select t.campaign_id, t.state, count(*)::int as n from campaign_tasks t
        where t.campaign_id = any(${pgTextArray(ids)}::uuid[]) ${andPathWithin(sql`t.grid_path`, within)}
        group by t.campaign_id, t.state`,
    )
    const out = new Map<string, StateCounts>()
    for (const r of rows) {
      const counts = out.get(r.campaign_id) ?? {}
      counts[r.state] = Number(r.n)
      out.set(r.campaign_id, counts)
    }
    return out
  },

  /** Progress per grid (the task's own grid) or per assigned worker. */
  async progress(
    ex: Executor,
    id: string,
    by: 'grid' | 'worker',
    within: string[] | null,
  ): Promise<{ key: string | null; name: string | null; state: string; n: number }[]> {
    const scoped = andPathWithin(sql`t.grid_path`, within)
    return by === 'grid'
      ? queryRows(
          ex,
          sql`select g.code as key, g.name, t.state, count(*)::int as n from campaign_tasks t join grids g on g.id = t.grid_id
            where t.campaign_id = ${id} ${scoped} group by g.code, g.name, t.state order by g.code`,
        )
      : queryRows(
          ex,
          sql`select t.assignee_id::text as key, u.display_name as name, t.state, count(*)::int as n
            from campaign_tasks t left join users u on u.id = t.assignee_id
            where t.campaign_id = ${id} ${scoped} group by t.assignee_id, u.display_name, t.state order by u.display_name nulls last`,
        )
  },

  async close(ex: Executor, id: string, at: Date): Promise<void> {
    await ex.execute(
      sql`update campaigns set state = 'closed', closed_at = ${at.toISOString()}::timestamptz, version = version + 1
        where id = ${id}`,
    )
  },
}
