import { z } from 'zod'

const isoDate = z.iso.date()
const codeText = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'a code')
const notes = z.string().trim().max(2000)

export const VISIT_OUTCOMES = ['met', 'not_home', 'by_phone', 'refused'] as const
export const DUE_STATES = ['overdue', 'due', 'later', 'none'] as const

/**
 * What a group's membership adds: the correction class 矫正类别 for community correction, the
 * guardian 监护人 and the risk level 危险性评估等级 0–5 for severe mental illness. The guardian's name
 * and phone are personal data: sealed at rest, masked in views.
 */
export const GroupDetailsSchema = z
  .object({
    correctionClass: codeText,
    riskLevel: z.number().int().min(0).max(5),
    guardianName: z.string().trim().min(1).max(40),
    guardianRelation: z.string().trim().min(1).max(20),
    guardianPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\-\s()]{5,20}$/, 'a phone number'),
  })
  .partial()
  .strict()
export type GroupDetails = z.infer<typeof GroupDetailsSchema>

export const MembershipCreateBodySchema = z.object({
  personId: z.uuid(),
  groupCode: codeText,
  subKind: codeText.nullish(),
  /** 关注程度 1 ordinary … 5 closest. */
  attention: z.number().int().min(1).max(5).default(1),
  startsOn: isoDate,
  endsOn: isoDate.nullish(),
  responsibleUserId: z.uuid().nullish(),
  details: GroupDetailsSchema.default({}),
  /** Free-text notes: sealed at rest, shown only after an unmask with a reason. */
  notes: notes.nullish(),
})
export type MembershipCreateBody = z.infer<typeof MembershipCreateBodySchema>

export const MembershipUpdateBodySchema = z
  .object({
    /** The version read: a change made meanwhile answers 409 `ledger.version_conflict`. */
    version: z.number().int().min(1),
    subKind: codeText.nullable(),
    attention: z.number().int().min(1).max(5),
    startsOn: isoDate,
    endsOn: isoDate.nullable(),
    responsibleUserId: z.uuid().nullable(),
    details: GroupDetailsSchema,
    notes: notes.nullable(),
  })
  .partial()
  .required({ version: true })
export type MembershipUpdateBody = z.infer<typeof MembershipUpdateBodySchema>

export const MembershipEndBodySchema = z.object({
  /** The last day of the membership (today when not given). */
  endsOn: isoDate.optional(),
  version: z.number().int().min(1),
})

export const MembershipParamsSchema = z.object({ id: z.uuid() })
export const UnmaskBodySchema = z.object({ reason: z.string().max(200) })

export const MembershipListQuerySchema = z.object({
  group: codeText.optional(),
  subKind: codeText.optional(),
  attention: z.coerce.number().int().min(1).max(5).optional(),
  /** A grid's code: its subtree. */
  grid: z.string().regex(/^\d+$/).optional(),
  personId: z.uuid().optional(),
  /** overdue: the due day has passed; week: due by the end of this week (overdue included). */
  due: z.enum(['overdue', 'week']).optional(),
  /** Ended memberships too. */
  ended: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
})
export type MembershipListQuery = z.infer<typeof MembershipListQuerySchema>

const GroupDetailsViewSchema = z.object({
  correctionClass: z.string().optional(),
  riskLevel: z.number().optional(),
  guardianName: z.string().optional(),
  guardianRelation: z.string().optional(),
  guardianPhone: z.string().optional(),
})

export const MembershipViewSchema = z
  .object({
    id: z.uuid(),
    person: z.object({ id: z.uuid(), name: z.string() }),
    grid: z.object({ code: z.string(), name: z.string() }),
    groupCode: z.string(),
    subKind: z.string().nullable(),
    attention: z.number(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    responsible: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    /** The guardian's name and phone masked unless unmasked. */
    details: GroupDetailsViewSchema,
    /** Whether notes are kept; their text only in an unmask's answer. */
    hasNotes: z.boolean(),
    notes: z.string().nullable(),
    /** False only in an unmask's answer. */
    masked: z.boolean(),
    nextVisitDue: z.string().nullable(),
    dueState: z.enum(DUE_STATES),
    lastVisitAt: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    version: z.number(),
    abilities: z.array(z.enum(['update', 'end', 'visit', 'unmask'])),
  })
  .meta({ id: 'GroupMembership' })
export type MembershipView = z.infer<typeof MembershipViewSchema>

export const MembershipPageSchema = z
  .object({ items: z.array(MembershipViewSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'GroupMembershipPage' })

export const VisitCreateBodySchema = z.object({
  /** The phone's own id (UUIDv7) when recorded offline: a replay answers the stored visit. */
  id: z.uuid().optional(),
  /** When it took place (now when not given); never in the future. */
  visitedAt: z.iso.datetime({ offset: true }).optional(),
  place: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
  outcome: z.enum(VISIT_OUTCOMES),
  notes: notes.nullish(),
})
export type VisitCreateBody = z.infer<typeof VisitCreateBodySchema>

export const VisitViewSchema = z
  .object({
    id: z.uuid(),
    membershipId: z.uuid(),
    visitor: z.object({ id: z.uuid(), name: z.string() }),
    visitedAt: z.string(),
    place: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    outcome: z.enum(VISIT_OUTCOMES),
    hasNotes: z.boolean(),
    /** Only in an unmask's answer. */
    notes: z.string().nullable(),
  })
  .meta({ id: 'GroupVisit' })
export type VisitView = z.infer<typeof VisitViewSchema>

export const VisitRecordedSchema = z
  .object({ visit: VisitViewSchema, membership: MembershipViewSchema })
  .meta({ id: 'GroupVisitRecorded' })

export const UnmaskedMembershipSchema = z
  .object({ membership: MembershipViewSchema, visits: z.array(VisitViewSchema) })
  .meta({ id: 'GroupMembershipUnmasked' })

export const DueQuerySchema = z.object({
  /** Any day of the week asked (this week when not given). */
  week: z.iso.date().optional(),
})

export const DueVisitsSchema = z
  .object({
    week: z.object({ from: z.string(), to: z.string() }),
    /** mine: the memberships the reader is responsible for; subtree: a chief's whole scope. */
    reach: z.enum(['mine', 'subtree']),
    overdue: z.number(),
    items: z.array(MembershipViewSchema),
  })
  .meta({ id: 'DueVisits' })

export const BoardQuerySchema = z.object({ grid: z.string().regex(/^\d+$/).optional() })

export const BoardSchema = z
  .object({
    /** The grid whose children are the rows; null: the reader's top grids. */
    grid: z.object({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
    groups: z.array(z.string()),
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.string(),
        hasChildren: z.boolean(),
        counts: z.record(z.string(), z.object({ members: z.number(), overdue: z.number() })),
        members: z.number(),
        overdue: z.number(),
      }),
    ),
  })
  .meta({ id: 'GroupBoard' })
