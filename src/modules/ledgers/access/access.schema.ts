import { z } from 'zod'

const Day = z.iso.date()

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
