import { z } from 'zod'
import { STATS_GROUPS } from './cases.stats.repo'

export const StatsQuerySchema = z
  .object({
    from: z.coerce.date(),
    to: z.coerce.date(),
    grid: z.string().regex(/^\d+$/).optional(),
    department: z.string().max(64).optional(),
    category: z
      .string()
      .regex(/^\d{2,5}$/)
      .optional(),
    groupBy: z.enum(STATS_GROUPS).default('none'),
  })
  .refine((q) => q.from < q.to, 'from must be before to')

const rate = z.number().nullable()

export const StatsRowSchema = z
  .object({
    /** The group: a grid code, department code, category, state or month (null without grouping). */
    key: z.string().nullable(),
    /** The group's name: a grid's or department's (the same in both), a category's or state's; null for a month or the whole. */
    name: z.object({ zh: z.string(), en: z.string() }).nullable(),
    received: z.number(),
    filed: z.number(),
    filingRate: rate,
    due: z.number(),
    closed: z.number(),
    closingRate: rate,
    onTime: z.number(),
    onTimeRate: rate,
    handled: z.number(),
    reworked: z.number(),
    reworkRate: rate,
    extended: z.number(),
    extensionRate: rate,
    deferred: z.number(),
    avgHandlingHours: z.number().nullable(),
    rated: z.number(),
    avgRating: z.number().nullable(),
    satisfactionRate: rate,
  })
  .meta({ id: 'StatsRow' })

export const StatsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(STATS_GROUPS),
    rows: z.array(StatsRowSchema),
  })
  .meta({ id: 'Stats' })

export type StatsQueryInput = z.infer<typeof StatsQuerySchema>
export type Stats = z.infer<typeof StatsSchema>
export type StatsRow = z.infer<typeof StatsRowSchema>
