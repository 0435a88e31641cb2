import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

/** A tracker with what its list shows: the worker's name, its newest point, its running patrol. */
export interface TrackerRow {
  id: string
  code: string
  name: string
  user_id: string | null
  user_name: string | null
  bound_at: Date | string | null
  retired_at: Date | string | null
  last_point_at: Date | string | null
  running_patrol_id: string | null
  version: number
}

/** What intake needs of a tracker, in one read: its worker and the tracker patrol running now. */
export interface IntakeTrackerRow {
  id: string
  user_id: string | null
  retired_at: Date | string | null
  patrol_id: string | null
  patrol_user_id: string | null
}

const trackerColumns = sql`t.id, t.code, t.name, t.user_id, u.display_name as user_name, t.bound_at, t.retired_at,
  (select max(tp.recorded_at) from track_points tp where tp.stream_id = t.id) as last_point_at,
  (select p.id from patrols p where p.tracker_id = t.id and p.state = 'running') as running_patrol_id,
  t.version`

export const trackersRepo = {
  /** Registers a tracker unless its code is taken (answers false then). */
  async insert(ex: Executor, row: { id: string; code: string; name: string }): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`insert into trackers (id, code, name) values (${row.id}, ${row.code}, ${row.name})
        on conflict (code) do nothing returning id`,
    )
    return rows.length > 0
  },

  async find(ex: Executor, id: string): Promise<TrackerRow | undefined> {
    const [row] = await queryRows<TrackerRow>(
      ex,
      sql`select ${trackerColumns} from trackers t left join users u on u.id = t.user_id where t.id = ${id}`,
    )
    return row
  },

  /**
   * Trackers a configurer sees: those in the pool (unbound), and those whose worker records patrols
   * (holds patrol.record in a grid) within `within` (null: everywhere, the whole deployment's reader).
   */
  async list(ex: Executor, within: string[] | null): Promise<TrackerRow[]> {
    const paths = within?.length
      ? sql.join(
          within.map((p) => sql`${p}::ltree`),
          sql`, `,
        )
      : sql`null::ltree`
    const visible = within
      ? sql`where t.user_id is null or exists (select 1 from role_grants g join roles r on r.id = g.role_id
          where g.user_id = t.user_id and g.scope_type = 'grid'
            and (r.permissions @> array['patrol.record']::text[] or r.permissions @> array['*']::text[])
            and g.scope_grid_path <@ any(array[${paths}]))`
      : sql``
    return queryRows<TrackerRow>(
      ex,
      sql`select ${trackerColumns} from trackers t left join users u on u.id = t.user_id ${visible}
        order by t.retired_at is not null, t.code`,
    )
  },

  /** Binds (or, with null, unbinds) the tracker if it is still at `version`; answers whether it was. */
  async bind(ex: Executor, id: string, version: number, userId: string | null, at: Date): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update trackers set user_id = ${userId}, bound_at = ${userId ? at.toISOString() : null}::timestamptz,
          version = version + 1
        where id = ${id} and version = ${version} and retired_at is null returning id`,
    )
    return rows.length > 0
  },

  /** Retires the tracker and frees its worker; answers whether it was live. */
  async retire(ex: Executor, id: string, at: Date): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update trackers set retired_at = ${at.toISOString()}::timestamptz, user_id = null, bound_at = null,
          version = version + 1
        where id = ${id} and retired_at is null returning id`,
    )
    return rows.length > 0
  },

  /** The tracker a device names by code, with its worker and running patrol (one round trip per batch). */
  async forIntake(ex: Executor, code: string): Promise<IntakeTrackerRow | undefined> {
    const [row] = await queryRows<IntakeTrackerRow>(
      ex,
      sql`select t.id, t.user_id, t.retired_at, p.id as patrol_id, p.user_id as patrol_user_id
        from trackers t left join patrols p on p.tracker_id = t.id and p.state = 'running'
        where t.code = ${code}`,
    )
    return row
  },

  /**
   * Opens the tracker's patrol unless one runs already (the partial unique index
   * `patrols_running_tracker_key` lets one run per tracker): answers the new id, or null when another
   * node or request opened one first.
   */
  async openPatrol(
    ex: Executor,
    p: {
      id: string
      userId: string
      trackerId: string
      gridId: string | null
      gridPath: string | null
      startedAt: string
    },
  ): Promise<string | null> {
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`insert into patrols (id, user_id, grid_id, grid_path, source, tracker_id, state, started_at)
        values (${p.id}, ${p.userId}, ${p.gridId}, ${p.gridPath}::ltree, 'tracker', ${p.trackerId}, 'running',
          ${p.startedAt}::timestamptz)
        on conflict (tracker_id) where state = 'running' do nothing returning id`,
    )
    return rows[0]?.id ?? null
  },

  /** The tracker patrol running now, read anew (after losing the race to open one). */
  async runningPatrol(ex: Executor, trackerId: string): Promise<{ id: string; user_id: string } | undefined> {
    const [row] = await queryRows<{ id: string; user_id: string }>(
      ex,
      sql`select id, user_id from patrols where tracker_id = ${trackerId} and state = 'running'`,
    )
    return row
  },

  /** When the patrol's newest point was recorded (its stream is the tracker), or null without points. */
  async lastPointOf(ex: Executor, trackerId: string, patrolId: string): Promise<Date | null> {
    const [row] = await queryRows<{ at: Date | string | null }>(
      ex,
      sql`select max(recorded_at) as at from track_points where stream_id = ${trackerId} and patrol_id = ${patrolId}`,
    )
    return row?.at ? new Date(row.at) : null
  },
}
