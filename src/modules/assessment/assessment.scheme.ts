import { z } from 'zod'
import { INDICATORS } from './assessment.indicators'

const indicatorKey = z.string().refine((k) => INDICATORS.some((d) => d.key === k), 'unknown indicator')

/**
 * One weighed indicator: full points (100) at `target` or beyond, none at `floor` or short of it, a
 * straight line between. A lower-is-better indicator (rework, handling time) has `floor` above `target`.
 */
export const SchemeItemSchema = z
  .object({
    indicator: indicatorKey,
    weight: z.number().positive().max(100),
    floor: z.number().finite(),
    target: z.number().finite(),
  })
  .refine((i) => i.floor !== i.target, 'floor and target must differ')

/** Points added when an indicator reaches a value 加分项 (a star practice, an outstanding month). */
export const SchemeBonusSchema = z.object({
  indicator: indicatorKey,
  atLeast: z.number().finite(),
  points: z.number().min(-20).max(20),
})

export const SchemeBodySchema = z
  .object({
    items: z.array(SchemeItemSchema).min(1).max(30),
    bonuses: z.array(SchemeBonusSchema).max(20).default([]),
    /** Stars 星级 by score: the highest row whose `minScore` the score reaches. */
    stars: z
      .array(z.object({ minScore: z.number().min(0).max(120), stars: z.number().int().min(1).max(5) }))
      .max(5)
      .default([]),
    /** 红黑榜: the best `red` by rank, and the worst `black` of those scoring below `blackBelow`. */
    lists: z.object({
      red: z.number().int().min(0).max(50),
      black: z.number().int().min(0).max(50),
      blackBelow: z.number().min(0).max(120),
    }),
    /** Workers' subsidy 补贴 (计件 + 计时) × quality: only for a scheme of workers. */
    subsidy: z
      .object({
        /** Yuan per unit of a count indicator 计件. */
        pieceRates: z
          .array(z.object({ indicator: indicatorKey, yuan: z.number().min(0).max(10_000) }))
          .max(10),
        /** Yuan per hour of an hours indicator 计时. */
        hourly: z.object({ indicator: indicatorKey, yuan: z.number().min(0).max(1_000) }),
        /** The quality factor 质量系数 by score: the highest row whose `minScore` the score reaches. */
        quality: z
          .array(z.object({ minScore: z.number().min(0).max(120), factor: z.number().min(0).max(3) }))
          .min(1)
          .max(10),
        /** The most one worker receives in the period (yuan). */
        cap: z.number().positive().max(1_000_000),
      })
      .nullable()
      .default(null),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>()
    for (const [i, item] of b.items.entries()) {
      if (seen.has(item.indicator))
        ctx.addIssue({ code: 'custom', path: ['items', i, 'indicator'], message: 'indicator listed twice' })
      seen.add(item.indicator)
    }
  })

export type SchemeBody = z.infer<typeof SchemeBodySchema>

export interface DefaultScheme {
  code: string
  nameZh: string
  nameEn: string
  subject: 'grid' | 'worker'
  level: string | null
  body: SchemeBody
}

const STARS = [
  { minScore: 95, stars: 5 },
  { minScore: 90, stars: 4 },
  { minScore: 80, stars: 3 },
  { minScore: 70, stars: 2 },
  { minScore: 60, stars: 1 },
]

/**
 * The schemes a deployment starts with (seeds 001 and 004: events closed and on time, satisfaction,
 * patrols and visits, base data, spot checks and democratic review; star grids and workers; subsidy
 * by piece and by time with quality). Offices change weights and thresholds on the scheme page.
 */
export const DEFAULT_SCHEMES: readonly DefaultScheme[] = [
  {
    code: 'grid-monthly',
    nameZh: '网格月度考核',
    nameEn: 'Monthly grid assessment',
    subject: 'grid',
    level: 'grid',
    body: {
      items: [
        { indicator: 'onTimeRate', weight: 25, floor: 0.6, target: 0.95 },
        { indicator: 'closingRate', weight: 15, floor: 0.6, target: 0.98 },
        { indicator: 'satisfactionRate', weight: 15, floor: 0.7, target: 0.95 },
        { indicator: 'reworkRate', weight: 10, floor: 0.2, target: 0 },
        { indicator: 'patrolCompliance', weight: 15, floor: 0.5, target: 0.95 },
        { indicator: 'visitOnTimeRate', weight: 10, floor: 0.5, target: 0.95 },
        { indicator: 'review', weight: 10, floor: 60, target: 100 },
      ],
      bonuses: [],
      stars: STARS,
      lists: { red: 3, black: 3, blackBelow: 70 },
      subsidy: null,
    },
  },
  {
    code: 'worker-monthly',
    nameZh: '网格员月度考核',
    nameEn: 'Monthly grid-worker assessment',
    subject: 'worker',
    level: null,
    body: {
      items: [
        { indicator: 'patrolCompliance', weight: 20, floor: 0.5, target: 0.95 },
        { indicator: 'inGridRate', weight: 10, floor: 0.3, target: 0.8 },
        { indicator: 'coverage', weight: 10, floor: 0.3, target: 0.8 },
        { indicator: 'visitOnTimeRate', weight: 15, floor: 0.5, target: 0.95 },
        { indicator: 'visits', weight: 10, floor: 0, target: 30 },
        { indicator: 'records', weight: 10, floor: 0, target: 20 },
        { indicator: 'reportAccuracy', weight: 10, floor: 0.6, target: 0.95 },
        { indicator: 'onTimeRate', weight: 5, floor: 0.6, target: 0.95 },
        { indicator: 'spotCheck', weight: 10, floor: 60, target: 100 },
      ],
      bonuses: [],
      stars: STARS,
      lists: { red: 3, black: 3, blackBelow: 70 },
      subsidy: {
        pieceRates: [
          { indicator: 'visits', yuan: 5 },
          { indicator: 'reportsFiled', yuan: 3 },
          { indicator: 'records', yuan: 1 },
        ],
        hourly: { indicator: 'inGridHours', yuan: 8 },
        quality: [
          { minScore: 0, factor: 0.6 },
          { minScore: 60, factor: 0.8 },
          { minScore: 80, factor: 1 },
          { minScore: 90, factor: 1.2 },
        ],
        cap: 3000,
      },
    },
  },
]
