import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'

/** A position to store: a stream (a patrol, a tracker) numbers its points with `seq`. */
export interface TrackPointRow {
  streamId: string
  seq: number
  recordedAt: string
  userId: string
  patrolId: string | null
  lon: number
  lat: number
  accuracyM: number | null
  mocked: boolean
}

const column = (
  rows: readonly TrackPointRow[],
  pick: (row: TrackPointRow) => string | number | boolean | null,
) => pgTextArray(rows.map((row) => String(pick(row) ?? '')))

export const trackRepo = {
  /**
   * Stores the points not stored yet (a re-sent batch adds nothing) and moves each worker's latest
   * position forward, never back, in one statement. Answers how many points were new.
   */
  async insertPoints(ex: Executor, rows: readonly TrackPointRow[]): Promise<number> {
    if (!rows.length) return 0
    const [result] = await queryRows<{ stored: number }>(
      ex,
      sql`with input as (
          select stream_id::uuid, seq::bigint, recorded_at::timestamptz, user_id::uuid,
            nullif(patrol_id, '')::uuid as patrol_id, lon::float8, lat::float8,
            nullif(accuracy_m, '')::real as accuracy_m, mocked::boolean
          from unnest(${column(rows, (r) => r.streamId)}::text[], ${column(rows, (r) => r.seq)}::text[],
            ${column(rows, (r) => r.recordedAt)}::text[], ${column(rows, (r) => r.userId)}::text[],
            ${column(rows, (r) => r.patrolId)}::text[], ${column(rows, (r) => r.lon)}::text[],
            ${column(rows, (r) => r.lat)}::text[], ${column(rows, (r) => r.accuracyM)}::text[],
            ${column(rows, (r) => r.mocked)}::text[])
            as i(stream_id, seq, recorded_at, user_id, patrol_id, lon, lat, accuracy_m, mocked)),
        stored as (
          insert into track_points (stream_id, seq, recorded_at, user_id, patrol_id, lon, lat, accuracy_m, mocked)
          select * from input on conflict do nothing
          returning user_id, recorded_at, lon, lat, accuracy_m, patrol_id),
        latest as (
          insert into latest_positions (user_id, recorded_at, lon, lat, accuracy_m, patrol_id, updated_at)
          select distinct on (user_id) user_id, recorded_at, lon, lat, accuracy_m, patrol_id, now()
          from stored order by user_id, recorded_at desc
          on conflict (user_id) do update set recorded_at = excluded.recorded_at, lon = excluded.lon,
            lat = excluded.lat, accuracy_m = excluded.accuracy_m, patrol_id = excluded.patrol_id,
            updated_at = excluded.updated_at
          where latest_positions.recorded_at < excluded.recorded_at)
        select count(*)::int as stored from stored`,
    )
    return Number(result?.stored ?? 0)
  },
}
