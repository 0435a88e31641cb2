import { z } from 'zod'

const DurationView = z.union([z.object({ hours: z.number() }), z.object({ days: z.number() })])

/**
 * 立结案标准 as stored and answered, for the category list and the configuration alike (answers are
 * not held to the input rules of config.schema's FilingStandardSchema: shipped data predates them).
 */
export const filingStandardView = z.object({
  filingCondition: z.string(),
  closingCondition: z.string(),
  level: z.string(),
  department: z.string().nullable(),
  limits: z.object({
    accept: DurationView,
    handle: z.object({ normal: DurationView, urgent: DurationView, critical: DurationView }),
    verify: DurationView,
  }),
  evidence: z.object({ handle: z.boolean(), verify: z.boolean() }),
  selfHandle: z.boolean(),
  admitted: z.boolean(),
})
