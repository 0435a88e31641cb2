import { z } from 'zod'

/* The contracts of households 户: a number 户号, a grid, maybe a room, a head and members. */

const isoDate = z.iso.date()
/** A code of the code table `relation` 与户主关系 (01 head, 10 spouse, 20 son …). */
const relationCode = z.string().trim().min(1).max(10)

export const HouseholdCreateBodySchema = z.object({
  number: z.string().trim().max(30).nullish(),
  roomId: z.uuid().nullish(),
  headPersonId: z.uuid(),
})
/** The desk edit: the number 户号 and the room given replace (null clears), at the version read. */
export const HouseholdUpdateBodySchema = z.object({
  number: z.string().max(100).nullish(),
  roomId: z.string().max(100).nullish(),
  version: z.number().int().min(1),
})
export const HouseholdMemberBodySchema = z.object({
  personId: z.uuid(),
  /** Relation to the head 与户主关系 (code table `relation`). */
  relation: relationCode,
})
/** A change of head 变更户主: a member becomes the head; the former head keeps the relation given. */
export const HouseholdHeadBodySchema = z.object({
  personId: z.uuid(),
  formerHeadRelation: relationCode,
})
export const HouseholdMemberParams = z.object({ id: z.uuid(), personId: z.uuid() })
export const HouseholdListQuerySchema = z.object({
  grid: z.string().regex(/^\d+$/, 'digits only').max(40).optional(),
  /** Part of the household number 户号 or of the head's name. */
  q: z.string().trim().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
})

export const HouseholdViewSchema = z
  .object({
    id: z.uuid(),
    number: z.string().nullable(),
    grid: z.object({ code: z.string(), name: z.string() }),
    /** The room, its place masked as on a profile (the building's road kept, numbers hidden). */
    room: z.object({ id: z.uuid(), buildingId: z.uuid(), place: z.string() }).nullable(),
    headPersonId: z.uuid().nullable(),
    members: z.array(
      z.object({
        personId: z.uuid(),
        /** Masked (张*). */
        name: z.string(),
        /** Masked (110105********002X), null when none is on the ledger. */
        idNumber: z.string().nullable(),
        relation: z.string(),
        since: isoDate,
      }),
    ),
    version: z.number().int(),
    abilities: z.array(z.enum(['update', 'delete', 'unmask'])),
  })
  .meta({ id: 'HouseholdView' })
export const HouseholdListSchema = z.object({
  items: z.array(HouseholdViewSchema),
  nextCursor: z.string().nullable(),
})

export type HouseholdCreateBody = z.infer<typeof HouseholdCreateBodySchema>
export type HouseholdUpdateBody = z.infer<typeof HouseholdUpdateBodySchema>
export type HouseholdHeadBody = z.infer<typeof HouseholdHeadBodySchema>
export type HouseholdListQuery = z.infer<typeof HouseholdListQuerySchema>
export type HouseholdView = z.infer<typeof HouseholdViewSchema>
