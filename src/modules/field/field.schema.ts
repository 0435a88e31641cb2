import { z } from 'zod'
import { PersonSummarySchema } from '../ledgers/people/people.schema'
import { HouseholdViewSchema } from '../ledgers/places/households.schema'
import { BuildingViewSchema } from '../ledgers/places/places.schema'

export const SyncQuerySchema = z.object({
  /** The cursor of the last answer; none for a first sync (everything in the caller's grids). */
  cursor: z.string().max(200_000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
})

const kind = z.enum(['building', 'household', 'person'])

/** A record with its masked view, as the ledgers' list APIs answer it. */
const record = <K extends string, V extends z.ZodType>(k: K, view: V) =>
  z.object({ kind: z.literal(k), id: z.uuid(), gridPath: z.string(), version: z.number().int(), view })

export const SyncChangeSchema = z.union([
  record('building', BuildingViewSchema),
  record('household', HouseholdViewSchema),
  record('person', PersonSummarySchema),
  /** A tombstone: the record was deleted or left the caller's grids; the phone removes it. */
  z.object({ kind, id: z.uuid(), deleted: z.literal(true) }),
])

export const SyncPageSchema = z
  .object({
    /** The grid subtrees the caller reads (their grants with ledger.read); '' is the whole deployment. */
    scopes: z.array(z.string()),
    changes: z.array(SyncChangeSchema),
    /** Send it back for the next page; keep the last one for the next sync. */
    cursor: z.string(),
    /** More pages follow now. */
    more: z.boolean(),
    /**
     * The caller's grids changed since the cursor: remove the records under `drop` (those also under
     * a current scope come again), then the records of `add` follow in `changes`.
     */
    reset: z.object({ drop: z.array(z.string()), add: z.array(z.string()) }).optional(),
  })
  .meta({ id: 'SyncPage' })

export type SyncQuery = z.infer<typeof SyncQuerySchema>
export type SyncPage = z.infer<typeof SyncPageSchema>
export type SyncChange = z.infer<typeof SyncChangeSchema>
