import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'
import { ltree } from '../../../db/types'

/** The grid depths the rollup keeps (the root '' and three levels below): deeper scopes read the cases. */
export const ROLLUP_DEPTH = 3

/**
 * The events' rollup 统计汇总: per node of the grid tree (the root '' and its first ROLLUP_DEPTH levels),
 * day (Asia/Shanghai) and dimension (`all`, or one `category`, `source` or `state`), the counts the
 * indicators are made of. Cohort counts (received … satisfied) belong to the day a case was reported,
 * and change as it moves on; `accepted_n` and `closed_n` count what was accepted or closed that day.
 * Dimension `due` (value '') counts in `received` the running cases whose running stage's deadline
 * falls on the day: the cases overdue before today, without reading them (migration 0038).
 * Kept by statement triggers on `cases` (migration 0029): each change adds the case's new contribution
 * and takes away its old one, in the same transaction.
 */
export const caseRollup = pgTable(
  'case_rollup',
  {
    node: ltree('node').notNull(),
    /** The node's parent (null for the root): what "grouped by child" reads. */
    parent: ltree('parent'),
    dim: text('dim').notNull(),
    /** The dimension's value ('' for `all`). */
    value: text('value').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    received: integer('received').notNull().default(0),
    filed: integer('filed').notNull().default(0),
    due: integer('due').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    onTime: integer('on_time').notNull().default(0),
    handled: integer('handled').notNull().default(0),
    reworked: integer('reworked').notNull().default(0),
    extended: integer('extended').notNull().default(0),
    deferred: integer('deferred').notNull().default(0),
    /** Accepted to handled, summed in seconds over `handling_n` cases. */
    handlingSeconds: doublePrecision('handling_seconds').notNull().default(0),
    handlingN: integer('handling_n').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    satisfied: integer('satisfied').notNull().default(0),
    acceptedN: integer('accepted_n').notNull().default(0),
    closedN: integer('closed_n').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.node, t.dim, t.day, t.value] }),
    index('case_rollup_parent_idx').on(t.parent, t.dim, t.day).where(sql`${t.parent} is not null`),
  ],
)

/**
 * Changes not yet folded into `case_rollup`: a case's facts before (-1) and after (+1) each change,
 * appended by the triggers (no two writers ever wait on the same rollup row); the fold job moves them
 * into the rollup every second, and readers add what is still here, so every answer is exact.
 */
export const caseRollupQueue = pgTable('case_rollup_queue', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  sign: smallint('sign').notNull(),
  gridPath: ltree('grid_path'),
  categoryCode: text('category_code').notNull(),
  source: text('source').notNull(),
  state: text('state').notNull(),
  reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  handledAt: timestamp('handled_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  deferred: boolean('deferred').notNull(),
  handleOverdue: boolean('handle_overdue'),
  rating: integer('rating'),
  reworked: boolean('reworked').notNull(),
  extended: boolean('extended').notNull(),
  /** The running stage's deadline (`case_running_due`, migration 0038), null when no clock runs. */
  runningDue: timestamp('running_due', { withTimezone: true }),
})
