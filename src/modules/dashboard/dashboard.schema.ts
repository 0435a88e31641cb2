import { z } from 'zod'

export const SCREEN_PERIODS = ['day', 'week', 'month'] as const
export type ScreenPeriod = (typeof SCREEN_PERIODS)[number]

export const ScreenQuerySchema = z.object({
  /** The scope by grid code; without it, the reader's own area (everything, or their subtrees). */
  grid: z.string().regex(/^\d+$/).max(40).optional(),
  /** 本日 / 本周 (Monday on) / 本月, China time, up to today. */
  period: z.enum(SCREEN_PERIODS).default('day'),
})

const Named = z.object({ zh: z.string(), en: z.string() })
const rate = z.number().nullable()

const ScopeGridSchema = z.object({
  /** Null for the reader's whole area (the deployment's root, or several subtrees). */
  code: z.string().nullable(),
  name: z.string(),
  level: z.string().nullable(),
})

const KpiSchema = z.object({
  /** Reported 上报 in the period. */
  reported: z.number(),
  /** Accepted 受理 in the period (whenever reported). */
  accepted: z.number(),
  /** Closed 办结 in the period (whenever reported). */
  closed: z.number(),
  /** Still in the loop now 在办. */
  open: z.number(),
  /** Past their running stage's deadline now 超期. */
  overdue: z.number(),
  /** Of the cases reported in the period: 结案率, 按期结案率, 满意率 (cases.indicators.ts). */
  closingRate: rate,
  onTimeRate: rate,
  satisfactionRate: rate,
  /** Accepted to handled, mean hours 平均处置时长. */
  avgHandlingHours: z.number().nullable(),
})

const RankedSchema = ScopeGridSchema.extend({
  code: z.string(),
  received: z.number(),
  closingRate: rate,
  onTimeRate: rate,
  satisfactionRate: rate,
  /** 0–100; null with nothing to judge (no case due, none rated). */
  score: z.number().nullable(),
  rank: z.number().nullable(),
})

const WorkerLineSchema = z.object({
  /** A staff member's display name (never a resident's). */
  name: z.string(),
  grid: z.string().nullable(),
  /** Minutes since their last position (offline), or null. */
  silentMinutes: z.number().nullable(),
})

export const ScreenSchema = z
  .object({
    asOf: z.string(),
    period: z.enum(SCREEN_PERIODS),
    /** First and last day of the period (YYYY-MM-DD, China time). */
    from: z.string(),
    to: z.string(),
    scope: ScopeGridSchema.extend({
      /** West, south, east, north (WGS-84), for the map; null when no grid has a boundary. */
      bbox: z.array(z.number()).length(4).nullable(),
      /** Root first, the scope itself last. */
      breadcrumb: z.array(ScopeGridSchema),
      /** The next level down, to drill into. */
      children: z.array(ScopeGridSchema.extend({ code: z.string() })),
    }),
    kpi: KpiSchema,
    /** The last 30 days, oldest first: reported that day, closed that day. */
    trend: z.array(z.object({ day: z.string(), reported: z.number(), closed: z.number() })),
    /** The period's ten commonest categories. */
    categories: z.array(z.object({ code: z.string(), name: Named.nullable(), count: z.number() })),
    /** Reports by channel in the period (worker, resident, hotline, department, integration: Open311 and devices). */
    sources: z.array(z.object({ source: z.string(), count: z.number() })),
    /**
     * The scope's children ranked. `basis` names how: `event_composite` (closing, on-time and
     * satisfaction rates, weighted) until an assessment scheme's score replaces it.
     */
    ranking: z.object({
      basis: z.string(),
      weights: z.record(z.string(), z.number()),
      items: z.array(RankedSchema),
    }),
    /** 人、地、物、组织: counts only. */
    base: z.object({
      /** 实有人口 in the ledgers, by kind. */
      people: z.object({
        total: z.number(),
        registered: z.number(),
        floating: z.number(),
        foreign: z.number(),
      }),
      households: z.number(),
      buildings: z.number(),
      rooms: z.number(),
      rentedRooms: z.number(),
      organizations: z.array(z.object({ kind: z.string(), name: Named.nullable(), count: z.number() })),
      /** The grids' own declared figures (their boundary data), summed over the scope. */
      declaredHouseholds: z.number(),
      declaredPopulation: z.number(),
      /** Grids by level under the scope (the scope itself not counted). */
      grids: z.array(z.object({ level: z.string(), count: z.number() })),
      /** Current worker posts 网格员 under the scope. */
      workers: z.number(),
    }),
    /** 重点人群 / 关爱对象: current memberships per group. */
    groups: z.array(z.object({ code: z.string(), name: Named.nullable(), count: z.number() })),
    /** 网格员在岗: null for a reader who may not follow patrols there. */
    workers: z
      .object({
        /** Workers with an account under the scope. */
        total: z.number(),
        /** On a running patrol with a position in the last 15 minutes. */
        online: z.number(),
        onlineRate: rate,
        patrolHours: z.number(),
        patrolKm: z.number(),
        /** Households visited today 走访, and visits of any kind today. */
        householdsVisited: z.number(),
        visits: z.number(),
        offline: z.array(WorkerLineSchema),
        outsideGrid: z.array(WorkerLineSchema),
      })
      .nullable(),
  })
  .meta({ id: 'DashboardScreen' })

export type ScreenQuery = z.infer<typeof ScreenQuerySchema>
export type Screen = z.infer<typeof ScreenSchema>
