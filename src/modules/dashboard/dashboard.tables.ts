import { bigint, bigserial, boolean, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { ltree } from '../../db/types'

/** The grid depths the base-data summary keeps (the root '' and three levels); deeper scopes count the rows. */
export const SUMMARY_DEPTH = 3

/**
 * The base-data summary 基础数据汇总: per node of the grid tree (the root '' and its first
 * SUMMARY_DEPTH levels), how many people by kind, households, buildings, rooms and rented rooms,
 * organisations by kind, special-group memberships by group, posts by post and grids by level lie
 * under it. Kept by statement triggers on those tables (migration 0034) through a queue, as the
 * events rollup is: a change appends its difference, the fold adds it here, readers add both.
 *
 * Memberships and posts count from a day: +1 on the day they start, −1 on the day after they end,
 * so the figure current on day D is the sum of the rows with `day` ≤ D, exact whatever D is. Undated
 * measures count on `-infinity`.
 */
export const baseCounts = pgTable(
  'base_counts',
  {
    node: ltree('node').notNull(),
    /** people, households, buildings, rooms, rented, organizations, groups, posts, grids. */
    measure: text('measure').notNull(),
    /** The kind, group, post or grid level counted ('' when the measure has none). */
    value: text('value').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.node, t.measure, t.value, t.day] })],
)

/** Differences not yet folded into `base_counts`, one row per node, measure, value and day a statement moved. */
export const baseCountsQueue = pgTable('base_counts_queue', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  node: ltree('node').notNull(),
  measure: text('measure').notNull(),
  value: text('value').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  n: integer('n').notNull(),
})

/**
 * A counter of the changes that can move the accounts on duty (the online rate's denominator): every
 * statement on `grid_posts`, and every change of a grid's path (migration 0039). The count of
 * distinct accounts does not add up across nodes, so it is not in the summary; a node keeps the
 * figure it counted with the counter it read in the same statement, and counts again only once the
 * counter has moved. Updated in the writer's transaction, so a reader never sees a new counter
 * without the change behind it.
 */
export const postsVersion = pgTable('dashboard_posts_version', {
  id: boolean('id').primaryKey().default(true),
  version: bigint('version', { mode: 'number' }).notNull(),
})
