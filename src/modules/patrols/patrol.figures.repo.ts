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
 * The figures as one chain of CTEs over the patrol's points. Distances are planar, in metres, in a
 * local projection around the first point (an equirectangular one with WGS-84's radii of curvature
 * there: off by far less than GPS is over the few kilometres of a patrol), so a step is arithmetic
 * and coverage a planar ST_DWithin; geography would cost several times more. `raw` the points in the
 * patrol's time, `u` those that count (accurate enough, not mocked) with whether each is inside the
 * grid, `cls` each step to the next counted point classified as a gap (longer than the gap limit) or
 * a jump (implied speed above the limit), `lines` the stretches between them (in WGS-84 to keep, and
 * projected for coverage), `gapl` the gaps (also before the first and after the last counted point),
 * `st` distance and seconds in grid over the counted steps, `cov` the grid's buildings within the
 * radius of the stretches, `cp` the check-in points a counted point came within reach of.
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
    o0 as (select coalesce((select lon from raw limit 1), 0) as lon0, coalesce((select lat from raw limit 1), 0) as lat0),
    o as (
      select lon0, lat0,
        radians(1) * 6378137 * cos(radians(lat0)) / sqrt(1 - 0.00669437999014 * sin(radians(lat0)) ^ 2) as kx,
        radians(1) * 6378137 * (1 - 0.00669437999014) / (1 - 0.00669437999014 * sin(radians(lat0)) ^ 2) ^ 1.5 as ky
      from o0),
    rep as (
      select count(*)::int as runs from (
        select run from (
          select sum(case when lon = plon and lat = plat then 0 else 1 end)
            over (order by recorded_at, seq rows between unbounded preceding and current row) as run
          from (select recorded_at, seq, lon, lat, lag(lon) over w as plon, lag(lat) over w as plat
            from raw window w as (order by recorded_at, seq)) a) b
        group by run having count(*) >= ${L.repeatRun}) c),
    u as (
      select r.recorded_at as t, r.seq, r.lon, r.lat, p.geom, (r.lon - o.lon0) * o.kx as x, (r.lat - o.lat0) * o.ky as y,
        coalesce((select ST_Intersects(g.boundary, p.geom) from g), false) as inside
      from raw r cross join o cross join lateral (select ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) as geom) p
      where not r.poor and not r.mocked),
    s as (
      select t, seq, lon, lat, geom, x, y, inside, lead(t) over w as t2, lead(seq) over w as seq2,
        lead(geom) over w as geom2, lead(lon) over w as lon2,
        lead(lat) over w as lat2, lead(x) over w as x2, lead(y) over w as y2, lead(inside) over w as inside2
      from u window w as (order by t, seq)),
    cls as (
      select t, seq, geom, t2, seq2, geom2, lon, lat, lon2, lat2, x, y, x2, y2, inside and inside2 as both_in,
        dt, d, dt > ${L.gapS} as gap, dt <= ${L.gapS} and d > ${L.maxSpeedMps} * greatest(dt, 1) as jump
      from (select *, extract(epoch from t2 - t)::float8 as dt, sqrt((x2 - x) ^ 2 + (y2 - y) ^ 2) as d
        from s where t2 is not null) x),
    numbered as (
      select *, sum(case when gap or jump then 1 else 0 end)
        over (order by t, seq rows between unbounded preceding and current row) as stretch
      from cls),
    lines as (
      select stretch, ST_MakeLine(geom order by t, seq) as line, ST_MakeLine(ST_MakePoint(x, y) order by t, seq) as pline
      from (
        select stretch, t, seq, geom, x, y from numbered where not gap and not jump
        union all
        (select distinct on (stretch) stretch, t2, seq2, geom2, x2, y2 from numbered where not gap and not jump
          order by stretch, t desc, seq desc)) p
      group by stretch),
    tr as (select ST_Multi(ST_Collect(line order by stretch)) as track, ST_Collect(pline) as ptrack from lines),
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
        count(*) filter (where tr.ptrack is not null and ST_DWithin(
          ST_MakePoint((ST_X(b.point) - o.lon0) * o.kx, (ST_Y(b.point) - o.lat0) * o.ky), tr.ptrack, g.radius))::int as passed
      from buildings b cross join tr cross join g cross join o
      where b.grid_path <@ ${f.gridPath}::ltree),
    cpp as (
      select c.id, c.name, c.radius_m, (ST_X(c.location) - o.lon0) * o.kx as cx, (ST_Y(c.location) - o.lat0) * o.ky as cy
      from patrol_checkpoints c cross join o
      where c.grid_path <@ ${f.gridPath}::ltree and c.retired_at is null),
    cp as (
      select coalesce(jsonb_agg(c.id::text order by c.name, c.id), '[]'::jsonb) as reached
      from cpp c where exists (select 1 from u where (u.x - c.cx) ^ 2 + (u.y - c.cy) ^ 2 <= c.radius_m ^ 2))`
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
