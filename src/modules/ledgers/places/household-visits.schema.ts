import { z } from 'zod'
import { VISIT_OUTCOMES } from '../groups/groups.schema'

/** A household visit 入户走访 as a phone or a desk sends it. */
export const HouseholdVisitBodySchema = z
  .object({
    /** The phone's own id (UUIDv7) when recorded offline: a replay answers the stored visit. */
    id: z.uuid().optional(),
    /** When it took place (now when not given); never in the future. */
    visitedAt: z.iso.datetime({ offset: true }).optional(),
    place: z
      .object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
      .strict()
      .optional(),
    outcome: z.enum(VISIT_OUTCOMES),
    notes: z.string().trim().max(2000).nullish(),
    /** Photos taken at the door, by the SHA-256 they were uploaded under. */
    photos: z
      .array(z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'))
      .max(9)
      .default([]),
  })
  .strict()
export type HouseholdVisitBody = z.infer<typeof HouseholdVisitBodySchema>

export const HouseholdVisitSchema = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    visitor: z.object({ id: z.uuid(), name: z.string() }),
    visitedAt: z.string(),
    place: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    outcome: z.enum(VISIT_OUTCOMES),
    hasNotes: z.boolean(),
    photos: z.array(z.string()),
    /** Metres from the household's building (null: no position, or the household has no room). */
    distanceM: z.number().nullable(),
    /** Within the distance that proves the visit took place at the building. */
    atBuilding: z.boolean().nullable(),
  })
  .meta({ id: 'HouseholdVisit' })

export const HouseholdVisitListSchema = z.object({ items: z.array(HouseholdVisitSchema) })
