import { z } from 'zod'
import { MAX_BATCH } from './patrols.rules'

const instant = z.iso.datetime({ offset: true })
const day = z.iso.date()

export const PatrolParamsSchema = z.object({ id: z.uuid() })

export const PatrolStartBodySchema = z.object({
  /** The phone's UUIDv7 for the patrol: a replayed start is the same patrol. */
  id: z.uuid(),
  startedAt: instant,
})

export const TrackPointSchema = z.object({
  /** The point's number in its patrol: a point re-sent with the same number is stored once. */
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** When the position was taken (the device's time). */
  t: instant,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Accuracy radius in metres, as the device reported it. */
  acc: z.number().min(0).max(1_000_000).optional(),
  /** The device said the position was simulated. */
  mocked: z.boolean().optional(),
})

export const PointsBodySchema = z.object({ points: z.array(TrackPointSchema).min(1).max(MAX_BATCH) })
export const PointsStoredSchema = z.object({ stored: z.number().int(), duplicates: z.number().int() })

export const PatrolEndBodySchema = z.object({ endedAt: instant })

export const PatrolViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  gridId: z.string().nullable(),
  gridPath: z.string().nullable(),
  gridName: z.string().nullable(),
  source: z.enum(['app', 'tracker']),
  state: z.enum(['running', 'ended']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Figures: null while the patrol runs. */
  pointCount: z.number().int().nullable(),
  distanceM: z.number().nullable(),
  durationS: z.number().int().nullable(),
  inGridS: z.number().int().nullable(),
  gapS: z.number().int().nullable(),
  /** Share of the grid's buildings passed within the rule's radius, 0–1; null when the grid has none. */
  coverage: z.number().nullable(),
  buildingsPassed: z.number().int().nullable(),
  buildingsTotal: z.number().int().nullable(),
  checkpointsReached: z.array(z.string()),
  /** Implausible-track flags with counts: speed_jump, repeated_point, mocked, poor_accuracy. */
  flags: z.record(z.string(), z.number()),
  version: z.number().int(),
})

const GapSchema = z.object({ from: z.string(), to: z.string() })

export const PatrolDetailSchema = PatrolViewSchema.extend({
  /** GeoJSON MultiLineString, one line per stretch between gaps (and implausible jumps); null without one. */
  track: z
    .object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(z.array(z.number()))) })
    .nullable(),
  gaps: z.array(GapSchema),
  /** Events reported during the patrol. */
  cases: z.array(z.object({ id: z.string(), no: z.string(), state: z.string() })),
})

export const PatrolListQuerySchema = z.object({
  /** Another worker's patrols (patrol.read over their grid); one's own by default. */
  user: z.uuid().optional(),
  /** China days, both included; the last 7 days by default. */
  from: day.optional(),
  to: day.optional(),
})
export const PatrolListSchema = z.object({ items: z.array(PatrolViewSchema) })

export const PositionsQuerySchema = z.object({
  /** `w,s,e,n` in degrees (WGS-84). */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'w,s,e,n in degrees')
    .transform((v) => v.split(',').map(Number) as [number, number, number, number])
    .refine(([w, s, e, n]) => w <= e && s <= n && w >= -180 && e <= 180 && s >= -90 && n <= 90, {
      message: 'w ≤ e and s ≤ n within −180..180, −90..90',
    }),
})
export const PositionsSchema = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      userName: z.string(),
      patrolId: z.string(),
      gridPath: z.string().nullable(),
      gridName: z.string().nullable(),
      recordedAt: z.string(),
      lon: z.number(),
      lat: z.number(),
      accuracyM: z.number().nullable(),
    }),
  ),
})

export const ComplianceQuerySchema = z.object({
  user: z.uuid().optional(),
  /** A China day; today by default. */
  day: day.optional(),
})

export const ComplianceDaySchema = z.object({
  day: z.string(),
  patrols: z.number().int(),
  patrolS: z.number().int(),
  inGridS: z.number().int(),
  /** Working seconds of the day by the working calendar's shifts (0 on a day off). */
  workS: z.number().int(),
  /** inGridS ÷ workS; null on a day without working time. */
  inGridShare: z.number().nullable(),
  patrolsMet: z.boolean(),
  inGridMet: z.boolean(),
  met: z.boolean(),
  rules: z.object({ minPatrolsPerDay: z.number().int(), minInGridShare: z.number() }),
  /** The 553 items ticked that day. */
  checklist: z.array(z.string()),
})
export const ComplianceSchema = z.object({
  userId: z.string(),
  day: ComplianceDaySchema,
  week: z.object({ days: z.array(ComplianceDaySchema), met: z.boolean() }),
})

export const ChecklistParamsSchema = z.object({ day })
export const ChecklistBodySchema = z.object({ items: z.array(z.string().min(1).max(64)).max(50) })

const ChecklistItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9_.-]{1,64}$/),
  group: z.enum(['must_know', 'must_visit', 'must_arrive']),
  zh: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
})

export const RulesViewSchema = z.object({
  level: z.string(),
  minPatrolsPerDay: z.number().int(),
  minInGridShare: z.number(),
  coverageRadiusM: z.number().int(),
  checklist: z.array(ChecklistItemSchema),
  /** 0: the defaults in code (no rules stored for the level yet). */
  version: z.number().int(),
})
export const RulesListSchema = z.object({ items: z.array(RulesViewSchema) })
export const RulesParamsSchema = z.object({ level: z.string().min(1).max(64) })
export const RulesBodySchema = z.object({
  minPatrolsPerDay: z.number().int().min(0).max(20),
  minInGridShare: z.number().min(0).max(1),
  coverageRadiusM: z.number().int().min(1).max(1000),
  checklist: z
    .array(ChecklistItemSchema)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: 'ids must differ' }),
  /** The version read (0 when the level showed the defaults). */
  version: z.number().int().min(0),
})

export const CheckpointQuerySchema = z.object({ grid: z.string().regex(/^\d+$/).max(64) })
export const CheckpointParamsSchema = z.object({ id: z.uuid() })
const location = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
export const CheckpointCreateBodySchema = z.object({
  grid: z.string().regex(/^\d+$/).max(64),
  name: z.string().trim().min(1).max(100),
  location,
  radiusM: z.number().int().min(5).max(1000).default(50),
})
export const CheckpointUpdateBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  location,
  radiusM: z.number().int().min(5).max(1000),
})
export const CheckpointViewSchema = z.object({
  id: z.string(),
  gridPath: z.string(),
  name: z.string(),
  location: location,
  radiusM: z.number().int(),
})
export const CheckpointListSchema = z.object({ items: z.array(CheckpointViewSchema) })

export type PatrolView = z.infer<typeof PatrolViewSchema>
export type PatrolDetail = z.infer<typeof PatrolDetailSchema>
export type TrackPointInput = z.infer<typeof TrackPointSchema>
export type ComplianceDay = z.infer<typeof ComplianceDaySchema>
export type RulesBody = z.infer<typeof RulesBodySchema>
export type CheckpointCreateBody = z.infer<typeof CheckpointCreateBodySchema>
export type CheckpointUpdateBody = z.infer<typeof CheckpointUpdateBodySchema>
