import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { FIGURE_LIMITS } from './patrols.rules'

/** What the figures of one patrol are computed from (read and locked first, so every value is a constant). */
export interface FigureInput {
  id: string
  userId: string
  gridId: string | null
  gridPath: string | null
  startedAt: Date
  endedAt: Date
  /** The coverage radius when the grid's level has no rule row. */
  defaultRadiusM: number
}

export interface LiveTrack {
  /** GeoJSON text of the MultiLineString, or null with fewer than two counted points. */
  track: string | null
  gaps: { from: string | Date; to: string | Date }[]
}

/**
 * The figures as one chain of CTEs over the patrol's points (PostGIS does the geometry): `raw` the
 * points in the patrol's time, `u` those that count (accurate enough, not mocked) with whether each
 * is inside the grid, `cls` each step to the next counted point classified as a gap (longer than the
 * gap limit) or a jump (implied speed above the limit), `lines` the stretches between them, `gapl`
 * the gaps (also before the first and after the last counted point), `st` distance and seconds in
 * grid over the counted steps, `cov` the grid's buildings within the radius of the stretches, `cp`
 * the check-in points a counted point came within reach of.
 */
function figuresWith(f: FigureInput): SQL {
  const L = FIGURE_LIMITS
  return sql`with g as (
      select gr.boundary, coalesce(r.coverage_radius_m, ${f.defaultRadiusM}) as radius
      from grids gr left join patrol_rules r on r.level = gr.level where gr.id = ${f.gridId}),
    raw as (
      select t.seq, t.recorded_at, t.lon, t.lat, coalesce(t.accuracy_m > ${L.maxAccuracyM}, false) as poor, t.mocked
      from track_points t
      where t.user_id = ${f.userId} and t.patrol_id = ${f.id}
        and t.recorded_at >= ${f.startedAt} and t.recorded_at <= ${f.endedAt}),
    rep as (
      select count(*)::int as runs from (
        select 1 from (
          select lon, lat, row_number() over (order by recorded_at, seq)
            - row_number() over (partition by lon, lat order by recorded_at, seq) as run
          from raw) x
        group by lon, lat, run having count(*) >= ${L.repeatRun}) y),
    u as (
      select r.recorded_at as t, r.seq, p.geom, p.geom::geography as gg,
        coalesce((select ST_Covers(g.boundary, p.geom) from g), false) as inside
      from raw r cross join lateral (select ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) as geom) p
      where not r.poor and not r.mocked),
    s as (
      select t, seq, geom, gg, inside, lead(t) over w as t2, lead(geom) over w as geom2,
        lead(gg) over w as gg2, lead(inside) over w as inside2
      from u window w as (order by t, seq)),
    cls as (
      select t, seq, geom, geom2, inside and inside2 as both_in, dt, d,
        dt > ${L.gapS} as gap, dt <= ${L.gapS} and d > ${L.maxSpeedMps} * greatest(dt, 1) as jump
      from (select *, extract(epoch from t2 - t)::float8 as dt, ST_Distance(gg, gg2) as d from s where t2 is not null) x),
    numbered as (
      select *, sum(case when gap or jump then 1 else 0 end)
        over (order by t, seq rows between unbounded preceding and current row) as stretch
      from cls),
    lines as (
      select stretch, ST_MakeLine(array_agg(geom order by t, seq) || (array_agg(geom2 order by t desc, seq desc))[1]) as line
      from numbered where not gap and not jump group by stretch),
    tr as (select ST_Multi(ST_Collect(line order by stretch)) as track from lines),
    tl as (
      select ${f.startedAt}::timestamptz as t union all select t from u union all select ${f.endedAt}::timestamptz),
    gapl as (
      select coalesce(jsonb_agg(jsonb_build_object('from', a, 'to', b) order by a), '[]'::jsonb) as gaps,
        coalesce(sum(extract(epoch from b - a)), 0)::float8 as gap_s
      from (select t as a, lead(t) over (order by t) as b from tl) x
      where extract(epoch from b - a) > ${L.gapS}),
    st as (
      select coalesce(sum(d) filter (where not gap and not jump), 0)::float8 as distance,
        coalesce(sum(dt) filter (where not gap and not jump and both_in), 0)::float8 as in_grid,
        count(*) filter (where jump)::int as jumps
      from cls),
    pc as (
      select count(*)::int as n, count(*) filter (where poor)::int as poor,
        count(*) filter (where mocked)::int as mocked from raw),
    cov as (
      select count(*)::int as total,
        count(*) filter (where tr.track is not null
          and ST_DWithin(b.point::geography, tr.track::geography, g.radius))::int as passed
      from buildings b cross join tr cross join g
      where b.grid_path <@ ${f.gridPath}::ltree),
    cp as (
      select coalesce(jsonb_agg(c.id::text order by c.name, c.id), '[]'::jsonb) as reached
      from patrol_checkpoints c
      where c.grid_path <@ ${f.gridPath}::ltree and c.retired_at is null
        and exists (select 1 from u where ST_DWithin(u.gg, c.location::geography, c.radius_m)))`
}

export const figuresRepo = {
  /**
   * Computes the patrol's figures and stores them with its compacted track (one statement): the
   * patrol is `ended` at `endedAt` afterwards. Raw points stay until their day's partition is dropped.
   */
  async store(ex: Executor, f: FigureInput): Promise<void> {
    await ex.execute(sql`${figuresWith(f)}
      update patrols set state = 'ended', ended_at = ${f.endedAt}, point_count = pc.n, distance_m = st.distance,
        duration_s = round(extract(epoch from ${f.endedAt}::timestamptz - ${f.startedAt}::timestamptz))::int,
        in_grid_s = round(st.in_grid)::int, gap_s = round(gapl.gap_s)::int,
        coverage = case when cov.total > 0 then cov.passed::real / cov.total end,
        buildings_passed = cov.passed, buildings_total = cov.total, checkpoints_reached = cp.reached,
        flags = jsonb_strip_nulls(jsonb_build_object('speed_jump', nullif(st.jumps, 0),
          'repeated_point', nullif(rep.runs, 0), 'mocked', nullif(pc.mocked, 0), 'poor_accuracy', nullif(pc.poor, 0))),
        gaps = gapl.gaps, track = tr.track, version = patrols.version + 1
      from st, pc, rep, cov, cp, gapl, tr
      where patrols.id = ${f.id}`)
  },

  /** The track and gaps of a running patrol so far (nothing stored). */
  async live(ex: Executor, f: FigureInput): Promise<LiveTrack> {
    const [row] = await queryRows<{ track: string | null; gaps: LiveTrack['gaps'] | string }>(
      ex,
      sql`${figuresWith(f)} select ST_AsGeoJSON(tr.track) as track, gapl.gaps from tr, gapl`,
    )
    const gaps = typeof row?.gaps === 'string' ? JSON.parse(row.gaps) : (row?.gaps ?? [])
    return { track: row?.track ?? null, gaps }
  },
}
