import { sql } from 'drizzle-orm'
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, ltree } from '../../db/types'
import { users } from '../auth/auth.tables'
import { grids } from '../grids/grids.tables'

/**
 * A campaign 专项行动 (gas safety 燃气安全排查, epidemic screening 流调排查, information verification
 * 信息核查, power saving …) over a grid subtree: one task per household, building or person in it,
 * each assigned to the worker of its grid, with a form the worker fills at the door.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    /** gas_safety | epidemic | verification | power_saving | other */
    kind: text('kind').notNull(),
    /** The subtree the campaign covers (a grid path). */
    scopePath: ltree('scope_path').notNull(),
    /** What one task is: a household 户, a building 楼栋 or a person 人. */
    target: text('target').notNull(),
    /** The door form: `[{ key, label, type: text|number|choice|photo|yesno, required, options? }]`. */
    form: jsonb('form').notNull().default([]),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** active | closed */
    state: text('state').notNull().default('active'),
    /** When it was closed: doors recorded after that are refused, those recorded before still arrive. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    taskCount: integer('task_count').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaigns_scope_path_gist').using('gist', t.scopePath),
    check('campaigns_target_check', sql`${t.target} in ('household', 'building', 'person')`),
    check('campaigns_state_check', sql`${t.state} in ('active', 'closed')`),
    check('campaigns_dates_check', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
)

/**
 * One door of a campaign: its target record, its grid, the worker it is assigned to and where it
 * stands (the last door outcome: open until a visit, then done, revisit 待回访, refused, moved,
 * wrong_address).
 */
export const campaignTasks = pgTable(
  'campaign_tasks',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    targetId: uuid('target_id').notNull(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    /** What the worker reads on the list: the building and room of a household, a building's address (a person's masked name is read at presenting time, never stored). */
    label: text('label'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    state: text('state').notNull().default('open'),
    revisitOn: date('revisit_on'),
    attempts: integer('attempts').notNull().default(0),
    lastOutcomeAt: timestamp('last_outcome_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('campaign_tasks_target_key').on(t.campaignId, t.targetId),
    index('campaign_tasks_assignee_idx').on(t.assigneeId, t.state),
    index('campaign_tasks_grid_path_gist').using('gist', t.gridPath),
    check(
      'campaign_tasks_state_check',
      sql`${t.state} in ('open', 'done', 'revisit', 'refused', 'moved', 'wrong_address')`,
    ),
  ],
)

/**
 * A door outcome 入户结果 recorded by a worker (its id comes from the phone: a replay is the same
 * outcome). Every visit to the door is kept; the task shows the last.
 */
export const taskOutcomes = pgTable(
  'task_outcomes',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => campaignTasks.id),
    outcome: text('outcome').notNull(),
    /** The form's answers by field key. */
    answers: jsonb('answers').notNull().default({}),
    note: text('note'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    revisitOn: date('revisit_on'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** SHA-256 of the request as sent: the same id with other content is refused. */
    requestHash: text('request_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('task_outcomes_task_idx').on(t.taskId, t.recordedAt),
    check(
      'task_outcomes_outcome_check',
      sql`${t.outcome} in ('done', 'revisit', 'refused', 'moved', 'wrong_address')`,
    ),
  ],
)
