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
    /** The name the actor had when acting: a username, a key's name, or the system's part (`bootstrap`, `cli`). */
    actorName: z.string().nullable(),
    /** The acting user's account as it is now; null for a key, the system, or a user no longer there. */
    actorUser: z.object({ username: z.string(), displayName: z.string() }).nullable(),
    /** `<module>.<verb>`: `user.create`, `role.grant`, `case.dispatch` … */
    action: z.string(),
    resourceType: z.string().nullable(),
    resourceId: z.string().nullable(),
    /**
     * What the resource is now, when it still exists: a user's name and username, a grid's,
     * department's, key's or category's name, a role's names, a case's number and id.
     */
    resourceRef: z
      .object({
        name: z.string(),
        nameEn: z.string().optional(),
        username: z.string().optional(),
        caseId: z.string().optional(),
      })
      .nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    /** Whether the row is already chained (hash computed); new rows are sealed within seconds. */
    sealed: z.boolean(),
  })
  .meta({ id: 'AuditEntry' })

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  /** Names of what the page's summaries mention: grids by path or code, departments by id or code, roles by key. */
  names: z.object({
    grids: z.record(z.string(), z.string()),
    departments: z.record(z.string(), z.string()),
    roles: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  }),
  nextCursor: z.string().nullable(),
})

export const AuditActorsQuerySchema = z.object({
  /** Part of a username or a person's name. */
  q: z.string().trim().min(1).max(64),
})

export const AuditActorsSchema = z.object({
  items: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
})
