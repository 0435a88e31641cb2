import { z } from 'zod'

/**
 * The contracts of field proposals 采集 → 审核: a correction of a household or a person made at a
 * version, applied at once, held for review, or in conflict with what changed on the server since.
 */

export const PROPOSAL_STATES = ['applied', 'pending', 'conflict', 'approved', 'rejected'] as const
export type ProposalState = (typeof PROPOSAL_STATES)[number]
export type ProposalKind = 'household' | 'person'

/** A value a form may send for one field (the record's own checks read text, numbers and yes/no). */
const fieldValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])

export const ProposalCreateBodySchema = z
  .object({
    /** The client's id (UUIDv7): a replay of the same body answers the first answer. */
    id: z.uuid(),
    kind: z.enum(['household', 'person']),
    targetId: z.uuid(),
    /** The record's version the change was made on. */
    baseVersion: z.number().int().min(1),
    /** The fields changed, by the key of the record's edit form (null or '' clears one). */
    changes: z.record(z.string().max(50), fieldValue),
    /** An information-verification campaign's task: the correction always goes to review. */
    source: z.object({ campaignId: z.uuid().optional(), taskId: z.uuid().optional() }).strict().optional(),
  })
  .meta({ id: 'ProposalCreateBody' })
export type ProposalCreateBody = z.infer<typeof ProposalCreateBodySchema>

/** Which fields each side changed: `hard` are changed by both, to different values. */
export const ProposalFieldsDiffSchema = z.object({
  worker: z.array(z.string()),
  server: z.array(z.string()),
  hard: z.array(z.string()),
})

/** A record's form fields as shown, masked (张*, 138****5678), with its version. */
export const ProposalCurrentSchema = z.object({
  version: z.number().int(),
  values: z.record(z.string(), z.unknown()),
})

export const ProposalAnswerSchema = z
  .object({
    id: z.uuid(),
    state: z.enum(['applied', 'pending', 'conflict']),
    /** The record's new version, when applied. */
    version: z.number().int().optional(),
    /** The record as it is now, masked, when in conflict. */
    current: ProposalCurrentSchema.optional(),
    fields: ProposalFieldsDiffSchema,
  })
  .meta({ id: 'ProposalAnswer' })
export type ProposalAnswer = z.infer<typeof ProposalAnswerSchema>

export const ProposalListQuerySchema = z.object({
  /** One state or several, comma-separated (pending,conflict; applied,approved,rejected). */
  state: z
    .string()
    .max(80)
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(PROPOSAL_STATES)).min(1))
    .optional(),
  /** Only the reader's own proposals. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
})
export type ProposalListQuery = z.infer<typeof ProposalListQuerySchema>

const person = z.object({ id: z.uuid(), name: z.string() })
const codeName = z.object({ zh: z.string(), en: z.string() }).nullable()

export const ProposalViewSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['household', 'person']),
    targetId: z.uuid(),
    /** The record as a list names it, masked (张*; a household's number). */
    targetLabel: z.string().nullable(),
    grid: z.object({ code: z.string(), name: z.string() }).nullable(),
    state: z.enum(PROPOSAL_STATES),
    baseVersion: z.number().int(),
    versionAtReceipt: z.number().int(),
    /** The record's version now (null when the reader no longer sees it). */
    currentVersion: z.number().int().nullable(),
    appliedVersion: z.number().int().nullable(),
    source: z.object({ campaignId: z.string().optional(), taskId: z.string().optional() }),
    proposedBy: person,
    proposedAt: z.string(),
    decidedBy: person.nullable(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
    /** Field by field: now on the record and proposed, masked; what changed on each side. */
    fields: z.array(
      z.object({
        field: z.string(),
        zh: z.string(),
        en: z.string(),
        current: z.unknown(),
        proposed: z.unknown(),
        /** A code field's values by name (code table). */
        currentName: codeName,
        proposedName: codeName,
        /** The proposed value differs from the record's now. */
        differs: z.boolean(),
        /** Changed on the server since the proposal's base version. */
        server: z.boolean(),
        /** Changed on both sides to different values (a hard conflict). */
        hard: z.boolean(),
      }),
    ),
    /** Fields the proposal leaves alone that changed on the server since its base version. */
    alsoChanged: z.array(z.object({ field: z.string(), zh: z.string(), en: z.string() })),
    abilities: z.array(z.enum(['approve', 'reject'])),
  })
  .meta({ id: 'ProposalView' })
export type ProposalView = z.infer<typeof ProposalViewSchema>

export const ProposalListSchema = z
  .object({ items: z.array(ProposalViewSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ProposalList' })

export const ProposalParams = z.object({ id: z.uuid() })
/** The record's version the reviewer saw (the approval applies only onto it). */
export const ProposalApproveBodySchema = z.object({ version: z.number().int().min(1) })
export const ProposalRejectBodySchema = z.object({ reason: z.string().max(500) })
