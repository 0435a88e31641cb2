import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import { andUnderAny } from '../../db/scope-sql'
import { POSTS } from '../staff/staff.posts'

const WORKER_POSTS = pgTextArray(Object.entries(POSTS).flatMap(([post, p]) => (p.worker ? [post] : [])))

/** What the triggers count as a worker gone silent (warnings' worker_offline): 15 minutes. */
const SILENT_MINUTES = 15
/** And as outside their grid (warnings' outside_grid): 50 m beyond its boundary. */
const OUTSIDE_M = 50

/**
 * Current worker posts 网格员 (`gp`) in grids under the scope: the grids by their path index, then
 * their posts by the posts' grid index.
 */
function currentWorkerPosts(paths: string[], today: string): SQL {
  const current = sql`gp.post = any(${WORKER_POSTS}::text[]) and gp.valid_from <= ${today}::date
    and (gp.valid_to is null or gp.valid_to >= ${today}::date)`
  if (paths.includes('')) return sql`grid_posts gp where ${current}`
  // The grids first, as an array: the planner cannot tell a micro-grid's few grids from a district's
  // thousands by the path alone, and once chose to scan every post in the city (280 ms for a grid).
  return sql`grid_posts gp where gp.grid_id = any(array(select g.id from grids g
      where true ${andUnderAny('g.path', paths)})) and ${current}`
}

export interface ScopeGridRow {
  id: string
  code: string
  name: string
  level: string
  path: string
  valid_to: string | null
}

/** The dashboard's statements; see the README for the tables of other modules they read. */
export const dashboardRepo = {
  gridByCode(ex: Executor, code: string): Promise<ScopeGridRow[]> {
    return queryRows(
      ex,
      sql`select id, code, name, level, path::text as path, valid_to::text as valid_to from grids
        where code = ${code}`,
    )
  },

  /** The current grids holding `path`, root first (itself included). */
  chain(ex: Executor, path: string): Promise<ScopeGridRow[]> {
    return queryRows(
      ex,
      sql`select id, code, name, level, path::text as path, null as valid_to from grids
        where path @> ${path}::ltree and valid_to is null order by nlevel(path)`,
    )
  },

  /** The current grids at these paths (the tops of a reader's subtrees). */
  atPaths(ex: Executor, paths: string[]): Promise<ScopeGridRow[]> {
    return queryRows(
      ex,
      sql`select id, code, name, level, path::text as path, null as valid_to from grids
        where path = any(${pgTextArray(paths)}::ltree[]) and valid_to is null order by code`,
    )
  },

  /** The current children of a grid, or the deployment's top grids (null). */
  children(ex: Executor, parentId: string | null): Promise<ScopeGridRow[]> {
    const parent = parentId === null ? sql`parent_id is null` : sql`parent_id = ${parentId}::uuid`
    return queryRows(
      ex,
      sql`select id, code, name, level, path::text as path, null as valid_to from grids
        where ${parent} and valid_to is null order by code`,
    )
  },

  /** The box of these grids' boundaries (WGS-84), for the map. */
  async bbox(ex: Executor, ids: string[]): Promise<[number, number, number, number] | null> {
    if (ids.length === 0) return null
    const [row] = await queryRows<{ w: number | null; s: number; e: number; n: number }>(
      ex,
      sql`select ST_XMin(e) as w, ST_YMin(e) as s, ST_XMax(e) as e, ST_YMax(e) as n
        from (select ST_Extent(boundary) as e from grids where id = any(${pgTextArray(ids)}::uuid[])) x`,
    )
    return row && row.w !== null ? [row.w, row.s, row.e, row.n] : null
  },

  /** 人、地、物、组织 under the scope: counts only, never a row. */
  async base(ex: Executor, paths: string[], today: string) {
    const [row] = await queryRows<{
      registered: number
      floating: number
      foreign: number
      households: number
      buildings: number
      rooms: number
      rented: number
      workers: number
    }>(
      ex,
      sql`select
          (select count(*) from people p where p.kind = 'registered' ${andUnderAny('p.grid_path', paths)})::int as registered,
          (select count(*) from people p where p.kind = 'floating' ${andUnderAny('p.grid_path', paths)})::int as floating,
          (select count(*) from people p where p.kind = 'foreign' ${andUnderAny('p.grid_path', paths)})::int as foreign,
          (select count(*) from households h where true ${andUnderAny('h.grid_path', paths)})::int as households,
          (select count(*) from buildings b where true ${andUnderAny('b.grid_path', paths)})::int as buildings,
          (select count(*) from rooms r join buildings b on b.id = r.building_id
            where true ${andUnderAny('b.grid_path', paths)})::int as rooms,
          (select count(*) from rooms r join buildings b on b.id = r.building_id
            where r.occupancy = 'rented' ${andUnderAny('b.grid_path', paths)})::int as rented,
          w.workers
        from (select count(*)::int as workers from ${currentWorkerPosts(paths, today)}) w`,
    )
    const organizations = await queryRows<{
      kind: string
      zh: string | null
      en: string | null
      count: number
    }>(
      ex,
      sql`select o.kind, k.zh, k.en, count(*)::int as count from organizations o
        left join ledger_codes k on k.code_table = 'organization_kind' and k.code = o.kind
        where true ${andUnderAny('o.grid_path', paths)}
        group by o.kind, k.zh, k.en, k.sort order by count(*) desc, o.kind`,
    )
    return { counts: row, organizations }
  },

  /**
   * Accounts holding a current worker post under the scope (the online rate's denominator), with the
   * posts' change counter read in the same statement (so in the same snapshot). The root reads
   * `grid_posts_on_duty_idx` alone, in its order, so the distinct accounts need no sort (a
   * `count(distinct …)` sorted 184,320 ids past work_mem: 112–137 ms, 61 ms this way); a subtree, its
   * grids' posts (35–45 ms for a city's district joined to its grids by path, 6–9 ms this way).
   */
  async accounts(
    ex: Executor,
    paths: string[],
    today: string,
  ): Promise<{ version: number | null; n: number }> {
    const [row] = await queryRows<{ version: number | null; n: number }>(
      ex,
      sql`select (select version from dashboard_posts_version)::float8 as version, count(*)::int as n
        from (select distinct gp.user_id from ${currentWorkerPosts(paths, today)} and gp.user_id is not null) d`,
    )
    const version = row?.version ?? null
    return { version: version === null ? null : Number(version), n: row?.n ?? 0 }
  },

  /**
   * The posts' change counter (migration 0039): moved by every change of who holds which post where,
   * and of a grid's path; null without its row.
   */
  async postsVersion(ex: Executor): Promise<number | null> {
    const [row] = await queryRows<{ version: number }>(
      ex,
      sql`select version::float8 as version from dashboard_posts_version`,
    )
    return row ? Number(row.version) : null
  },

  /** The names and order of ledger codes (organisation kinds, special groups). */
  codeNames(ex: Executor, table: 'organization_kind' | 'special_group', codes: string[]) {
    return queryRows<{ code: string; zh: string; en: string | null; sort: number | null }>(
      ex,
      sql`select code, zh, en, sort from ledger_codes
        where code_table = ${table} and code = any(${pgTextArray(codes)}::text[])`,
    )
  },

  /** Grids by level under the scope (not the scope's own), and their declared households and people. */
  gridsUnder(ex: Executor, paths: string[]) {
    const below = paths.includes('')
      ? sql`true`
      : sql`not path = any(${pgTextArray(paths)}::ltree[]) ${andUnderAny('path', paths)}`
    return queryRows<{ level: string; count: number }>(
      ex,
      sql`select level, count(*)::int as count from grids where ${below} and valid_to is null
        group by level order by min(nlevel(path))`,
    )
  },

  /** The grids' own figures: the scope grids' (or the top grids' for the root). */
  async declared(ex: Executor, ids: string[]): Promise<{ households: number; population: number }> {
    const [row] = await queryRows<{ households: number; population: number }>(
      ex,
      sql`select coalesce(sum(households), 0)::int as households, coalesce(sum(population), 0)::int as population
        from grids where id = any(${pgTextArray(ids)}::uuid[])`,
    )
    return row ?? { households: 0, population: 0 }
  },

  /** Current special-group memberships per group 重点人群 (counts, no person). */
  groups(ex: Executor, paths: string[], today: string) {
    return queryRows<{ code: string; zh: string | null; en: string | null; count: number }>(
      ex,
      sql`select gm.group_code as code, k.zh, k.en, count(*)::int as count from group_memberships gm
        left join ledger_codes k on k.code_table = 'special_group' and k.code = gm.group_code
        where gm.starts_on <= ${today}::date and (gm.ends_on is null or gm.ends_on >= ${today}::date)
          ${andUnderAny('gm.grid_path', paths)}
        group by gm.group_code, k.zh, k.en, k.sort order by k.sort nulls last, gm.group_code`,
    )
  },

  /**
   * The patrols running under the scope, each with its worker's name (staff), their grid's name,
   * minutes since their last position, and whether it lies outside their grid — the measures of the
   * warnings' worker_offline and outside_grid rules.
   */
  running(ex: Executor, paths: string[], now: Date) {
    return queryRows<{ name: string; grid: string | null; silent_minutes: number; outside: boolean }>(
      ex,
      sql`select u.display_name as name, g.name as grid,
          floor(extract(epoch from ${now}::timestamptz - coalesce(lp.recorded_at, p.started_at)) / 60)::int as silent_minutes,
          coalesce(g.boundary is not null and lp.lon is not null and not ST_DWithin(g.boundary::geography,
            ST_SetSRID(ST_MakePoint(lp.lon, lp.lat), 4326)::geography, ${OUTSIDE_M}), false) as outside
        from patrols p join users u on u.id = p.user_id
          left join latest_positions lp on lp.user_id = p.user_id and lp.recorded_at >= p.started_at
          left join grids g on g.id = p.grid_id
        where p.state = 'running' ${andUnderAny('p.grid_path', paths)}
        order by u.display_name`,
    )
  },

  /** Today's patrols under the scope: hours (a running one until now) and kilometres walked. */
  async patrolToday(ex: Executor, paths: string[], since: Date, now: Date) {
    const [row] = await queryRows<{ seconds: number; metres: number }>(
      ex,
      sql`select coalesce(sum(coalesce(p.duration_s, extract(epoch from ${now}::timestamptz - p.started_at))), 0)::float8 as seconds,
          coalesce(sum(p.distance_m), 0)::float8 as metres
        from patrols p where p.started_at >= ${since} ${andUnderAny('p.grid_path', paths)}`,
    )
    return row ?? { seconds: 0, metres: 0 }
  },

  /** Visits recorded today under the scope, and the households among them. */
  async visitsToday(ex: Executor, paths: string[], since: Date) {
    const [row] = await queryRows<{ visits: number; households: number }>(
      ex,
      sql`select count(*)::int as visits, count(distinct v.household_id)::int as households
        from visits v
          left join households h on h.id = v.household_id
          left join group_memberships gm on gm.id = v.membership_id
        where v.visited_at >= ${since} ${andUnderAny('coalesce(h.grid_path, gm.grid_path)', paths)}`,
    )
    return row ?? { visits: 0, households: 0 }
  },
}

export { SILENT_MINUTES }
