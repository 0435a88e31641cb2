import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

/** A warning as a rule raises it. */
export interface RaisedWarning {
  rule: string
  scopePath: string
  /** What makes it the same warning again: the rule's scope and window. */
  dedupKey: string
  level: 'red' | 'yellow'
  titleZh: string
  titleEn: string
  categoryCode: string | null
  location: { lng: number; lat: number } | null
  inputs: Record<string, unknown>
}

export interface WarningRow {
  id: string
  rule: string
  scope_path: string
  level: string
  title_zh: string
  title_en: string
  category_code: string | null
  lng: number | null
  lat: number | null
  inputs: Record<string, unknown>
  state: string
  handled_by: string | null
  handler_name: string | null
  handled_at: Date | null
  reason: string | null
  case_id: string | null
  case_no: string | null
  created_at: Date
  updated_at: Date
}

/** A patrol running now, where its worker was last seen and whether that is outside their grid. */
export interface RunningPatrol {
  patrol_id: string
  user_name: string
  grid_path: string | null
  grid_name: string | null
  started_at: Date
  last_at: Date | null
  lon: number | null
  lat: number | null
  /** The last point lies more than 50 m outside the worker's grid. */
  outside: boolean
}

/** A cluster of recent events close together, in one big class. */
export interface Cluster {
  big_class: string
  n: number
  case_ids: string[]
  lng: number
  lat: number
  /** The leaf grid most of its events lie in. */
  grid_path: string | null
  /** Its extent: the farthest event from its centre, in metres. */
  radius_m: number
}

/** Metres per degree of longitude (kx) and latitude (ky) at the points' mean latitude (WGS-84). */
const LOCAL_METRES =
  sql.raw(`radians(1) * 6378137 * cos(radians(lat0)) / sqrt(1 - 0.00669437999014 * sin(radians(lat0)) ^ 2) as kx,
  radians(1) * 6378137 * (1 - 0.00669437999014) / (1 - 0.00669437999014 * sin(radians(lat0)) ^ 2) ^ 1.5 as ky`)

const COLUMNS = sql`w.id, w.rule, w.scope_path::text as scope_path, w.level, w.title_zh, w.title_en,
  w.category_code, ST_X(w.location) as lng, ST_Y(w.location) as lat, w.inputs, w.state, w.handled_by,
  u.display_name as handler_name, w.handled_at, w.reason, w.case_id, c.no as case_no, w.created_at, w.updated_at`

/** At most this many warnings are raised in one statement (9 parameters each). */
const RAISE_BATCH = 500

async function raiseBatch(ex: Executor, raised: RaisedWarning[]): Promise<string[]> {
  const values = raised.map(
    (w) => sql`(${uuidv7()}::uuid, ${w.rule}, ${w.scopePath}::ltree, ${w.dedupKey}, ${w.level}, ${w.titleZh},
        ${w.titleEn}, ${w.categoryCode}, ${w.location ? sql`ST_SetSRID(ST_MakePoint(${w.location.lng}, ${w.location.lat}), 4326)` : sql`null::geometry`},
        ${JSON.stringify(w.inputs)}::jsonb)`,
  )
  const rows = await queryRows<{ id: string; fresh: boolean }>(
    ex,
    sql`insert into warnings as w (id, rule, scope_path, dedup_key, level, title_zh, title_en, category_code,
          location, inputs)
        values ${sql.join(values, sql`, `)}
        on conflict (dedup_key) do update set level = excluded.level, title_zh = excluded.title_zh,
          title_en = excluded.title_en, location = excluded.location, inputs = excluded.inputs, updated_at = now()
          where w.state = 'open'
        returning w.id, (xmax = 0) as fresh`,
  )
  return rows.filter((r) => r.fresh).map((r) => r.id)
}

export const warningsRepo = {
  /**
   * Raises warnings: a new one is inserted; one already raised in the same scope and window is
   * brought up to date while open, and left alone once someone acknowledged, dismissed or converted
   * it. Answers the ids of those newly raised.
   */
  async raise(ex: Executor, all: RaisedWarning[]): Promise<string[]> {
    // One row per key: a statement may not insert and then update the same row.
    const raised = [...new Map(all.map((w) => [w.dedupKey, w])).values()]
    const fresh: string[] = []
    // In batches: a city's open deadlines run to tens of thousands, past one statement's parameters.
    for (let i = 0; i < raised.length; i += RAISE_BATCH)
      fresh.push(...(await raiseBatch(ex, raised.slice(i, i + RAISE_BATCH))))
    return fresh
  },

  /** The path of the current grid with this code, if there is one. */
  async gridPath(ex: Executor, code: string): Promise<string | undefined> {
    const [row] = await queryRows<{ path: string }>(
      ex,
      sql`select path::text as path from grids where code = ${code} and valid_to is null`,
    )
    return row?.path
  },

  /** Warnings within the reader's subtrees (null: everywhere), newest first. */
  list(
    ex: Executor,
    q: {
      within: string[] | null
      states: string[]
      limit: number
      before?: string
      rules?: string[]
      under?: string
    },
  ): Promise<WarningRow[]> {
    const where: SQL[] = [sql`w.state = any(${pgTextArray(q.states)}::text[])`]
    if (q.under !== undefined) where.push(sql`w.scope_path <@ ${q.under}::ltree`)
    if (q.rules) where.push(sql`w.rule = any(${pgTextArray(q.rules)}::text[])`)
    if (q.within !== null) where.push(sql`w.scope_path <@ any(${pgTextArray(q.within)}::ltree[])`)
    // One run raises many at one instant: the id breaks the tie, so a page never skips one.
    if (q.before)
      where.push(
        sql`(w.created_at, w.id) < (select b.created_at, b.id from warnings b where b.id = ${q.before})`,
      )
    return queryRows<WarningRow>(
      ex,
      sql`select ${COLUMNS} from warnings w left join users u on u.id = w.handled_by
        left join cases c on c.id = w.case_id
        where ${sql.join(where, sql` and `)} order by w.created_at desc, w.id desc limit ${q.limit}`,
    )
  },

  /** Open warnings counted by rule, level and scope in the reader's subtrees (null: all). */
  openCounts(ex: Executor, within: string[] | null, under?: string) {
    const inScope = within === null ? sql`` : sql`and w.scope_path <@ any(${pgTextArray(within)}::ltree[])`
    const inGrid = under === undefined ? sql`` : sql`and w.scope_path <@ ${under}::ltree`
    return queryRows<{ rule: string; level: string; scope_path: string; n: number }>(
      ex,
      sql`select w.rule, w.level, w.scope_path::text as scope_path, count(*)::int as n from warnings w
        where w.state = 'open' ${inScope} ${inGrid} group by w.rule, w.level, w.scope_path`,
    )
  },

  async get(ex: Executor, id: string): Promise<WarningRow | undefined> {
    const [row] = await queryRows<WarningRow>(
      ex,
      sql`select ${COLUMNS} from warnings w left join users u on u.id = w.handled_by
        left join cases c on c.id = w.case_id where w.id = ${id}`,
    )
    return row
  },

  /** Moves a warning from `from` (open, or held while it is being converted) to its outcome; false when it was not there. */
  async settle(
    ex: Executor,
    id: string,
    s: {
      state: 'acknowledged' | 'dismissed' | 'converted' | 'supervised'
      by: string
      at: Date
      reason: string | null
      caseId?: string
      from?: 'open' | 'converting'
    },
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update warnings set state = ${s.state}, handled_by = ${s.by}, handled_at = ${s.at},
          reason = ${s.reason}, case_id = ${s.caseId ?? null}, updated_at = now()
        where id = ${id} and state = ${s.from ?? 'open'} returning id`,
    )
    return rows.length === 1
  },

  /** Holds an open warning while a case is made from it (one conversion, however many click); false when it was not open. */
  async hold(ex: Executor, id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update warnings set state = 'converting', updated_at = now() where id = ${id} and state = 'open' returning id`,
    )
    return rows.length === 1
  },

  /** Opens a held warning again (its case could not be made). */
  async release(ex: Executor, id: string): Promise<void> {
    await ex.execute(
      sql`update warnings set state = 'open', updated_at = now() where id = ${id} and state = 'converting'`,
    )
  },

  /** The events of a cell (a node's subtree, a big class) reported in [since, until), oldest first. */
  async cellCases(
    ex: Executor,
    q: { node: string; bigClass: string; since: Date; until: Date },
  ): Promise<{ ids: string[]; lng: number | null; lat: number | null }> {
    const [row] = await queryRows<{ ids: string[] | null; lng: number | null; lat: number | null }>(
      ex,
      sql`select array_agg(id order by reported_at)::text[] as ids, avg(ST_X(location)) as lng, avg(ST_Y(location)) as lat
        from cases where grid_path <@ ${q.node}::ltree and starts_with(category_code, ${q.bigClass})
          and reported_at >= ${q.since} and reported_at < ${q.until} and state not in ('rejected', 'voided', 'merged')`,
    )
    return { ids: row?.ids ?? [], lng: row?.lng ?? null, lat: row?.lat ?? null }
  },

  /** What a case made from a warning takes from the events behind it: their commonest small class and numbers. */
  async behind(ex: Executor, ids: string[]): Promise<{ category: string | null; nos: string[] }> {
    if (ids.length === 0) return { category: null, nos: [] }
    const list = pgTextArray(ids)
    const [row] = await queryRows<{ category: string | null; nos: string[] | null }>(
      ex,
      sql`select mode() within group (order by category_code) as category,
          (array_agg(no order by reported_at))[1:10] as nos
        from cases where id = any(${list}::uuid[])`,
    )
    return { category: row?.category ?? null, nos: row?.nos ?? [] }
  },

  /** Every running patrol with its worker's last position (patrols' `latest_positions`). */
  running(ex: Executor): Promise<RunningPatrol[]> {
    return queryRows<RunningPatrol>(
      ex,
      sql`select p.id as patrol_id, u.display_name as user_name, p.grid_path::text as grid_path, g.name as grid_name,
          p.started_at, lp.recorded_at as last_at, lp.lon, lp.lat,
          coalesce(g.boundary is not null and lp.lon is not null and not ST_DWithin(g.boundary::geography,
            ST_SetSRID(ST_MakePoint(lp.lon, lp.lat), 4326)::geography, 50), false) as outside
        from patrols p join users u on u.id = p.user_id
          left join latest_positions lp on lp.user_id = p.user_id and lp.recorded_at >= p.started_at
          left join grids g on g.id = p.grid_id
        where p.state = 'running'`,
    )
  },

  /**
   * Clusters of events reported in [since, until) close together, per big class: DBSCAN in a local
   * metric plane (`eps` metres, at least `minPoints` events), leaving out what was rejected, voided
   * or merged; of some sources only when given.
   */
  clusters(
    ex: Executor,
    q: { since: Date; until: Date; eps: number; minPoints: number; sources?: string[] },
  ): Promise<Cluster[]> {
    const bySource = q.sources ? sql`and c.source = any(${pgTextArray(q.sources)}::text[])` : sql``
    return queryRows<Cluster>(
      ex,
      sql`with pts as (
          select c.id, left(c.category_code, 2) as big_class, c.grid_path, ST_X(c.location) as lon, ST_Y(c.location) as lat
          from cases c
          where c.reported_at >= ${q.since} and c.reported_at < ${q.until} and c.location is not null
            and c.state not in ('rejected', 'voided', 'merged') ${bySource}),
        o as (select ${LOCAL_METRES} from (select avg(lat) as lat0 from pts) a),
        clustered as (
          select p.*, ST_ClusterDBSCAN(ST_MakePoint(p.lon * o.kx, p.lat * o.ky), eps := ${q.eps},
              minpoints := ${q.minPoints}) over (partition by p.big_class) as cid
          from pts p, o),
        grouped as (
          select big_class, cid, count(*)::int as n, array_agg(id order by id) as case_ids,
            avg(lon) as lng, avg(lat) as lat, mode() within group (order by grid_path) as grid_path,
            array_agg(lon) as lons, array_agg(lat) as lats
          from clustered where cid is not null group by big_class, cid)
        select g.big_class, g.n, g.case_ids::text[] as case_ids, g.lng, g.lat, g.grid_path::text as grid_path,
          (select max(sqrt(((x.lon - g.lng) * o.kx) ^ 2 + ((x.lat - g.lat) * o.ky) ^ 2))
            from unnest(g.lons, g.lats) x(lon, lat))::float8 as radius_m
        from grouped g, o order by g.n desc`,
    )
  },
}
