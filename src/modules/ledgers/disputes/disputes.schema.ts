import { z } from 'zod'
import {
  GridCodeSchema,
  ListQueryBase,
  PointSchema,
  RecordGridSchema,
  text,
  VersionSchema,
} from '../ledgers.schema'

export const DISPUTE_SCALES = ['ordinary', 'major', 'serious'] as const
export const MEDIATION_METHODS = [
  'people_mediation',
  'administrative',
  'judicial',
  'arbitration',
  'negotiation',
  'other',
] as const

/** A party: a person on the ledger (by id), or a name as told. */
const PartySchema = z.union([
  z.object({ personId: z.uuid(), role: z.string().trim().max(20).optional() }).strict(),
  z.object({ name: text(50), role: z.string().trim().max(20).optional() }).strict(),
])

const fields = {
  kind: z.string().max(40),
  scale: z.enum(DISPUTE_SCALES),
  summary: text(1000),
  parties: z.array(PartySchema).max(20),
  /** The event of the case module it came from, by number. */
  caseNo: z.string().trim().max(40).nullable(),
  mediationMethod: z.enum(MEDIATION_METHODS).nullable(),
  mediator: z.string().trim().max(50).nullable(),
  deadline: z.iso.date().nullable(),
  outcome: z.string().trim().max(1000).nullable(),
  resolvedOn: z.iso.date().nullable(),
}

export const DisputeCreateSchema = z
  .object({ gridCode: GridCodeSchema.optional(), point: PointSchema.optional(), ...fields })
  .partial({
    parties: true,
    caseNo: true,
    mediationMethod: true,
    mediator: true,
    deadline: true,
    outcome: true,
    resolvedOn: true,
  })
  .strict()

export const DisputeUpdateSchema = z
  .object({ version: VersionSchema, ...fields })
  .partial()
  .required({ version: true })
  .strict()

export const DisputeSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    scale: z.enum(DISPUTE_SCALES),
    summary: z.string(),
    /** Names masked (张*): a party's file is opened from the people ledger. */
    parties: z.array(
      z.object({ personId: z.uuid().nullable(), name: z.string(), role: z.string().nullable() }),
    ),
    caseNo: z.string().nullable(),
    mediationMethod: z.enum(MEDIATION_METHODS).nullable(),
    mediator: z.string().nullable(),
    deadline: z.string().nullable(),
    outcome: z.string().nullable(),
    resolvedOn: z.string().nullable(),
    /** Unresolved past its deadline. */
    overdue: z.boolean(),
    grid: RecordGridSchema,
    version: z.number(),
    abilities: z.array(z.enum(['update', 'delete', 'unmask'])),
    createdAt: z.string(),
  })
  .meta({ id: 'Dispute' })

export const DisputeListQuery = ListQueryBase.extend({
  kind: z.string().max(40).optional(),
  scale: z.enum(DISPUTE_SCALES).optional(),
  state: z.enum(['open', 'overdue', 'resolved']).optional(),
})

export const DisputePageSchema = z.object({
  items: z.array(DisputeSchema),
  nextCursor: z.string().nullable(),
})

export type DisputeCreate = z.infer<typeof DisputeCreateSchema>
export type DisputeUpdate = z.infer<typeof DisputeUpdateSchema>
export type DisputeListQuery = z.infer<typeof DisputeListQuery>
export type Party = z.infer<typeof PartySchema>
