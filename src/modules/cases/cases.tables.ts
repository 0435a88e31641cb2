import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, geometry, ltree, updatedAt } from '../../db/types'
import { users } from '../auth/auth.tables'
import { grids } from '../grids/grids.tables'
import { patrols } from '../patrols/patrols.tables'
import { departments } from '../staff/staff.tables'

/**
 * The event categories: 2-digit big classes and 5-digit small classes, each small class with its
 * filing standard 立结案标准 (see categories/). Shipped classes are kept in step at start-up unless a
 * deployment has edited them; local extensions live in the reserved ranges.
 */
export const caseCategories = pgTable('case_categories', {
  code: text('code').primaryKey(),
  catalogue: text('catalogue').notNull(),
  parentCode: text('parent_code'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  legacy: text('legacy').array().notNull().default(sql`'{}'::text[]`),
  standard: jsonb('standard'),
  fields: jsonb('fields').notNull().default([]),
  active: boolean('active').notNull().default(true),
  /**
   * Its cases may appear in anonymous lists (Open311): a matter a passer-by sees. Matters about
   * persons (综治 21–28, 流浪乞讨 …) are not; see categories/categories.public.ts for the defaults.
   */
  isPublic: boolean('is_public').notNull().default(false),
  /** Changed by the deployment: start-up no longer overwrites it with the shipped version. */
  edited: boolean('edited').notNull().default(false),
  updatedAt: updatedAt(),
})

/**
 * The routing table: in a grid subtree, events of a category (a big or small class code, or every
 * category when empty) go to a department or a handling level. The deepest subtree, then the longest
 * category code, wins; without a match the category's filing standard decides.
 */
export const caseRoutes = pgTable(
  'case_routes',
  {
    id: uuid('id').primaryKey(),
    gridPath: ltree('grid_path').notNull(),
    categoryPrefix: text('category_prefix').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    level: text('level'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('case_routes_key').on(t.gridPath, t.categoryPrefix),
    check('case_routes_target_check', sql`${t.departmentId} is not null or ${t.level} is not null`),
  ],
)

/** An event 事件 (case): one row per report, its state changed only through cases.states.ts. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** The tracking number people quote 事件编号: E + date + sequence. */
    no: text('no').notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => caseCategories.code),
    /** 诉求性质 of a hotline request (consultation, help, complaint, report, suggestion). */
    nature: text('nature'),
    source: text('source').notNull(),
    state: text('state').notNull(),
    /** The state to go back to when a suspended case resumes. */
    suspendedFrom: text('suspended_from'),
    version: integer('version').notNull().default(1),
    urgency: text('urgency').notNull().default('normal'),
    description: text('description').notNull(),
    address: text('address'),
    location: geometry('location', 'Point'),
    /** The leaf grid holding the location, and its path (null: outside every grid). */
    gridId: uuid('grid_id').references(() => grids.id),
    gridPath: ltree('grid_path'),
    /** 处置层级: the level whose staff own the case (grid / community / street / district). */
    level: text('level').notNull(),
    /** The grid at that level: its staff see and work the case. */
    ownerPath: ltree('owner_path'),
    /** The department it is dispatched to, when it is. */
    departmentId: uuid('department_id').references(() => departments.id),
    /** Why no one owns it yet: the "no handler" queue 无主事件. */
    unownedReason: text('unowned_reason'),
    reporterId: uuid('reporter_id').references(() => users.id),
    /** The reporter's patrol 巡查 the event was found on, when reported during one. */
    patrolId: uuid('patrol_id').references(() => patrols.id),
    /** A reporter's name and phone or e-mail, encrypted (src/lib/crypto.ts); shown masked, unmasking is audited. */
    reporterContact: text('reporter_contact'),
    /** SHA-256 of the private tracking link's token given to a reporter without an account. */
    trackingTokenHash: text('tracking_token_hash'),
    /**
     * The reporter agreed to the case being listed publicly (the public page's checkbox, an Open311
     * post) or staff decided so. Only staff-approved text is ever published, masked.
     */
    publishConsent: boolean('publish_consent').notNull().default(false),
    /** 缓办: left out of the cases due (应结案数). */
    deferred: boolean('deferred').notNull().default(false),
    acceptDue: timestamp('accept_due', { withTimezone: true }),
    handleDue: timestamp('handle_due', { withTimezone: true }),
    verifyDue: timestamp('verify_due', { withTimezone: true }),
    /** Each stage's overdue flag, frozen when the stage ends (honest statistics). */
    acceptOverdue: boolean('accept_overdue'),
    handleOverdue: boolean('handle_overdue'),
    verifyOverdue: boolean('verify_overdue'),
    /** Working time spent suspended, which the clocks do not count. */
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    /** When the running stage's current round began: a rework 返工 starts a new round of handling. */
    stageStartedAt: timestamp('stage_started_at', { withTimezone: true }),
    /** Working time the current round stood suspended (its deadline was pushed by as much). */
    stagePausedMs: bigint('stage_paused_ms', { mode: 'number' }).notNull().default(0),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    mergedInto: uuid('merged_into'),
    rating: integer('rating'),
    ratingText: text('rating_text'),
    /** Sent back to handling at verification or by the reporter's rating 返工 (set by a trigger on the timeline). */
    reworked: boolean('reworked').notNull().default(false),
    /** An extension 延期 was approved (set by a trigger on case_extensions). */
    extended: boolean('extended').notNull().default(false),
    /** 督办 grade in force: normal, yellow or red card. */
    supervision: text('supervision'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cases_no_key').on(t.no),
    uniqueIndex('cases_tracking_key').on(t.trackingTokenHash),
    index('cases_grid_path_gist').using('gist', t.gridPath),
    index('cases_owner_path_gist').using('gist', t.ownerPath),
    index('cases_location_gist').using('gist', t.location),
    index('cases_state_idx').on(t.state, t.reportedAt),
    index('cases_department_idx').on(t.departmentId),
    index('cases_reporter_idx').on(t.reporterId),
    index('cases_patrol_idx').on(t.patrolId).where(sql`patrol_id is not null`),
    index('cases_reported_idx').on(t.reportedAt, t.id),
    // 超期 now: the deadline of the stage a case is in, for the cases in a state with a clock, so the
    // overdue count under a scope reads only the cases already past it (cases.bulletin.repo's overdueCount).
    // The columns the deadline is made of ride along, so the count never visits the table (a city's
    // 160,000 overdue cases: 39 ms, not 400–800).
    index('cases_running_due_idx')
      .on(
        sql`(case ${t.state} when 'reported' then ${t.acceptDue} when 'handled' then ${t.verifyDue} else ${t.handleDue} end)`,
        t.gridPath,
        t.state,
        t.acceptDue,
        t.verifyDue,
        t.handleDue,
      )
      .where(
        sql`state in ('reported', 'accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated', 'handled')`,
      ),
    check('cases_rating_check', sql`${t.rating} between 1 and 5`),
  ],
)

/** The timeline: one row per action, written in the transaction that changes the case. */
export const caseTransitions = pgTable(
  'case_transitions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    /** The role the actor acted in (grid_worker, shift_lead …), or `resident` / `integration`. */
    actorRole: text('actor_role').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Shown to the reporter on the tracking page. */
    publicText: text('public_text'),
    /** Staff only. */
    privateNote: text('private_note'),
    attachments: jsonb('attachments').notNull().default([]),
    location: geometry('location', 'Point'),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [index('case_transitions_case_idx').on(t.caseId, t.at)],
)

/** A retried intake with the same Idempotency-Key from the same caller answers the same case. */
export const caseIntakeKeys = pgTable(
  'case_intake_keys',
  {
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the request body: the same key with another body is a client error. */
    requestHash: text('request_hash').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key] })],
)

/** "Me too" 附议: people who reported the same problem follow the first case instead of opening one. */
export const caseFollowers = pgTable(
  'case_followers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** `user:<id>` or `public:<tracking token digest>`: one follow per person. */
    follower: text('follower').notNull(),
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.follower] })],
)

/** 吹哨报到: the departments a street summons to one case; each reports in, one leads. */
export const caseParticipants = pgTable(
  'case_participants',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    role: text('role').notNull(),
    summonedAt: timestamp('summoned_at', { withTimezone: true }).notNull(),
    reportDue: timestamp('report_due', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.departmentId] }),
    index('case_participants_department_idx').on(t.departmentId),
    check('case_participants_role_check', sql`${t.role} in ('lead', 'assist')`),
  ],
)

/** 延期: a handler asks for more time; a supervisor grants or refuses it. */
export const caseExtensions = pgTable(
  'case_extensions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** Working time asked for: `{ hours }` or `{ days }`. */
    duration: jsonb('duration').notNull(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    approved: boolean('approved'),
  },
  (t) => [index('case_extensions_case_idx').on(t.caseId)],
)

/** 督办: graded supervision notices (normal, yellow card, red card) the sweep or a supervisor issues. */
export const supervisionNotices = pgTable(
  'supervision_notices',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    grade: text('grade').notNull(),
    stage: text('stage').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** Issued by a supervisor; null when the sweep issued it. */
    issuedBy: uuid('issued_by').references(() => users.id),
    /** Also sent to the handler's head (after the second limit). */
    toHead: boolean('to_head').notNull().default(false),
    note: text('note'),
    /**
     * When the round of the stage it grades began (a rework starts a new round of `handle`; for
     * `report_in`, the whistle): the sweep issues each grade once per round. Null when issued by hand.
     */
    roundStartedAt: timestamp('round_started_at', { withTimezone: true }),
    /** The whistled department a late report-in notice is for. */
    departmentId: uuid('department_id').references(() => departments.id),
  },
  (t) => [
    uniqueIndex('supervision_notices_once')
      .on(t.caseId, t.stage, t.grade, t.roundStartedAt)
      .where(sql`${t.issuedBy} is null and ${t.departmentId} is null`),
    uniqueIndex('supervision_notices_department_once')
      .on(t.caseId, t.departmentId, t.stage, t.grade, t.roundStartedAt)
      .where(sql`${t.issuedBy} is null and ${t.departmentId} is not null`),
    check('supervision_notices_grade_check', sql`${t.grade} in ('normal', 'yellow', 'red')`),
  ],
)

/** Files attached to a case or a step of it: photos and PDFs on disk, EXIF location kept privately. */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    transitionId: uuid('transition_id').references(() => caseTransitions.id),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Relative to the attachments directory. */
    path: text('path').notNull(),
    /**
     * A photo's copy for the reporter and the public, a JPEG encoded anew from its pixels (null for a
     * PDF, and for a photo from before copies were re-encoded until its copy is first made).
     */
    publicPath: text('public_path'),
    /** Where the photo says it was taken: staff only. */
    exifLocation: geometry('exif_location', 'Point'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    /** The reporter sent it with the tracking token 随手拍 (no account). */
    byReporter: boolean('by_reporter').notNull().default(false),
    /**
     * The reporter sees its re-encoded copy on the tracking page: their own photos, and the result
     * photos staff chose to show them. Staff-only otherwise.
     */
    shownToReporter: boolean('shown_to_reporter').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('case_attachments_case_idx').on(t.caseId)],
)

/** Calendar days a deployment adds through the API (on top of the shipped and file calendars). */
export const calendarDays = pgTable('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  updatedAt: updatedAt(),
})
