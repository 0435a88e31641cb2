import {
  date,
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
import { createdAt, ltree, updatedAt } from '../../db/types'
import { users } from '../auth/auth.tables'
import type { SchemeBody } from './assessment.scheme'

/**
 * An assessment scheme 考核方案: who it assesses (the grids of a level, or the grid workers), and how —
 * indicators with weights and thresholds, bonuses, stars, red and black lists, the subsidy. Each
 * change raises its version; a run keeps the body it was computed with.
 */
export const assessmentSchemes = pgTable('assessment_schemes', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** `grid` (the grids of `level`) or `worker` (everyone holding a worker's post). */
  subject: text('subject').notNull(),
  level: text('level'),
  body: jsonb('body').$type<SchemeBody>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/**
 * One computation of a scheme over an area and a period: the scheme as it was, the data version
 * (a digest of every input), and — once published 发布 — frozen.
 */
export const assessmentRuns = pgTable(
  'assessment_runs',
  {
    id: uuid('id').primaryKey(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    schemeVersion: integer('scheme_version').notNull(),
    /** The scheme's names, subject, level and body when the run was made. */
    scheme: jsonb('scheme').notNull(),
    /** The area assessed: a grid subtree (`''`: the whole deployment). */
    scopePath: ltree('scope_path').notNull(),
    /** `2026-11`, `2026-Q4`, `2026-H2` or `2026`. */
    period: text('period').notNull(),
    fromDay: date('from_day').notNull(),
    /** The day after the period's last. */
    toDay: date('to_day').notNull(),
    dataVersion: text('data_version').notNull(),
    /** computed 已计算, published 已发布 (frozen). */
    state: text('state').notNull().default('computed'),
    computedBy: uuid('computed_by').references(() => users.id),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('assessment_runs_key').on(t.schemeId, t.scopePath, t.period)],
)

/** A subject's line of a run: its indicator values, points, score, stars, rank, list and subsidy. */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => assessmentRuns.id, { onDelete: 'cascade' }),
    /** A grid's code, or a worker's user id. */
    subjectKey: text('subject_key').notNull(),
    subjectName: text('subject_name').notNull(),
    /** The grid assessed, or the worker's grid. */
    gridPath: ltree('grid_path').notNull(),
    gridName: text('grid_name').notNull(),
    /** The raw counts the indicators were computed from (reproducible). */
    counts: jsonb('counts').notNull(),
    values: jsonb('values').$type<Record<string, number | null>>().notNull(),
    points: jsonb('points').$type<Record<string, number | null>>().notNull(),
    bonus: real('bonus').notNull(),
    score: real('score').notNull(),
    stars: integer('stars').notNull(),
    /** Null: nothing the scheme weighs could be measured (no events due, no working day …): not ranked. */
    rank: integer('rank'),
    previousRank: integer('previous_rank'),
    /** `red` 红榜, `black` 黑榜, or null. */
    list: text('list'),
    subsidy: jsonb('subsidy'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.subjectKey] }),
    index('assessment_results_grid_gist').using('gist', t.gridPath),
    // A page of a run by rank (the ranking's first screen): the repo's `rank` order, as the index holds it.
    index('assessment_results_rank_idx').on(t.runId, t.rank, t.gridPath, t.subjectName, t.subjectKey),
    // By score (read backwards: ascending) and by name: a page deep in 18,000 lines walks the index, never sorts them.
    index('assessment_results_score_idx').on(t.runId, t.score.desc(), t.subjectName, t.subjectKey),
    index('assessment_results_name_idx').on(t.runId, t.subjectName, t.subjectKey),
  ],
)

/**
 * Scores entered by hand where the seeds ask for them: democratic review 民主评议 and telephone spot
 * checks 电话抽查, 0–100, per scheme, period and subject.
 */
export const assessmentMarks = pgTable(
  'assessment_marks',
  {
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id),
    period: text('period').notNull(),
    subjectKey: text('subject_key').notNull(),
    /** `review` or `spot_check`. */
    kind: text('kind').notNull(),
    score: real('score').notNull(),
    note: text('note'),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.schemeId, t.period, t.subjectKey, t.kind] })],
)

/**
 * A period's bulletin 通报 of an area: what was composed (kept whole, so the printed page, the PDF
 * and the sheet say the same thing whenever they are made), and once published, on the workbenches.
 */
export const assessmentBulletins = pgTable(
  'assessment_bulletins',
  {
    id: uuid('id').primaryKey(),
    scopePath: ltree('scope_path').notNull(),
    period: text('period').notNull(),
    body: jsonb('body').notNull(),
    /** draft 草稿, published 已发布. */
    state: text('state').notNull().default('draft'),
    composedBy: uuid('composed_by').references(() => users.id),
    composedAt: timestamp('composed_at', { withTimezone: true }).notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('assessment_bulletins_key').on(t.scopePath, t.period),
    index('assessment_bulletins_scope_gist').using('gist', t.scopePath),
  ],
)
