import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, geometry, ltree, updatedAt } from '../../db/types'
import { users } from '../auth/auth.tables'
import { grids } from '../grids/grids.tables'

/**
 * A tracker 定位终端 (a handheld terminal, a badge, a vehicle box) that streams positions without the
 * app; bound to one worker at a time, whose track its points join (seed 001: 1,700 devices).
 */
export const trackers = pgTable(
  'trackers',
  {
    id: uuid('id').primaryKey(),
    /** The device's own serial or IMEI: the MQTT topic and the HTTP intake name it. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    userId: uuid('user_id').references(() => users.id),
    boundAt: timestamp('bound_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('trackers_code_key').on(t.code), index('trackers_user_idx').on(t.userId)],
)

/**
 * A patrol 巡查: a worker's walk through their grid, started and ended in the app (its id comes from
 * the phone, so a replayed start is the same patrol) or opened by a tracker's first point of a shift.
 * While running, its points are in `track_points`; when it ends, the figures below are computed once
 * and the track is kept as one line (split at gaps), so the raw points can be dropped with their day.
 */
export const patrols = pgTable(
  'patrols',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The worker's own grid when the patrol started (their post's grid): time in grid is measured against it. */
    gridId: uuid('grid_id').references(() => grids.id),
    gridPath: ltree('grid_path'),
    /** `app` (the worker's phone) or `tracker`. */
    source: text('source').notNull(),
    trackerId: uuid('tracker_id').references(() => trackers.id),
    state: text('state').notNull().default('running'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Figures computed when the patrol ends (null while running). */
    pointCount: integer('point_count'),
    distanceM: doublePrecision('distance_m'),
    durationS: integer('duration_s'),
    /** Seconds of the track inside the worker's grid (a segment counts when both ends are inside). */
    inGridS: integer('in_grid_s'),
    /** Seconds lost to gaps (no point for longer than the gap limit): shown, never counted as presence. */
    gapS: integer('gap_s'),
    /** Share of the grid's buildings passed within the rule's radius, 0–1 (null when the grid has none). */
    coverage: real('coverage'),
    buildingsPassed: integer('buildings_passed'),
    buildingsTotal: integer('buildings_total'),
    /** Check-in points 必到点 reached: ids of `patrol_checkpoints`. */
    checkpointsReached: jsonb('checkpoints_reached').$type<string[]>(),
    /** Implausible-track flags with counts: `speed_jump`, `repeated_point`, `mocked`, `poor_accuracy`. */
    flags: jsonb('flags').$type<Record<string, number>>(),
    /** The gaps themselves, `[{ from, to }]` (ISO instants), in order: shown on the track as breaks. */
    gaps: jsonb('gaps').$type<{ from: string; to: string }[]>(),
    /** The compacted track, one line per stretch between gaps. */
    track: geometry('track', 'MultiLineString'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('patrols_user_started_idx').on(t.userId, t.startedAt),
    // The nightly compliance recompute reads a day's patrols of every worker.
    index('patrols_started_idx').on(t.startedAt),
    index('patrols_grid_path_gist').using('gist', t.gridPath),
    // The big screen's workers on duty: the running patrols under a scope.
    index('patrols_running_gist').using('gist', t.gridPath).where(sql`state = 'running'`),
    uniqueIndex('patrols_running_tracker_key').on(t.trackerId).where(sql`state = 'running'`),
    check('patrols_state_check', sql`${t.state} in ('running', 'ended')`),
    check('patrols_source_check', sql`${t.source} in ('app', 'tracker')`),
  ],
)

/**
 * Raw positions, partitioned by day of `recorded_at` (the migration declares the partitioning;
 * `track.partitions.ts` creates days ahead and drops them after the retention). A stream is a patrol
 * (the app) or a tracker; `seq` numbers its points, so a re-sent batch stores nothing twice.
 * Coordinates are plain numbers: ingest stays cheap, and queries build points when they need them.
 */
export const trackPoints = pgTable(
  'track_points',
  {
    streamId: uuid('stream_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    userId: uuid('user_id').notNull(),
    patrolId: uuid('patrol_id'),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    /** Metres, as the device reported it. */
    accuracyM: real('accuracy_m'),
    /** The device said the position was simulated (Android's isMock, a tracker's flag). */
    mocked: boolean('mocked').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.streamId, t.seq, t.recordedAt] }),
    index('track_points_user_time_idx').on(t.userId, t.recordedAt),
  ],
)

/** Where each worker was last seen (one row per worker, overwritten only by a newer point). */
export const latestPositions = pgTable('latest_positions', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  lon: doublePrecision('lon').notNull(),
  lat: doublePrecision('lat').notNull(),
  accuracyM: real('accuracy_m'),
  patrolId: uuid('patrol_id'),
  updatedAt: updatedAt(),
})

/** A check-in point 必到点 of a grid (the 553 method's "three must-arrive"): reached within its radius. */
export const patrolCheckpoints = pgTable(
  'patrol_checkpoints',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    name: text('name').notNull(),
    location: geometry('location', 'Point').notNull(),
    radiusM: integer('radius_m').notNull().default(50),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('patrol_checkpoints_grid_path_gist').using('gist', t.gridPath)],
)

/**
 * Patrol rules per grid level (seed 004: at least one patrol a day, at least a third of working time
 * in the grid; seed 002: the 553 checklist). A level without a row uses the defaults in code.
 */
export const patrolRules = pgTable(
  'patrol_rules',
  {
    level: text('level').primaryKey(),
    minPatrolsPerDay: integer('min_patrols_per_day').notNull(),
    /** Share of the day's working time (the calendar's shifts) to spend inside the grid. */
    minInGridShare: real('min_in_grid_share').notNull(),
    /** Metres within which a building counts as passed. */
    coverageRadiusM: integer('coverage_radius_m').notNull(),
    /** The 553 checklist: items the worker ticks each day, grouped (must_know, must_visit, must_arrive). */
    checklist: jsonb('checklist').notNull().default([]),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [check('patrol_rules_share_check', sql`${t.minInGridShare} between 0 and 1`)],
)

/**
 * Compliance per worker per day 巡查考勤, computed from the day's ended patrols against the rules of
 * the worker's grid level; recomputed when a patrol of that day ends and by the nightly job.
 */
export const complianceDays = pgTable(
  'compliance_days',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** China-time calendar day. */
    day: date('day').notNull(),
    gridPath: ltree('grid_path'),
    patrols: integer('patrols').notNull(),
    patrolS: integer('patrol_s').notNull(),
    inGridS: integer('in_grid_s').notNull(),
    /** Working seconds of the day by the calendar (0 on a holiday). */
    workS: integer('work_s').notNull(),
    /** The 553 items ticked that day. */
    checklist: jsonb('checklist').notNull().default([]),
    /** The rules the day was judged by (`minPatrolsPerDay`, `minInGridShare`): a later change leaves past days as judged. */
    rules: jsonb('rules').$type<{ minPatrolsPerDay: number; minInGridShare: number }>(),
    patrolsMet: boolean('patrols_met').notNull(),
    inGridMet: boolean('in_grid_met').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.day] }),
    index('compliance_days_grid_path_gist').using('gist', t.gridPath),
  ],
)
