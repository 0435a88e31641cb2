import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import { preparedRows } from '../../db/prepared'
import { andPathWithin } from '../../db/scope-sql'
import type { ChecklistItem } from './patrols.rules'

/** A patrol as the views read it: with its worker's name and its grid's name and level. */
export interface PatrolRow {
  id: string
  user_id: string
  user_name: string
  grid_id: string | null
  grid_path: string | null
  grid_name: string | null
  grid_level: string | null
  source: string
  tracker_id: string | null
  state: string
  started_at: Date | string
  ended_at: Date | string | null
  point_count: number | null
  distance_m: number | null
  duration_s: number | null
  in_grid_s: number | null
  gap_s: number | null
  coverage: number | null
  buildings_passed: number | null
  buildings_total: number | null
  checkpoints_reached: string[] | string | null
  flags: Record<string, number> | string | null
  version: number
}

export interface PatrolDetailRow extends PatrolRow {
  track: string | null
  gaps: { from: string; to: string }[] | string | null
}

export interface NewPatrol {
  id: string
  userId: string
  gridId: string | null
  gridPath: string | null
  source: 'app' | 'tracker'
  startedAt: Date
}

export interface PositionRow {
  user_id: string
  user_name: string
  patrol_id: string
  grid_path: string | null
  grid_name: string | null
  recorded_at: Date | string
  lon: number
  lat: number
  accuracy_m: number | null
}

export interface RuleRow {
  level: string
  min_patrols_per_day: number
  min_in_grid_share: number
  coverage_radius_m: number
  checklist: ChecklistItem[] | string
  version: number
}

export interface CheckpointRow {
  id: string
  grid_id: string
  grid_path: string
  name: string
  lon: number
  lat: number
  radius_m: number
  retired_at: Date | string | null
}

export interface ComplianceRow {
  user_id: string
  day: string | Date
  grid_path: string | null
  patrols: number
  patrol_s: number
  in_grid_s: number
  work_s: number
  checklist: string[] | string
  rules: { minPatrolsPerDay: number; minInGridShare: number } | string | null
  patrols_met: boolean
  in_grid_met: boolean
}

const SELECT_PATROL = sql`select p.id, p.user_id, u.display_name as user_name, p.grid_id, p.grid_path::text as grid_path,
    g.name as grid_name, g.level as grid_level, p.source, p.tracker_id, p.state, p.started_at, p.ended_at,
    p.point_count, p.distance_m, p.duration_s, p.in_grid_s, p.gap_s, p.coverage, p.buildings_passed,
    p.buildings_total, p.checkpoints_reached, p.flags, p.version
  from patrols p join users u on u.id = p.user_id left join grids g on g.id = p.grid_id`

export const patrolsRepo = {
  /** Starts a patrol unless its id exists; answers whether this call wrote it. */
  async insert(ex: Executor, p: NewPatrol): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`insert into patrols (id, user_id, grid_id, grid_path, source, state, started_at)
        values (${p.id}, ${p.userId}, ${p.gridId}, ${p.gridPath}::ltree, ${p.source}, 'running', ${p.startedAt})
        on conflict (id) do nothing returning id`,
    )
    return rows.length > 0
  },

  async find(ex: Executor, id: string): Promise<PatrolRow | undefined> {
    const [row] = await queryRows<PatrolRow>(ex, sql`${SELECT_PATROL} where p.id = ${id}`)
    return row
  },

  /** The patrol with its stored track (GeoJSON text) and gaps. */
  async detail(ex: Executor, id: string): Promise<PatrolDetailRow | undefined> {
    const [row] = await queryRows<PatrolDetailRow>(
      ex,
      sql`select x.*, ST_AsGeoJSON(p2.track) as track, p2.gaps
        from (${SELECT_PATROL} where p.id = ${id}) x join patrols p2 on p2.id = x.id`,
    )
    return row
  },

  /** Locks the patrol's row until commit (an end, a late batch and the idle sweep take turns). */
  async lock(ex: Executor, id: string): Promise<PatrolRow | undefined> {
    const [row] = await queryRows<PatrolRow>(
      ex,
      sql`select p.id, p.user_id, p.grid_id, p.grid_path::text as grid_path, p.source, p.tracker_id, p.state,
          p.started_at, p.ended_at, p.version
        from patrols p where p.id = ${id} for update`,
    )
    return row
  },

  /** The worker's running patrols from the app, oldest first. */
  async runningApp(ex: Executor, userId: string): Promise<{ id: string; started_at: Date | string }[]> {
    return queryRows(
      ex,
      sql`select id, started_at from patrols where user_id = ${userId} and state = 'running' and source = 'app'
        order by started_at`,
    )
  },

  /** The time of the patrol's last point at or after its start (null without any). */
  async lastPointAt(
    ex: Executor,
    p: { id: string; userId: string; startedAt: Date },
  ): Promise<Date | string | null> {
    const [row] = await queryRows<{ last: Date | string | null }>(
      ex,
      sql`select max(recorded_at) as last from track_points
        where user_id = ${p.userId} and patrol_id = ${p.id} and recorded_at >= ${p.startedAt}`,
    )
    return row?.last ?? null
  },

  /** Patrols of one worker started in [from, to), newest first, within the reader's subtrees. */
  async list(
    ex: Executor,
    f: { userId: string; from: Date; to: Date; within: string[] | null; limit: number },
  ): Promise<PatrolRow[]> {
    return queryRows<PatrolRow>(
      ex,
      sql`${SELECT_PATROL} where p.user_id = ${f.userId} and p.started_at >= ${f.from} and p.started_at < ${f.to}
        ${andPathWithin(sql.raw('p.grid_path'), f.within)}
        order by p.started_at desc, p.id desc limit ${f.limit}`,
    )
  },

  /** Latest positions of workers with a running patrol, in a box, within the reader's subtrees. */
  async positions(
    ex: Executor,
    f: { bbox: [number, number, number, number]; within: string[] | null; limit: number },
  ): Promise<PositionRow[]> {
    const [w, s, e, n] = f.bbox
    return queryRows<PositionRow>(
      ex,
      sql`select lp.user_id, u.display_name as user_name, p.id as patrol_id, p.grid_path::text as grid_path,
          g.name as grid_name, lp.recorded_at, lp.lon, lp.lat, lp.accuracy_m
        from latest_positions lp
          join lateral (select * from patrols p where p.user_id = lp.user_id and p.state = 'running'
            order by p.started_at desc limit 1) p on true
          join users u on u.id = lp.user_id left join grids g on g.id = p.grid_id
        where lp.lon between ${w} and ${e} and lp.lat between ${s} and ${n}
          ${andPathWithin(sql.raw('p.grid_path'), f.within)}
        order by lp.recorded_at desc limit ${f.limit}`,
    )
  },

  /** A current grid by its path (a worker without a post patrols the grid of their grant). */
  async gridByPath(
    ex: Executor,
    path: string,
  ): Promise<{ id: string; path: string; name: string; level: string } | undefined> {
    const [row] = await queryRows<{ id: string; path: string; name: string; level: string }>(
      ex,
      sql`select id, path::text as path, name, level from grids where path = ${path}::ltree and valid_to is null`,
    )
    return row
  },

  /** The grid of the worker's latest patrol (a reader asking after a worker who holds no post now). */
  async lastPatrolGrid(ex: Executor, userId: string): Promise<{ path: string; level: string } | undefined> {
    const [row] = await queryRows<{ path: string; level: string }>(
      ex,
      sql`select p.grid_path::text as path, g.level from patrols p join grids g on g.id = p.grid_id
        where p.user_id = ${userId} order by p.started_at desc limit 1`,
    )
    return row
  },

  async userExists(ex: Executor, userId: string): Promise<{ display_name: string } | undefined> {
    const [row] = await queryRows<{ display_name: string }>(
      ex,
      sql`select display_name from users where id = ${userId}`,
    )
    return row
  },

  /**
   * Running patrols with no point since `cutoff` (nor a start after it), with their last point's
   * time; the latest position answers for most without reading the points.
   */
  async idle(
    ex: Executor,
    cutoff: Date,
    limit: number,
  ): Promise<{ id: string; started_at: Date | string; last: Date | string | null }[]> {
    return queryRows(
      ex,
      sql`select p.id, p.started_at, x.last from patrols p
          left join latest_positions lp on lp.user_id = p.user_id
          cross join lateral (select case when lp.patrol_id = p.id then lp.recorded_at
            else (select max(t.recorded_at) from track_points t
              where t.user_id = p.user_id and t.patrol_id = p.id and t.recorded_at >= p.started_at) end as last) x
        where p.state = 'running' and coalesce(x.last, p.started_at) < ${cutoff}
        order by p.started_at limit ${limit}`,
    )
  },

  /** A transaction-scoped advisory lock: one node sweeps idle patrols at a time. */
  async trySweepLock(tx: Executor): Promise<boolean> {
    const [lock] = await queryRows<{ got: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('wangge.patrol_idle_sweep')) as got`,
    )
    return !!lock?.got
  },
}

export const rulesRepo = {
  async all(ex: Executor): Promise<RuleRow[]> {
    return queryRows<RuleRow>(
      ex,
      sql`select level, min_patrols_per_day, min_in_grid_share, coverage_radius_m, checklist, version
        from patrol_rules order by level`,
    )
  },

  async find(ex: Executor, level: string): Promise<RuleRow | undefined> {
    const [row] = await queryRows<RuleRow>(
      ex,
      sql`select level, min_patrols_per_day, min_in_grid_share, coverage_radius_m, checklist, version
        from patrol_rules where level = ${level}`,
    )
    return row
  },

  /**
   * Writes a level's rules if `version` is the one stored (0: no row yet); answers the new version,
   * or null when someone changed them meanwhile.
   */
  async put(
    ex: Executor,
    r: {
      level: string
      minPatrolsPerDay: number
      minInGridShare: number
      coverageRadiusM: number
      checklist: ChecklistItem[]
    },
    version: number,
  ): Promise<number | null> {
    const values = sql`${r.minPatrolsPerDay}, ${r.minInGridShare}, ${r.coverageRadiusM}, ${JSON.stringify(r.checklist)}::jsonb`
    const rows =
      version === 0
        ? await queryRows<{ version: number }>(
            ex,
            sql`insert into patrol_rules (level, min_patrols_per_day, min_in_grid_share, coverage_radius_m, checklist)
              values (${r.level}, ${values}) on conflict (level) do nothing returning version`,
          )
        : await queryRows<{ version: number }>(
            ex,
            sql`update patrol_rules set (min_patrols_per_day, min_in_grid_share, coverage_radius_m, checklist) = (${values}),
                version = version + 1, updated_at = now()
              where level = ${r.level} and version = ${version} returning version`,
          )
    return rows[0]?.version ?? null
  },
}

const SELECT_CHECKPOINT = sql`select id, grid_id, grid_path::text as grid_path, name, ST_X(location) as lon,
    ST_Y(location) as lat, radius_m, retired_at from patrol_checkpoints`

export const checkpointsRepo = {
  /** The current check-in points of a grid's subtree. */
  async list(ex: Executor, gridPath: string): Promise<CheckpointRow[]> {
    return queryRows<CheckpointRow>(
      ex,
      sql`${SELECT_CHECKPOINT} where grid_path <@ ${gridPath}::ltree and retired_at is null order by grid_path, name, id`,
    )
  },

  async find(ex: Executor, id: string): Promise<CheckpointRow | undefined> {
    const [row] = await queryRows<CheckpointRow>(ex, sql`${SELECT_CHECKPOINT} where id = ${id}`)
    return row
  },

  async insert(
    ex: Executor,
    c: {
      id: string
      gridId: string
      gridPath: string
      name: string
      lon: number
      lat: number
      radiusM: number
    },
  ): Promise<void> {
    await ex.execute(sql`insert into patrol_checkpoints (id, grid_id, grid_path, name, location, radius_m)
      values (${c.id}, ${c.gridId}, ${c.gridPath}::ltree, ${c.name},
        ST_SetSRID(ST_MakePoint(${c.lon}, ${c.lat}), 4326), ${c.radiusM})`)
  },

  async update(
    ex: Executor,
    id: string,
    c: { name: string; lon: number; lat: number; radiusM: number },
  ): Promise<void> {
    await ex.execute(sql`update patrol_checkpoints set name = ${c.name},
      location = ST_SetSRID(ST_MakePoint(${c.lon}, ${c.lat}), 4326), radius_m = ${c.radiusM}
      where id = ${id} and retired_at is null`)
  },

  async retire(ex: Executor, id: string, at: Date): Promise<void> {
    await ex.execute(
      sql`update patrol_checkpoints set retired_at = ${at} where id = ${id} and retired_at is null`,
    )
  },
}

/** What a China day's compliance is written with: the day, its bounds, its working seconds, the default rules. */
export interface ComplianceDayInput {
  day: string
  from: Date
  to: Date
  workS: number
  defaults: { minPatrolsPerDay: number; minInGridShare: number }
}

/**
 * The compliance upsert as CTEs (`cd` per worker, `cr` with the rules, `cw` the write), from `ended`:
 * a select of the day's ended patrols (`user_id, started_at, duration_s, in_grid_s, grid_path,
 * grid_id`). One row per worker, judged by the rules of the level of the grid of the worker's latest
 * patrol that day (the defaults where the level has no row); the ticked checklist stays. The
 * recompute and a patrol's finish (`patrol.figures.repo.ts`, with the figures just computed) share it.
 */
export function complianceUpsertWith(ended: SQL, d: ComplianceDayInput): SQL {
  return sql`cd as (
      select p.user_id, count(*)::int as patrols, coalesce(sum(p.duration_s), 0)::int as patrol_s,
        coalesce(sum(p.in_grid_s), 0)::int as in_grid_s,
        (array_agg(p.grid_path order by p.started_at desc))[1] as grid_path,
        (array_agg(g.level order by p.started_at desc))[1] as level
      from (${ended}) p left join grids g on g.id = p.grid_id
      group by p.user_id),
    cr as (
      select cd.*, coalesce(pr.min_patrols_per_day, ${d.defaults.minPatrolsPerDay}) as mp,
        coalesce(pr.min_in_grid_share, ${d.defaults.minInGridShare})::float8 as ms
      from cd left join patrol_rules pr on pr.level = cd.level),
    cw as (
      insert into compliance_days (user_id, day, grid_path, patrols, patrol_s, in_grid_s, work_s, rules,
        patrols_met, in_grid_met, computed_at)
      select user_id, ${d.day}::date, grid_path, patrols, patrol_s, in_grid_s, ${d.workS},
        jsonb_build_object('minPatrolsPerDay', mp, 'minInGridShare', ms),
        ${d.workS} = 0 or patrols >= mp, in_grid_s >= round(ms * ${d.workS}), now()
      from cr
      on conflict (user_id, day) do update set grid_path = excluded.grid_path, patrols = excluded.patrols,
        patrol_s = excluded.patrol_s, in_grid_s = excluded.in_grid_s, work_s = excluded.work_s,
        rules = excluded.rules, patrols_met = excluded.patrols_met, in_grid_met = excluded.in_grid_met,
        computed_at = excluded.computed_at
      returning 1)`
}

const SELECT_COMPLIANCE = sql`select user_id, day::text as day, grid_path::text as grid_path, patrols, patrol_s,
    in_grid_s, work_s, checklist, rules, patrols_met, in_grid_met from compliance_days`

export const complianceRepo = {
  /**
   * Recomputes a day's compliance from its ended patrols (started that China day); `userIds` limits
   * it to those workers, `within` to patrols of those subtrees. One statement; answers how many rows
   * it wrote.
   */
  async recompute(
    ex: Executor,
    d: ComplianceDayInput & { userIds?: string[]; within?: string[] | null },
  ): Promise<number> {
    // One text parameter per list, so the statement has few shapes and runs prepared on the server.
    const users: SQL = d.userIds ? sql`and p.user_id = any(${pgTextArray(d.userIds)}::uuid[])` : sql``
    const within: SQL = d.within ? sql`and p.grid_path <@ any(${pgTextArray(d.within)}::ltree[])` : sql``
    const ended = sql`select p.user_id, p.started_at, p.duration_s, p.in_grid_s, p.grid_path, p.grid_id
      from patrols p
      where p.state = 'ended' and p.started_at >= ${d.from} and p.started_at < ${d.to} ${users} ${within}`
    const rows = await preparedRows<{ n: number }>(
      ex,
      sql`with ${complianceUpsertWith(ended, d)} select count(*)::int as n from cw`,
    )
    return Number(rows[0]?.n ?? 0)
  },

  /** The worker's stored days in [from, to] (China days). */
  async days(ex: Executor, userId: string, from: string, to: string): Promise<ComplianceRow[]> {
    return queryRows<ComplianceRow>(
      ex,
      sql`${SELECT_COMPLIANCE} where user_id = ${userId} and day between ${from}::date and ${to}::date order by day`,
    )
  },

  /**
   * Stores the 553 items the worker ticked on a day; a day with no row yet gets one judged as a day
   * without patrols (`empty`), which the next recompute of the day fills in.
   */
  async setChecklist(
    ex: Executor,
    userId: string,
    day: string,
    items: string[],
    empty: {
      gridPath: string | null
      workS: number
      rules: { minPatrolsPerDay: number; minInGridShare: number }
      patrolsMet: boolean
      inGridMet: boolean
    },
  ): Promise<void> {
    await ex.execute(sql`insert into compliance_days (user_id, day, grid_path, patrols, patrol_s, in_grid_s, work_s,
        checklist, rules, patrols_met, in_grid_met)
      values (${userId}, ${day}::date, ${empty.gridPath}::ltree, 0, 0, 0, ${empty.workS},
        ${JSON.stringify(items)}::jsonb, ${JSON.stringify(empty.rules)}::jsonb, ${empty.patrolsMet}, ${empty.inGridMet})
      on conflict (user_id, day) do update set checklist = excluded.checklist`)
  },
}
