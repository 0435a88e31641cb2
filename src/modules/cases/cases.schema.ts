import { z } from 'zod'
import { CASE_ACTIONS, CASE_STATES, type CaseState } from './cases.states'
import { filingStandardView } from './categories/categories.schema'
import { REQUEST_NATURES, URGENCIES } from './categories/categories.types'

export const CASE_SOURCES = ['worker', 'resident', 'department', 'hotline', 'integration'] as const

const natures = REQUEST_NATURES.map((n) => n.key) as [string, ...string[]]

/** How a person can be reached; stored encrypted, shown to staff masked. */
export const ContactSchema = z.object({
  name: z.string().trim().max(50).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s()]{5,20}$/, 'a phone number')
    .optional(),
  email: z.email().max(254).optional(),
})

export const CaseCreateBodySchema = z.object({
  categoryCode: z.string().regex(/^\d{5}$/, 'a 5-digit small class code'),
  location: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
  address: z.string().trim().max(200).optional(),
  description: z.string().trim().min(1).max(2000),
  urgency: z.enum(URGENCIES).default('normal'),
  source: z.enum(CASE_SOURCES),
  /** 诉求性质, for hotline requests. */
  nature: z.enum(natures).optional(),
  /**
   * The reporter agreed to the case being listed publicly (Open311). From staff it counts only for
   * those who may decide publication over the case (403 otherwise); only staff-approved public text
   * is ever shown, masked.
   */
  publish: z.boolean().optional(),
  /**
   * Staff recording a call for someone else 代录 (a hotline call): the caller's contact. The caller is
   * then the reporter, told of the case's steps at this contact (stored encrypted, shown masked), and
   * whoever records it is only the actor. A hotline report is recorded for its caller even without one.
   */
  caller: ContactSchema.optional(),
  /** The reporter's own patrol 巡查 the event was found on (running or ended): the patrol lists it. */
  patrolId: z.uuid().optional(),
})

/** One body for every action; what each action needs beyond `version` is checked by the service. */
export const CaseActionBodySchema = z.object({
  /** The version the actor saw: a stale one gets 409 case.version_conflict. */
  version: z.number().int().min(1),
  /** Shown to the reporter on the tracking page. */
  publicText: z.string().trim().max(2000).optional(),
  /** Staff only. */
  note: z.string().trim().max(2000).optional(),
  /** Why (reject, return, escalate, suspend, void, reopen). */
  reason: z.string().trim().min(1).max(500).optional(),
  /** dispatch: a department code, or a grid code to send it down to the grid's staff. */
  department: z.string().max(64).optional(),
  grid: z.string().regex(/^\d+$/).optional(),
  /** verify: the result holds (true) or the case goes back for rework (false). */
  pass: z.boolean().optional(),
  /** suspend: 挂账 (clock paused) or 缓办 (deferred: also left out of the cases due). */
  deferred: z.boolean().optional(),
  /** whistle: the departments summoned (codes), and which of them leads. */
  departments: z.array(z.string().max(64)).min(2).max(12).optional(),
  lead: z.string().max(64).optional(),
  /** extend: working time asked for; whistle: time to report in (default 2 working hours). */
  duration: z
    .union([
      z.object({ hours: z.number().int().min(1).max(2000) }),
      z.object({ days: z.number().int().min(1).max(250) }),
    ])
    .optional(),
  /** merge: the case this one duplicates. */
  into: z.uuid().optional(),
  /** supervise: the notice's grade (normal, yellow card, red card). */
  grade: z.enum(['normal', 'yellow', 'red']).optional(),
  /** rate: 1–5. */
  rating: z.number().int().min(1).max(5).optional(),
})

export const CaseActionParamsSchema = z.object({ id: z.uuid(), action: z.enum(CASE_ACTIONS) })
export const CaseIdParamsSchema = z.object({ id: z.uuid() })

const state = z.enum(Object.keys(CASE_STATES) as [CaseState, ...CaseState[]])
const instant = z.string().nullable()

export const CaseSummarySchema = z
  .object({
    id: z.string(),
    no: z.string(),
    state,
    version: z.number().int(),
    category: z.object({ code: z.string(), zh: z.string(), en: z.string() }),
    urgency: z.string(),
    source: z.string(),
    description: z.string(),
    address: z.string().nullable(),
    location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    level: z.string(),
    department: z.object({ code: z.string(), name: z.string() }).nullable(),
    /** Why no one owns it: it is on the "no handler" queue. */
    unownedReason: z.string().nullable(),
    deadlines: z.object({ accept: instant, handle: instant, verify: instant }),
    /** 督办 grade in force: normal, yellow card or red card. */
    supervision: z.enum(['normal', 'yellow', 'red']).nullable(),
    /** The current stage's clock: green under 80% of its limit, yellow to 100%, red overdue. */
    light: z.enum(['green', 'yellow', 'red']).nullable(),
    reportedAt: z.string(),
  })
  .meta({ id: 'CaseSummary' })

/** An Idempotency-Key header: a retried report with the same key never makes a second case. */
export const IdempotencyKeySchema = z.string().regex(/^[\w.:-]{8,128}$/, '8–128 letters, digits, . _ : -')

export const NearbySchema = z.object({
  id: z.string(),
  no: z.string(),
  state,
  distanceM: z.number(),
  reportedAt: z.string(),
  followers: z.number(),
})

export const NearbyQuerySchema = z.object({
  categoryCode: z.string().regex(/^\d{5}$/),
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
})

export const CaseViewSchema = CaseSummarySchema.extend({
  grids: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  overdue: z.object({
    accept: z.boolean().nullable(),
    handle: z.boolean().nullable(),
    verify: z.boolean().nullable(),
  }),
  rating: z.number().nullable(),
  /** The departments a whistle summoned: the lead first, each with its report-in time. */
  participants: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      role: z.enum(['lead', 'assist']),
      reportDue: z.string(),
      reportedAt: z.string().nullable(),
    }),
  ),
  /** An extension request waiting for a decision. */
  pendingExtension: z
    .object({
      duration: z.union([z.object({ hours: z.number() }), z.object({ days: z.number() })]),
      reason: z.string(),
    })
    .nullable(),
  /** Open cases of the same category nearby and recent: candidates to merge this one into. */
  duplicates: z.array(NearbySchema),
  /** People following the case ("me too"). */
  followers: z.number(),
  /** Years from its report to its last deadline with no holiday arrangement loaded: deadlines may be off. */
  unknownCalendarYears: z.array(z.number().int()),
  abilities: z.array(z.enum(CASE_ACTIONS)),
  timeline: z.array(
    z.object({
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      actor: z.string().nullable(),
      role: z.string(),
      at: z.string(),
      publicText: z.string().nullable(),
      note: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
}).meta({ id: 'Case' })

const gridOutline = z.object({ code: z.string(), name: z.string(), level: z.string() })

/** What the dispatch form may offer: only targets the server would accept now. */
export const DispatchOptionsSchema = z
  .object({
    /** Where 按规则派遣 sends the case now; null when the rules find no handler (see byRuleRefused). */
    byRule: z
      .object({
        department: z.object({ code: z.string(), name: z.string() }).nullable(),
        grid: gridOutline.nullable(),
      })
      .nullable(),
    /** The problem code the rules would answer (case.no_handler), or null. */
    byRuleRefused: z.string().nullable(),
    /** The case's grids that may take it 派给网格: grid level or below, and only for admitted classes. */
    grids: z.array(gridOutline),
    /** Why no grid may take it (case.not_admitted, case.no_grid), or null. */
    gridsRefused: z.string().nullable(),
  })
  .meta({ id: 'DispatchOptions' })

/** What intake answers: the case as filed, where it landed, what the reporter may do next, and look-alikes. */
export const CaseIntakeSchema = CaseSummarySchema.extend({
  grids: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  abilities: z.array(z.enum(CASE_ACTIONS)),
  /** Open cases of the same category nearby and recent: the reporter may follow one instead. */
  duplicates: z.array(NearbySchema),
}).meta({ id: 'CaseIntake' })

export const CaseQueues = [
  'to_accept',
  'to_dispatch',
  'to_handle',
  'to_verify',
  'to_close',
  'overdue',
  'supervised',
  'no_handler',
] as const

/** The inbox's filters, shared by the list, the queue counts and the Excel export. */
const caseFilterFields = {
  state: state.optional(),
  /** A category code or its prefix: a big class (2 digits) takes in its small classes. */
  category: z
    .string()
    .regex(/^\d{2,5}$/)
    .optional(),
  /** A grid's code: the cases located in it or below it. */
  grid: z
    .string()
    .regex(/^\d{1,40}$/, 'a grid code: digits only')
    .optional(),
  /** true: only cases past their running stage's deadline; false: only those that are not. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Reported on or after this day (China time). */
  from: z.iso.date().optional(),
  /** Reported on or before this day (China time). */
  to: z.iso.date().optional(),
  /** A case number's beginning, or text in the description or the address. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Located in this box: `west,south,east,north` in degrees (at most 2° a side). */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'west,south,east,north in degrees')
    .transform((v) => v.split(',').map(Number) as [number, number, number, number])
    .refine(
      ([w, s, e, n]) =>
        w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n && e - w <= 2 && n - s <= 2,
      'a box within the globe, west before east, south before north, at most 2° a side',
    )
    .optional(),
  /** Reported through this channel. */
  source: z.enum(CASE_SOURCES).optional(),
  /** true: only cases still in the loop. */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}

const periodInOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to
const periodIssue = { message: 'from must not be after to', path: ['to'] }

export const CaseFilterSchema = z.object(caseFilterFields).refine(periodInOrder, periodIssue)
export type CaseFilterInput = z.infer<typeof CaseFilterSchema>

export const CaseListQuerySchema = z
  .object({
    ...caseFilterFields,
    queue: z.enum(CaseQueues).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.uuid().optional(),
  })
  .refine(periodInOrder, periodIssue)

/** The export takes the list's filters and queue, without its paging. */
export const CaseExportQuerySchema = z
  .object({ ...caseFilterFields, queue: z.enum(CaseQueues).optional() })
  .refine(periodInOrder, periodIssue)

/** The map's query: the inbox's filters (a box, usually), up to `limit` points. */
export const CaseMapQuerySchema = z
  .object({ ...caseFilterFields, limit: z.coerce.number().int().min(1).max(5000).default(2000) })
  .refine(periodInOrder, periodIssue)

/** One case as the map draws it: where, what, in which state and how late. */
export const CaseMapPointSchema = z.object({
  id: z.uuid(),
  no: z.string(),
  state: z.string(),
  light: z.enum(['green', 'yellow', 'red']).nullable(),
  category: z.object({ code: z.string(), zh: z.string(), en: z.string() }),
  source: z.string(),
  urgency: z.string(),
  lng: z.number(),
  lat: z.number(),
  reportedAt: z.string(),
})
export type CaseMapPoint = z.infer<typeof CaseMapPointSchema>
export const CaseMapSchema = z
  .object({
    items: z.array(CaseMapPointSchema),
    /** More cases matched than `limit`: the newest are given; zoom in or filter for the rest. */
    truncated: z.boolean(),
  })
  .meta({ id: 'CaseMap' })

/** How many cases each queue holds, with the same filters and scope as the lists; `all` is the 全部 tab. */
const count = z.number().int()
export const QueueCountsSchema = z
  .object({
    to_accept: count,
    to_dispatch: count,
    to_handle: count,
    to_verify: count,
    to_close: count,
    overdue: count,
    supervised: count,
    no_handler: count,
    all: count,
    /** When each queue's oldest case was reported (null: the queue is empty): what waits longest. */
    oldest: z.record(z.enum(CaseQueues), z.string().nullable()),
  })
  .meta({ id: 'CaseQueueCounts' })

export const CaseListSchema = z.object({
  items: z.array(CaseSummarySchema),
  nextCursor: z.string().nullable(),
})

export const CategoryListSchema = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      catalogue: z.string(),
      parentCode: z.string().nullable(),
      zh: z.string(),
      en: z.string(),
      active: z.boolean(),
      /** 立结案标准 of a small class; null for a big class. */
      standard: filingStandardView.nullable(),
    }),
  ),
  natures: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
})

export type CaseCreateBody = z.infer<typeof CaseCreateBodySchema>
export type CaseActionBody = z.infer<typeof CaseActionBodySchema>
export type CaseView = z.infer<typeof CaseViewSchema>
export type DispatchOptions = z.infer<typeof DispatchOptionsSchema>
export type CaseIntake = z.infer<typeof CaseIntakeSchema>
export type CaseSummary = z.infer<typeof CaseSummarySchema>
