import { z } from 'zod'

/**
 * open 待处理, acknowledged 已知悉, dismissed 已排除, converted 已转事件, supervised 已督办 (its case),
 * resolved 已解除: settled by the system when what it warned of no longer holds (`reason` a code).
 */
export const WARNING_STATES = [
  'open',
  'acknowledged',
  'dismissed',
  'converted',
  'supervised',
  'resolved',
] as const
export const WARNING_RULES = [
  'rise',
  'gradual_rise',
  'hotspot',
  'repeat_place',
  'repeat_household',
  'worker_offline',
  'outside_grid',
  'deadline',
  'visit_missed',
] as const
export const WARNING_ACTIONS = ['acknowledge', 'dismiss', 'convert', 'supervise'] as const

export const WarningListQuerySchema = z.object({
  /** Which outcomes to list (comma-separated); open by default. */
  state: z
    .string()
    .regex(/^[a-z,]+$/)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(WARNING_STATES)).min(1))
    .default(['open']),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The next page: the warnings listed after this one (the last of the page before). */
  before: z.uuid().optional(),
  /** Only these rules (comma-separated). */
  rule: z
    .string()
    .regex(/^[a-z_,]+$/)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(WARNING_RULES)).min(1))
    .optional(),
  /** Only those within this grid (its code): a screen drilled down to a street, say. */
  grid: z
    .string()
    .regex(/^\d{1,40}$/, 'a grid code: digits only')
    .optional(),
})

/** What the summary takes: only the warnings within a grid, when one is named. */
export const WarningSummaryQuerySchema = WarningListQuerySchema.pick({ grid: true })

export const WarningSummarySchema = z
  .object({
    items: z.array(z.object({ rule: z.string(), level: z.enum(['red', 'yellow']), count: z.number().int() })),
  })
  .meta({ id: 'WarningSummary' })

export const WarningViewSchema = z
  .object({
    id: z.uuid(),
    rule: z.string(),
    level: z.enum(['red', 'yellow']),
    title: z.object({ zh: z.string(), en: z.string() }),
    /** The grid subtree it concerns ('' the whole deployment). */
    scopePath: z.string(),
    categoryCode: z.string().nullable(),
    location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    /** What the rule measured: counts, baseline, p-values, the events behind it (ids). */
    inputs: z.record(z.string(), z.unknown()),
    /** `converting` only for the moment a case is being made from it. */
    state: z.enum([...WARNING_STATES, 'converting']),
    /** Who settled it (null while open, and when the system resolved it). */
    handledBy: z.string().nullable(),
    handledAt: z.string().nullable(),
    /**
     * Why, as the handler wrote it; for `resolved`, a code: case_closed, clock_stopped,
     * deadline_moved, within_limit (deadlines), no_longer_overdue, membership_ended (visits).
     */
    reason: z.string().nullable(),
    case: z.object({ id: z.uuid(), no: z.string() }).nullable(),
    raisedAt: z.string(),
    updatedAt: z.string(),
    /** supervise: deadline warnings only (督办 of their case); convert: the others with a place. */
    abilities: z.array(z.enum(WARNING_ACTIONS)),
  })
  .meta({ id: 'Warning' })

export const WarningListSchema = z.object({ items: z.array(WarningViewSchema) })

export const WarningActionParamsSchema = z.object({
  id: z.uuid(),
  action: z.enum(WARNING_ACTIONS),
})

export const WarningActionBodySchema = z.object({
  /** Why (required to dismiss: kept with the warning; with supervise, added to the notice). */
  reason: z.string().trim().min(1).max(500).optional(),
  /** supervise: the notice's grade; by default the supervision sweep's grade for the share of time used. */
  grade: z.enum(['normal', 'yellow', 'red']).optional(),
})

export type WarningView = z.infer<typeof WarningViewSchema>
export type WarningListQuery = z.infer<typeof WarningListQuerySchema>
export type WarningAction = (typeof WARNING_ACTIONS)[number]
export type WarningActionBody = z.infer<typeof WarningActionBodySchema>
