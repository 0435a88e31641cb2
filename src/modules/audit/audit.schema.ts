import { z } from 'zod'

export const AuditQuerySchema = z.object({
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  resourceType: z.string().max(64).optional(),
  resourceId: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a cursor returned by the previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    resourceType: z.string().nullable(),
    resourceId: z.string().nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    /** Whether the row is already chained (hash computed); new rows are sealed within seconds. */
    sealed: z.boolean(),
  })
  .meta({ id: 'AuditEntry' })

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
})
