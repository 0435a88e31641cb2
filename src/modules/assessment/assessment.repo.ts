import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { type FieldCounts, NO_FIELD_WORK } from './assessment.indicators'
import type { SchemeBody } from './assessment.scheme'
import type { Subsidy } from './assessment.score'

/** The audit actions that create a base-data record 信息采集, and those that correct one 信息更正. */
const COLLECTING = [
  'person.create',
  'ledger.household_create',
  'ledger.building_create',
  'ledger.room_create',
  'ledger.unit_create',
  'ledger.organization_create',
  'ledger.rental_create',
  'ledger.device_create',
  'ledger.dispute_create',
  'ledger.move_in',
]
const CORRECTING = [
  'person.update',
  'ledger.household_update',
  'ledger.building_update',
  'ledger.room_update',
  'ledger.organization_update',
  'ledger.device_update',
  'ledger.dispute_update',
  'ledger.household_member_add',
  'ledger.household_member_remove',
  'ledger.move_out',
]

const chinaStart = (day: string) => sql`(${day}::date)::timestamp at time zone 'Asia/Shanghai'`
const textArray = (xs: readonly string[]) =>
  xs.length
    ? sql`array[${sql.join(
        xs.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`
    : sql`array[]::text[]`

export interface SchemeRow {
  id: string
  code: string
  name_zh: string
  name_en: string
  subject: 'grid' | 'worker'
  level: string | null
  body: SchemeBody
  version: number
  updated_at: string
}

export interface Subject {
  key: string
  name: string
  path: string
  grid_code: string
  grid_name: string
}

export interface RunRow {
  id: string
  scheme_id: string
  scheme_version: number
  scheme: {
    code: string
    nameZh: string
    nameEn: string
    subject: string
    level: string | null
    body: SchemeBody
  }
  scope_path: string
  scope_name: string | null
  period: string
  from_day: string
  to_day: string
  data_version: string
  state: 'computed' | 'published'
  computed_by_name: string | null
  computed_at: string
  published_by_name: string | null
  published_at: string | null
}

export interface ResultRow {
  subject_key: string
  subject_name: string
  grid_path: string
  grid_name: string
  counts: unknown
  values: Record<string, number | null>
  points: Record<string, number | null>
  bonus: number
  score: number
  stars: number
  rank: number | null
  previous_rank: number | null
  list: 'red' | 'black' | null
  subsidy: Subsidy | null
}

/** A page of a run's results: which order, from where, how many (or one subject's line). */
export interface ResultPage {
  sort: 'rank' | 'score' | 'name' | 'movement'
  order: 'asc' | 'desc'
  offset: number
  limit: number
  subject?: string
}

/**
 * The orders a page is read in, each ending on the subject's key. By rank (ascending), by score and
 * by name they are what `assessment_results_rank_idx`, `…_score_idx` and `…_name_idx` hold (score
 * and name ascending read them backwards, ties in reverse), so a page of a city's 18,000 grids walks
 * an index; by movement, and by rank from the last, the keys are sorted.
 */
const ORDERS: Record<ResultPage['sort'], Record<ResultPage['order'], string>> = {
  rank: {
    asc: 's.rank asc nulls last, s.grid_path, s.subject_name, s.subject_key',
    desc: 's.rank desc nulls last, s.grid_path, s.subject_name, s.subject_key',
  },
  score: {
    asc: 's.score asc nulls first, s.subject_name desc, s.subject_key desc',
    desc: 's.score desc nulls last, s.subject_name, s.subject_key',
  },
  name: {
    asc: 's.subject_name asc, s.subject_key',
    desc: 's.subject_name desc, s.subject_key desc',
  },
  movement: {
    asc: '(s.previous_rank - s.rank) asc nulls last, s.rank nulls last, s.subject_key',
    desc: '(s.previous_rank - s.rank) desc nulls last, s.rank nulls last, s.subject_key',
  },
}

export interface NewResult extends Omit<ResultRow, 'subsidy'> {
  subsidy: Subsidy | null
}

const RUN_COLUMNS = sql`r.id, r.scheme_id, r.scheme_version, r.scheme, r.scope_path::text as scope_path,
  (select g.name from grids g where g.path = r.scope_path and r.scope_path <> ''::ltree and g.valid_to is null limit 1) as scope_name,
  r.period, r.from_day::text as from_day, r.to_day::text as to_day, r.data_version, r.state,
  (select u.display_name from users u where u.id = r.computed_by) as computed_by_name, r.computed_at,
  (select u.display_name from users u where u.id = r.published_by) as published_by_name, r.published_at`

export const assessmentRepo = {
  schemes(ex: Executor): Promise<SchemeRow[]> {
    return queryRows(
      ex,
      sql`select id, code, name_zh, name_en, subject, level, body, version, updated_at
      from assessment_schemes order by subject, code`,
    )
  },

  async scheme(ex: Executor, id: string): Promise<SchemeRow | undefined> {
    const rows = await queryRows<SchemeRow>(
      ex,
      sql`select id, code, name_zh, name_en, subject, level, body,
      version, updated_at from assessment_schemes where id = ${id}`,
    )
    return rows[0]
  },

  async insertScheme(ex: Executor, s: Omit<SchemeRow, 'version' | 'updated_at'>): Promise<void> {
    await ex.execute(sql`insert into assessment_schemes (id, code, name_zh, name_en, subject, level, body)
      values (${s.id}, ${s.code}, ${s.name_zh}, ${s.name_en}, ${s.subject}, ${s.level}, ${JSON.stringify(s.body)}::jsonb)
      on conflict (code) do nothing`)
  },

  /** Replaces a scheme's body if it is still at `version`; the new version, or undefined when it moved on. */
  async updateScheme(
    ex: Executor,
    id: string,
    version: number,
    change: { nameZh: string; nameEn: string; body: SchemeBody; by: string | null },
  ): Promise<number | undefined> {
    const rows = await queryRows<{ version: number }>(
      ex,
      sql`update assessment_schemes
      set name_zh = ${change.nameZh}, name_en = ${change.nameEn}, body = ${JSON.stringify(change.body)}::jsonb,
        version = version + 1, updated_by = ${change.by}, updated_at = now()
      where id = ${id} and version = ${version} returning version`,
    )
    return rows[0]?.version
  },

  /** The current grids of a level in a subtree ('' for everywhere). */
  gridSubjects(ex: Executor, scope: string, level: string): Promise<Subject[]> {
    return queryRows(
      ex,
      sql`select g.code as key, g.name, g.path::text as path, g.code as grid_code, g.name as grid_name
      from grids g where g.level = ${level} and g.valid_to is null
        and (${scope} = '' or g.path <@ ${scope}::ltree)
      order by g.path`,
    )
  },

  /**
   * Everyone who held a worker's post in the subtree during the period, at their deepest post's grid
   * (as patrols measure time in grid against it).
   */
  workerSubjects(
    ex: Executor,
    scope: string,
    posts: readonly string[],
    from: string,
    to: string,
  ): Promise<Subject[]> {
    return queryRows(
      ex,
      sql`select * from (
        select distinct on (p.user_id) p.user_id::text as key, u.display_name as name, g.path::text as path,
          g.code as grid_code, g.name as grid_name
        from grid_posts p join grids g on g.id = p.grid_id join users u on u.id = p.user_id
        where p.user_id is not null and p.post = any(${textArray(posts)})
          and p.valid_from < ${to}::date and (p.valid_to is null or p.valid_to > ${from}::date)
          and (${scope} = '' or g.path <@ ${scope}::ltree)
        order by p.user_id, nlevel(g.path) desc, p.valid_from desc) s
      order by s.path, s.name`,
    )
  },

  /** What each of `userIds` did in [from, to) (China days): one statement, a row per worker. */
  async fieldCounts(ex: Executor, userIds: readonly string[], from: string, to: string) {
    const counts = new Map<string, FieldCounts>()
    if (!userIds.length) return counts
    const start = chinaStart(from)
    const end = chinaStart(to)
    const ids = sql`array[${sql.join(
      userIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]`
    const rows = await queryRows<FieldCounts & { user_id: string }>(
      ex,
      sql`with who as (select unnest(${ids}) as user_id),
      days as (select d.user_id, count(*) filter (where d.work_s > 0)::int as work_days,
          count(*) filter (where d.work_s > 0 and d.patrols_met and d.in_grid_met)::int as met_days,
          coalesce(sum(d.work_s), 0)::bigint as work_s, coalesce(sum(d.patrol_s), 0)::bigint as patrol_s,
          coalesce(sum(d.in_grid_s), 0)::bigint as in_grid_s
        from compliance_days d join who using (user_id)
        where d.day >= ${from}::date and d.day < ${to}::date group by d.user_id),
      walks as (select p.user_id, count(*)::int as patrols, coalesce(sum(p.coverage), 0)::float8 as coverage_sum,
          coalesce(sum(p.distance_m), 0)::float8 as distance_m
        from patrols p join who using (user_id)
        where p.state = 'ended' and p.started_at >= ${start} and p.started_at < ${end} group by p.user_id),
      plan_visits as (
        select v.visitor_id, v.visited_at, m.starts_on, rule.every_days,
          lag(v.visited_at) over (partition by v.membership_id order by v.visited_at) as previous
        from visits v join group_memberships m on m.id = v.membership_id
        cross join lateral (select p.every_days from visit_policies p
          where p.group_code = m.group_code and p.min_attention <= m.attention
          order by p.min_attention desc limit 1) rule
        where v.visited_at < ${end}
          and v.membership_id in (select v2.membership_id from visits v2 join who w on w.user_id = v2.visitor_id
            where v2.membership_id is not null and v2.visited_at >= ${start} and v2.visited_at < ${end})),
      visit_counts as (select w.user_id,
          (select count(*) from visits v where v.visitor_id = w.user_id
            and v.visited_at >= ${start} and v.visited_at < ${end})::int as visits,
          count(pv.visited_at)::int as plan_visits,
          count(pv.visited_at) filter (where
            (pv.visited_at at time zone 'Asia/Shanghai')::date
              - coalesce((pv.previous at time zone 'Asia/Shanghai')::date, pv.starts_on) <= pv.every_days)::int
            as plan_visits_on_time
        from who w left join plan_visits pv on pv.visitor_id = w.user_id
          and pv.visited_at >= ${start} and pv.visited_at < ${end}
        group by w.user_id),
      records as (select a.actor_id::uuid as user_id,
          count(*) filter (where a.action = any(${textArray(COLLECTING)}))::int as collected,
          count(*) filter (where a.action = any(${textArray(CORRECTING)}))::int as corrected
        from audit_log a
        where a.actor_id = any(${textArray(userIds)}) and a.at >= ${start} and a.at < ${end}
          and a.action = any(${textArray([...COLLECTING, ...CORRECTING])})
        group by a.actor_id),
      proposals as (select p.proposed_by as user_id, count(*)::int as accepted
        from ledger_proposals p join who w on w.user_id = p.proposed_by
        where p.proposed_at >= ${start} and p.proposed_at < ${end} and p.state in ('applied', 'approved')
        group by p.proposed_by),
      reports as (select c.reporter_id as user_id, count(*)::int as reports,
          count(*) filter (where c.accepted_at is not null or c.state in ('rejected', 'voided', 'merged'))::int as decided,
          count(*) filter (where c.accepted_at is not null and c.state not in ('rejected', 'voided', 'merged'))::int as filed
        from cases c join who w on w.user_id = c.reporter_id
        where c.source = 'worker' and c.reported_at >= ${start} and c.reported_at < ${end}
        group by c.reporter_id)
      select w.user_id::text as user_id,
        coalesce(d.work_days, 0) as "workDays", coalesce(d.met_days, 0) as "metDays",
        coalesce(d.work_s, 0)::float8 as "workS", coalesce(d.patrol_s, 0)::float8 as "patrolS",
        coalesce(d.in_grid_s, 0)::float8 as "inGridS",
        coalesce(k.patrols, 0) as patrols, coalesce(k.coverage_sum, 0) as "coverageSum",
        coalesce(k.distance_m, 0) as "distanceM",
        vc.visits, vc.plan_visits as "planVisits", vc.plan_visits_on_time as "planVisitsOnTime",
        coalesce(r.collected, 0) as "recordsCollected",
        coalesce(r.corrected, 0) + coalesce(pr.accepted, 0) as "recordsCorrected",
        coalesce(rp.reports, 0) as reports, coalesce(rp.decided, 0) as "reportsDecided",
        coalesce(rp.filed, 0) as "reportsFiled"
      from who w
        left join days d on d.user_id = w.user_id
        left join walks k on k.user_id = w.user_id
        left join visit_counts vc on vc.user_id = w.user_id
        left join records r on r.user_id = w.user_id
        left join proposals pr on pr.user_id = w.user_id
        left join reports rp on rp.user_id = w.user_id`,
    )
    for (const { user_id, ...c } of rows) {
      const numeric = { ...NO_FIELD_WORK }
      for (const k of Object.keys(NO_FIELD_WORK) as (keyof FieldCounts)[]) numeric[k] = Number(c[k] ?? 0)
      counts.set(user_id, numeric)
    }
    return counts
  },

  /** The hand-entered scores of a scheme's period, by subject. */
  marks(ex: Executor, schemeId: string, period: string) {
    return queryRows<{ subject_key: string; kind: 'review' | 'spot_check'; score: number }>(
      ex,
      sql`select subject_key, kind, score from assessment_marks where scheme_id = ${schemeId} and period = ${period}`,
    )
  },

  /**
   * The hand-entered scores of a scheme's period with their notes and who entered them, for subjects
   * in the reader's subtrees (null: all): a grid by its path, a worker by their deepest post's grid.
   */
  marksWithNotes(ex: Executor, schemeId: string, period: string, within: string[] | null) {
    const inScope = within
      ? sql`and (${within.length > 0} and coalesce(g.path, w.path) <@ any(${textArray(within)}::ltree[]))`
      : sql``
    return queryRows<{
      subject_key: string
      kind: 'review' | 'spot_check'
      score: number
      note: string | null
      entered_by_name: string | null
      entered_at: string
    }>(
      ex,
      sql`select m.subject_key, m.kind, m.score, m.note, u.display_name as entered_by_name, m.entered_at
        from assessment_marks m
          left join users u on u.id = m.entered_by
          left join grids g on g.code = m.subject_key and g.valid_to is null
          left join lateral (select pg.path from grid_posts p join grids pg on pg.id = p.grid_id
            where p.user_id::text = m.subject_key and p.valid_to is null
            order by nlevel(pg.path) desc limit 1) w on true
        where m.scheme_id = ${schemeId} and m.period = ${period} ${inScope}
        order by m.subject_key, m.kind`,
    )
  },

  async setMark(
    ex: Executor,
    m: {
      schemeId: string
      period: string
      subjectKey: string
      kind: string
      score: number
      note: string | null
      by: string
      at: Date
    },
  ) {
    await ex.execute(sql`insert into assessment_marks (scheme_id, period, subject_key, kind, score, note, entered_by, entered_at)
      values (${m.schemeId}, ${m.period}, ${m.subjectKey}, ${m.kind}, ${m.score}, ${m.note}, ${m.by}, ${m.at})
      on conflict (scheme_id, period, subject_key, kind) do update
        set score = excluded.score, note = excluded.note, entered_by = excluded.entered_by, entered_at = excluded.entered_at`)
  },

  async findRun(ex: Executor, schemeId: string, scope: string, period: string): Promise<RunRow | undefined> {
    const rows = await queryRows<RunRow>(
      ex,
      sql`select ${RUN_COLUMNS} from assessment_runs r
      where r.scheme_id = ${schemeId} and r.scope_path = ${scope}::ltree and r.period = ${period}`,
    )
    return rows[0]
  },

  async run(ex: Executor, id: string): Promise<RunRow | undefined> {
    const rows = await queryRows<RunRow>(
      ex,
      sql`select ${RUN_COLUMNS} from assessment_runs r where r.id = ${id}`,
    )
    return rows[0]
  },

  /** Runs of a scheme in the reader's subtrees (null: all), newest period first. */
  runs(ex: Executor, schemeId: string, within: string[] | null): Promise<RunRow[]> {
    const inScope = within
      ? sql`and (${within.length > 0} and r.scope_path <@ any(${textArray(within)}::ltree[]))`
      : sql``
    return queryRows(
      ex,
      sql`select ${RUN_COLUMNS} from assessment_runs r
      where r.scheme_id = ${schemeId} ${inScope} order by r.from_day desc, r.scope_path limit 200`,
    )
  },

  /** Ranks of the same scheme and area in another period, by subject. */
  async ranksOf(ex: Executor, schemeId: string, scope: string, period: string): Promise<Map<string, number>> {
    const rows = await queryRows<{ subject_key: string; rank: number }>(
      ex,
      sql`select s.subject_key, s.rank
      from assessment_results s join assessment_runs r on r.id = s.run_id
      where r.scheme_id = ${schemeId} and r.scope_path = ${scope}::ltree and r.period = ${period}`,
    )
    return new Map(rows.map((r) => [r.subject_key, r.rank]))
  },

  /** Fresh statistics after a run's lines are written: its pages are read at once. */
  async analyzeResults(ex: Executor) {
    await ex.execute(sql`analyze assessment_results`)
  },

  /** Writes a run and its results, replacing an unpublished run of the same key. */
  async saveRun(
    ex: Executor,
    run: {
      id: string
      schemeId: string
      schemeVersion: number
      scheme: RunRow['scheme']
      scope: string
      period: string
      from: string
      to: string
      dataVersion: string
      by: string | null
      at: Date
    },
    results: readonly NewResult[],
  ) {
    await ex.execute(sql`delete from assessment_runs where scheme_id = ${run.schemeId}
      and scope_path = ${run.scope}::ltree and period = ${run.period} and state = 'computed'`)
    await ex.execute(sql`insert into assessment_runs (id, scheme_id, scheme_version, scheme, scope_path, period,
        from_day, to_day, data_version, computed_by, computed_at)
      values (${run.id}, ${run.schemeId}, ${run.schemeVersion}, ${JSON.stringify(run.scheme)}::jsonb, ${run.scope}::ltree,
        ${run.period}, ${run.from}::date, ${run.to}::date, ${run.dataVersion}, ${run.by}, ${run.at})`)
    for (let i = 0; i < results.length; i += 500) {
      const rows = results.slice(i, i + 500).map(
        (r) => sql`(${run.id}, ${r.subject_key}, ${r.subject_name}, ${r.grid_path}::ltree, ${r.grid_name},
          ${JSON.stringify(r.counts)}::jsonb, ${JSON.stringify(r.values)}::jsonb, ${JSON.stringify(r.points)}::jsonb,
          ${r.bonus}, ${r.score}, ${r.stars}, ${r.rank}, ${r.previous_rank}, ${r.list},
          ${r.subsidy === null ? null : JSON.stringify(r.subsidy)}::jsonb)`,
      )
      await ex.execute(sql`insert into assessment_results (run_id, subject_key, subject_name, grid_path, grid_name,
          counts, values, points, bonus, score, stars, rank, previous_rank, list, subsidy)
        values ${sql.join(rows, sql`, `)}`)
    }
  },

  /**
   * A run's results in the reader's subtrees (null: all): a page in the order asked (each order ends
   * on the subject's key, so pages neither repeat nor skip a line), or all of them by rank.
   */
  results(
    ex: Executor,
    runId: string,
    within: string[] | null,
    page: ResultPage | null,
  ): Promise<ResultRow[]> {
    const inScope = within
      ? sql`and (${within.length > 0} and s.grid_path <@ any(${textArray(within)}::ltree[]))`
      : sql``
    const one = page?.subject === undefined ? sql`` : sql`and s.subject_key = ${page.subject}`
    const order = ORDERS[page?.sort ?? 'rank'][page?.order ?? 'asc']
    // A page's keys first, from an index or sorted over the narrow columns alone, then those lines
    // whole by their primary key. Materialized and lateral: for a run just written the statistics
    // may expect one line, and a planner trusting that would run the page's scan again for every
    // line (minutes, not ms).
    const columns = sql`s.subject_key, s.subject_name, s.grid_path::text as grid_path, s.grid_name,
      s.counts, s.values, s.points, s.bonus, s.score, s.stars, s.rank, s.previous_rank, s.list, s.subsidy`
    if (!page)
      return queryRows(
        ex,
        sql`select ${columns} from assessment_results s where s.run_id = ${runId} ${inScope}
          order by ${sql.raw(order)}`,
      )
    return queryRows(
      ex,
      sql`with k as materialized (select s.subject_key from assessment_results s
          where s.run_id = ${runId} ${inScope} ${one} order by ${sql.raw(order)}
          limit ${page.limit} offset ${page.offset})
        select ${columns} from k cross join lateral (select * from assessment_results s
          where s.run_id = ${runId} and s.subject_key = k.subject_key limit 1) s
        order by ${sql.raw(order)}`,
    )
  },

  /** How many results the reader's part of a run holds: all, ranked, with a star, on each list. */
  async totals(ex: Executor, runId: string, within: string[] | null) {
    const inScope = within
      ? sql`and (${within.length > 0} and s.grid_path <@ any(${textArray(within)}::ltree[]))`
      : sql``
    const [row] = await queryRows<{
      subjects: number
      ranked: number
      starred: number
      red: number
      black: number
    }>(
      ex,
      sql`select count(*)::int as subjects, count(s.rank)::int as ranked,
        count(*) filter (where s.stars > 0)::int as starred,
        count(*) filter (where s.list = 'red')::int as red, count(*) filter (where s.list = 'black')::int as black
      from assessment_results s where s.run_id = ${runId} ${inScope}`,
    )
    return row ?? { subjects: 0, ranked: 0, starred: 0, red: 0, black: 0 }
  },

  /** Whether a published run of the scheme and period covers a grid path (its figures are final). */
  async publishedCovering(ex: Executor, schemeId: string, period: string, path: string): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`select 1 from assessment_runs where scheme_id = ${schemeId}
      and period = ${period} and state = 'published' and scope_path @> ${path}::ltree limit 1`,
    )
    return rows.length > 0
  },

  async publish(ex: Executor, id: string, by: string | null, at: Date): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`update assessment_runs set state = 'published', published_by = ${by},
      published_at = ${at} where id = ${id} and state = 'computed' returning id`,
    )
    return rows.length > 0
  },

  /** A grid's path and name by code (current). */
  async grid(ex: Executor, code: string): Promise<{ path: string; name: string; level: string } | undefined> {
    const rows = await queryRows<{ path: string; name: string; level: string }>(
      ex,
      sql`select path::text as path, name, level from grids where code = ${code} and valid_to is null limit 1`,
    )
    return rows[0]
  },
}
