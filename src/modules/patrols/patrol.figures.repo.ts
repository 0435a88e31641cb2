import { type SQL, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database'
import { preparedRows } from '../../db/prepared'
import { type ComplianceDayInput, complianceUpsertWith } from './patrols.repo'
import { FIGURE_LIMITS } from './patrols.rules'

/** Steps of the walk per piece: a piece's box, widened by the radius, is one probe of the buildings' index. */
const PIECE_STEPS = 16

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
 * and coverage a planar ST_DWithin; geography would cost several times more.
 *
 * `raw` the points in the patrol's time. `pts` those that count (accurate enough, not mocked), in
 * order, each with the step to the next counted point: its seconds and metres, a gap (longer than
 * the gap limit), a jump (implied speed above the limit) or walked, whether both ends are in the
 * grid, whether the next step breaks the stretch, and the stretch it belongs to; one sort and two
 * window passes, read by everything after. `pieces` the walked steps in pieces of `PIECE_STEPS`
 * within a stretch (a line and its box each); `tr` joins them into the stretches' lines (WGS-84,
 * kept). `gapl` the gaps (also before the first and after the last counted point), `st` distance and
 * seconds in grid over the walked steps, `cov` the subtree's buildings within the radius of a piece
 * (found through the buildings' GiST index by the piece's widened box, then measured against its
 * line), `cp` the check-in points a counted point came within reach of.
 */
function figuresWith(f: FigureInput): SQL {
  const L = FIGURE_LIMITS
  // The projection's constants, each computed once (not columns carried through the window's rows).
  const lon0 = sql.raw('(select lon0 from o)')
  const lat0 = sql.raw('(select lat0 from o)')
  const kx = sql.raw('(select kx from o)')
  const ky = sql.raw('(select ky from o)')
  const steps = sql.raw(String(PIECE_STEPS))
  const lastOfPiece = sql.raw(String(PIECE_STEPS - 1))
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
    pts as (
      select t, t2, rn, lon, lat, lon2, lat2, dt, d, both_in, gap, jump, walked,
        sum(case when walked then 0 else 1 end)
          over (order by t, seq rows between unbounded preceding and current row) as stretch,
        not coalesce(lead(walked) over (order by t, seq), false) as next_breaks
      from (
        select *, dt > ${L.gapS} as gap, dt <= ${L.gapS} and d > ${L.maxSpeedMps} * greatest(dt, 1) as jump,
          coalesce(dt <= ${L.gapS} and d <= ${L.maxSpeedMps} * greatest(dt, 1), false) as walked
        from (
          select t, seq, lon, lat, row_number() over w as rn, lead(t) over w as t2,
            lead(lon) over w as lon2, lead(lat) over w as lat2, extract(epoch from lead(t) over w - t)::float8 as dt,
            sqrt(((lead(lon) over w - ${lon0}) * ${kx} - (lon - ${lon0}) * ${kx}) ^ 2
              + ((lead(lat) over w - ${lat0}) * ${ky} - (lat - ${lat0}) * ${ky}) ^ 2) as d,
            inside and lead(inside) over w as both_in
          from (
            select r.recorded_at as t, r.seq, r.lon, r.lat,
              coalesce(ST_Intersects(g.boundary, ST_Point(r.lon, r.lat, 4326)), false) as inside
            from raw r left join g on true
            where not r.poor and not r.mocked) u
          window w as (order by t, seq)) a) b),
    pieces as (
      select stretch, rn / ${steps} as piece,
        ST_MakeLine(ST_Point(lon, lat, 4326) order by k) as line,
        min(lon) as w, min(lat) as s, max(lon) as e, max(lat) as n
      from (
        select stretch, rn, 2 * rn as k, lon, lat from pts where walked
        union all
        select stretch, rn, 2 * rn + 1, lon2, lat2 from pts
        where walked and (next_breaks or rn % ${steps} = ${lastOfPiece})) v
      group by stretch, rn / ${steps}),
    tr as (
      select ST_Multi(ST_Collect(line order by stretch)) as track
      from (select stretch, ST_MakeLine(line order by piece) as line from pieces group by stretch) l),
    gapl as (
      select coalesce(jsonb_agg(jsonb_build_object('from', a, 'to', b) order by a), '[]'::jsonb) as gaps,
        coalesce(sum(extract(epoch from b - a)), 0)::float8 as gap_s
      from (
        select ${f.startedAt}::timestamptz as a, coalesce(min(t), ${f.endedAt}::timestamptz) as b from pts
        union all select t, t2 from pts where gap
        union all select max(t), ${f.endedAt}::timestamptz from pts having count(*) > 0) x
      where extract(epoch from b - a) > ${L.gapS}),
    st as (
      select coalesce(sum(d) filter (where walked), 0)::float8 as distance,
        coalesce(sum(dt) filter (where walked and both_in), 0)::float8 as in_grid,
        count(*) filter (where jump)::int as jumps
      from pts),
    pc as (
      select count(*)::int as n, count(*) filter (where poor)::int as poor,
        count(*) filter (where mocked)::int as mocked from raw),
    cov as (
      select total.n as total, passed.n as passed
      from (select count(*)::int as n from buildings b cross join g where b.grid_path <@ ${f.gridPath}::ltree) total,
        (select count(distinct b.id)::int as n
          from pieces c cross join g cross join o
          join buildings b on b.point && ST_MakeEnvelope(c.w - (g.radius + 1) / o.kx, c.s - (g.radius + 1) / o.ky,
              c.e + (g.radius + 1) / o.kx, c.n + (g.radius + 1) / o.ky, 4326)
            and b.grid_path <@ ${f.gridPath}::ltree
          where ST_DWithin(ST_Affine(b.point, o.kx, 0, 0, o.ky, -o.lon0 * o.kx, -o.lat0 * o.ky),
            ST_Affine(c.line, o.kx, 0, 0, o.ky, -o.lon0 * o.kx, -o.lat0 * o.ky), g.radius)
        ) passed),
    cpp as (
      select c.id, c.name, c.radius_m, (ST_X(c.location) - o.lon0) * o.kx as cx, (ST_Y(c.location) - o.lat0) * o.ky as cy
      from patrol_checkpoints c cross join o
      where c.grid_path <@ ${f.gridPath}::ltree and c.retired_at is null),
    cp as (
      select coalesce(jsonb_agg(c.id::text order by c.name, c.id), '[]'::jsonb) as reached
      from cpp c cross join o
      where exists (select 1 from pts u
        where ((u.lon - o.lon0) * o.kx - c.cx) ^ 2 + ((u.lat - o.lat0) * o.ky - c.cy) ^ 2 <= c.radius_m ^ 2))`
}

export const figuresRepo = {
  /**
   * Computes the patrol's figures and stores them with its compacted track, and writes its worker's
   * compliance for `day` (the day the patrol started) counting the figures just computed, in one
   * statement: the patrol is `ended` at `endedAt` afterwards. Raw points stay until their day's
   * partition is dropped.
   */
  async store(ex: Executor, f: FigureInput, day: ComplianceDayInput): Promise<void> {
    // The statement's other parts see the patrol as it was: its new row comes from `done`.
    const ended = sql`select p.user_id, p.started_at, p.duration_s, p.in_grid_s, p.grid_path, p.grid_id
        from patrols p
        where p.user_id = ${f.userId} and p.state = 'ended' and p.started_at >= ${day.from}
          and p.started_at < ${day.to} and p.id <> ${f.id}
      union all
      select user_id, started_at, duration_s, in_grid_s, grid_path, grid_id from done`
    await preparedRows(
      ex,
      sql`${figuresWith(f)},
      done as (
        update patrols set state = 'ended', ended_at = ${f.endedAt}, point_count = pc.n, distance_m = st.distance,
          duration_s = round(extract(epoch from ${f.endedAt}::timestamptz - ${f.startedAt}::timestamptz))::int,
          in_grid_s = round(st.in_grid)::int, gap_s = round(gapl.gap_s)::int,
          coverage = case when cov.total > 0 then cov.passed::real / cov.total end,
          buildings_passed = cov.passed, buildings_total = cov.total, checkpoints_reached = cp.reached,
          flags = jsonb_strip_nulls(jsonb_build_object('speed_jump', nullif(st.jumps, 0),
            'repeated_point', nullif(rep.runs, 0), 'mocked', nullif(pc.mocked, 0), 'poor_accuracy', nullif(pc.poor, 0))),
          gaps = gapl.gaps, track = tr.track, version = patrols.version + 1
        from st, pc, rep, cov, cp, gapl, tr
        where patrols.id = ${f.id}
        returning patrols.user_id, patrols.started_at, patrols.duration_s, patrols.in_grid_s, patrols.grid_path,
          patrols.grid_id),
      ${complianceUpsertWith(ended, day)}
      select count(*)::int as n from cw`,
    )
  },

  /** The track and gaps of a running patrol so far (nothing stored). */
  async live(ex: Executor, f: FigureInput): Promise<LiveTrack> {
    const [row] = await preparedRows<{ track: string | null; gaps: LiveTrack['gaps'] | string }>(
      ex,
      sql`${figuresWith(f)} select ST_AsGeoJSON(tr.track) as track, gapl.gaps from tr, gapl`,
    )
    const gaps = typeof row?.gaps === 'string' ? JSON.parse(row.gaps) : (row?.gaps ?? [])
    return { track: row?.track ?? null, gaps }
  },
}
