import { z } from 'zod'

export const WARNING_STATES = ['open', 'acknowledged', 'dismissed', 'converted'] as const
export const WARNING_RULES = [
  'rise',
  'gradual_rise',
  'hotspot',
  'repeat_place',
  'worker_offline',
  'outside_grid',
] as const

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
})

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
    handledBy: z.string().nullable(),
    handledAt: z.string().nullable(),
    reason: z.string().nullable(),
    case: z.object({ id: z.uuid(), no: z.string() }).nullable(),
    raisedAt: z.string(),
    updatedAt: z.string(),
    abilities: z.array(z.enum(['acknowledge', 'dismiss', 'convert'])),
  })
  .meta({ id: 'Warning' })

export const WarningListSchema = z.object({ items: z.array(WarningViewSchema) })

export const WarningActionParamsSchema = z.object({
  id: z.uuid(),
  action: z.enum(['acknowledge', 'dismiss', 'convert']),
})

export const WarningActionBodySchema = z.object({
  /** Why (required to dismiss: kept with the warning). */
  reason: z.string().trim().min(1).max(500).optional(),
})

export type WarningView = z.infer<typeof WarningViewSchema>
export type WarningListQuery = z.infer<typeof WarningListQuerySchema>
