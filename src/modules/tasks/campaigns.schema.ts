import { z } from 'zod'

export const CAMPAIGN_KINDS = ['gas_safety', 'epidemic', 'verification', 'power_saving', 'other'] as const
export const CAMPAIGN_TARGETS = ['household', 'building', 'person'] as const
/** Door outcomes 入户结果: done, nobody home (a revisit is scheduled), refused, moved away, address wrong. */
export const OUTCOMES = ['done', 'revisit', 'refused', 'moved', 'wrong_address'] as const
export const TASK_STATES = ['open', ...OUTCOMES] as const
export const FIELD_TYPES = ['text', 'number', 'choice', 'photo', 'yesno'] as const

const text = (max: number) => z.string().trim().min(1).max(max)

/** One question of a campaign's door form. */
export const FormFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    label: text(60),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(text(40)).min(2).max(20).optional(),
  })
  .strict()
  .refine((f) => (f.type === 'choice') === (f.options !== undefined), {
    message: 'a choice has options, other types none',
    path: ['options'],
  })

export const FormSchema = z
  .array(FormFieldSchema)
  .max(30)
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, {
    message: 'keys must differ',
  })

export type FormField = z.infer<typeof FormFieldSchema>

export const CampaignCreateSchema = z
  .object({
    title: text(80),
    kind: z.enum(CAMPAIGN_KINDS),
    /** The grid whose subtree the campaign covers. */
    gridCode: z.string().regex(/^\d{1,40}$/, 'digits only'),
    target: z.enum(CAMPAIGN_TARGETS),
    form: FormSchema.default([]),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
  })
  .strict()
  .refine((c) => c.startsOn <= c.endsOn, { message: 'ends before it starts', path: ['endsOn'] })

export type CampaignCreate = z.infer<typeof CampaignCreateSchema>

const Counts = z.object(
  Object.fromEntries(TASK_STATES.map((s) => [s, z.number().int()])) as {
    [K in (typeof TASK_STATES)[number]]: z.ZodNumber
  },
)

export const CampaignSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(CAMPAIGN_KINDS),
    scope: z.object({ code: z.string(), name: z.string(), path: z.string() }),
    target: z.enum(CAMPAIGN_TARGETS),
    form: z.array(FormFieldSchema),
    startsOn: z.string(),
    endsOn: z.string(),
    state: z.enum(['active', 'closed']),
    taskCount: z.number().int(),
    /** Tasks by state. */
    counts: Counts,
    /** Share of tasks with a final outcome (done, refused, moved, wrong address), 0–1. */
    progress: z.number(),
    createdAt: z.string(),
    version: z.number().int(),
    abilities: z.array(z.enum(['manage', 'work'])),
  })
  .meta({ id: 'Campaign' })

export const CampaignPageSchema = z.object({ items: z.array(CampaignSchema) })

export const CampaignListQuery = z.object({
  state: z.enum(['active', 'closed']).optional(),
})

export const ProgressQuery = z.object({ by: z.enum(['grid', 'worker']).default('grid') })

export const ProgressSchema = z.object({
  by: z.enum(['grid', 'worker']),
  rows: z.array(
    z.object({
      /** A grid's code or a worker's id (null: tasks nobody is assigned to). */
      key: z.string().nullable(),
      name: z.string().nullable(),
      total: z.number().int(),
      counts: Counts,
      progress: z.number(),
    }),
  ),
})

export const TaskSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    campaignTitle: z.string(),
    targetId: z.string(),
    grid: z.object({ code: z.string(), name: z.string() }),
    label: z.string(),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    state: z.enum(TASK_STATES),
    revisitOn: z.string().nullable(),
    attempts: z.number().int(),
    lastOutcomeAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CampaignTask' })

export const TaskPageSchema = z.object({ items: z.array(TaskSchema), nextCursor: z.string().nullable() })

export const TaskListQuery = z.object({
  state: z.enum(TASK_STATES).optional(),
  grid: z
    .string()
    .regex(/^\d{1,40}$/)
    .optional(),
  assignee: z.uuid().optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const MyTasksQuery = z.object({
  /** Only tasks due today: open ones, and revisits whose day has come. */
  due: z.enum(['true', 'false']).default('true'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
})

export const OutcomeCreateSchema = z
  .object({
    /** The phone's own id for this outcome (UUIDv7): a replay of the same outcome is answered, not stored twice. */
    id: z.uuid(),
    outcome: z.enum(OUTCOMES),
    answers: z
      .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean()]))
      .default({}),
    note: z.string().trim().max(500).optional(),
    point: z
      .object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
      .strict()
      .optional(),
    recordedAt: z.iso.datetime({ offset: true }),
    /** For `revisit`: the day to come back (default: the next day). */
    revisitOn: z.iso.date().optional(),
  })
  .strict()

export type OutcomeCreate = z.infer<typeof OutcomeCreateSchema>

export const OutcomeSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  outcome: z.enum(OUTCOMES),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  note: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.object({ id: z.string(), name: z.string() }),
  task: TaskSchema,
})

export const ReassignSchema = z
  .object({
    /** The tasks to move: these ids, or every unfinished task of `fromUserId` (in `gridCode`'s subtree if given). */
    taskIds: z.array(z.uuid()).min(1).max(5000).optional(),
    fromUserId: z.uuid().optional(),
    gridCode: z
      .string()
      .regex(/^\d{1,40}$/)
      .optional(),
    toUserId: z.uuid(),
  })
  .strict()
  .refine((r) => (r.taskIds === undefined) !== (r.fromUserId === undefined), {
    message: 'name the tasks, or the worker whose tasks move',
    path: ['taskIds'],
  })

export type Reassign = z.infer<typeof ReassignSchema>

export const CampaignParams = z.object({ id: z.uuid() })
export const TaskParams = z.object({ taskId: z.uuid() })
