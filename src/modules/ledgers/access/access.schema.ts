import { z } from 'zod'

/** A calendar day of this era (a year like 0000 would not make an instant the database reads). */
const Day = z.iso.date().regex(/^(19|20)\d{2}-/, 'a day of 1900–2099')

export const RevealQuerySchema = z.object({
  /** China calendar days, both included. */
  from: Day.optional(),
  to: Day.optional(),
  /** The reader (a user id). */
  actor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().min(1).optional(),
})

export const RevealLogSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        actorId: z.string().nullable(),
        actorName: z.string().nullable(),
        /** person, organization or group_membership. */
        recordType: z.string(),
        recordId: z.string(),
        /** The person whose record it is (a membership's too), for the link to their profile. */
        personId: z.string().nullable(),
        /** A person's name masked, an organisation's name; null once erased. */
        label: z.string().nullable(),
        /** ledger.unmask or ledger.break_glass. */
        purpose: z.string(),
        reason: z.string().nullable(),
        fields: z.array(z.string()),
      }),
    ),
    nextCursor: z.number().int().nullable(),
  })
  .meta({ id: 'LedgerRevealLog' })

export const RevealReadersSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string().nullable(), count: z.number().int() })),
  })
  .meta({ id: 'LedgerRevealReaders' })

export type RevealQuery = z.infer<typeof RevealQuerySchema>
