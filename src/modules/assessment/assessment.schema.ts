import { z } from 'zod'
import { StatsRowSchema } from '../cases/cases.stats.schema'
import { SchemeBodySchema } from './assessment.scheme'

const names = z.object({ zh: z.string(), en: z.string() })
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/

export const IndicatorListSchema = z
  .object({
    items: z.array(
      z.object({
        key: z.string(),
        name: names,
        unit: z.enum(['rate', 'count', 'hours', 'km', 'score']),
        /** How it is computed (Chinese, as the sheets print it). */
        formula: z.string(),
      }),
    ),
  })
  .meta({ id: 'AssessmentIndicators' })

export const SchemeViewSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: names,
    subject: z.enum(['grid', 'worker']),
    /** The grid level a grid scheme assesses. */
    level: z.string().nullable(),
    body: SchemeBodySchema,
    version: z.number().int(),
    updatedAt: z.string(),
    abilities: z.array(z.enum(['update'])),
  })
  .meta({ id: 'AssessmentScheme' })

export const SchemeListSchema = z
  .object({ items: z.array(SchemeViewSchema) })
  .meta({ id: 'AssessmentSchemes' })

export const SchemeUpdateBodySchema = z.object({
  /** The version read: a change made meanwhile is refused (409 assessment.version_conflict). */
  version: z.number().int().positive(),
  name: z.object({ zh: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(80) }),
  body: SchemeBodySchema,
})

export const ComputeBodySchema = z.object({
  scheme: z.uuid(),
  /** `2026-11`, `2026-Q4`, `2026-H2` or `2026`. */
  period: z.string().regex(PERIOD),
  /** The area (a grid's code); absent: the whole deployment. */
  grid: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
})

export const MarkBodySchema = z.object({
  scheme: z.uuid(),
  period: z.string().regex(PERIOD),
  /** A grid's code (grid schemes) or a worker's user id (worker schemes). */
  subject: z.string().regex(/^[0-9a-f-]{1,36}$/i),
  /** 民主评议 or 电话抽查. */
  kind: z.enum(['review', 'spot_check']),
  score: z.number().min(0).max(100),
  note: z.string().trim().max(500).optional(),
})
export type MarkBody = z.infer<typeof MarkBodySchema>

export const MarkListSchema = z
  .object({
    items: z.array(
      z.object({
        subject: z.string(),
        kind: z.enum(['review', 'spot_check']),
        score: z.number(),
        note: z.string().nullable(),
        enteredBy: z.string().nullable(),
        enteredAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'AssessmentMarks' })

export const MarkViewSchema = z.object({
  scheme: z.uuid(),
  period: z.string(),
  subject: z.string(),
  kind: z.enum(['review', 'spot_check']),
  score: z.number(),
})

const SubsidySchema = z.object({
  pieces: z.array(
    z.object({ indicator: z.string(), count: z.number(), yuan: z.number(), amount: z.number() }),
  ),
  hours: z.number(),
  hourly: z.number(),
  timeAmount: z.number(),
  factor: z.number(),
  total: z.number(),
  capped: z.boolean(),
})

export const ResultViewSchema = z
  .object({
    /** A grid (code, name) or a worker (user id, name). */
    subject: z.object({ key: z.string(), name: z.string() }),
    grid: z.object({ path: z.string(), name: z.string() }),
    values: z.record(z.string(), z.number().nullable()),
    points: z.record(z.string(), z.number().nullable()),
    bonus: z.number(),
    score: z.number(),
    stars: z.number().int(),
    /** Null: nothing the scheme weighs could be measured (未考核), so not ranked. */
    rank: z.number().int().nullable(),
    previousRank: z.number().int().nullable(),
    movement: z.number().int().nullable(),
    list: z.enum(['red', 'black']).nullable(),
    subsidy: SubsidySchema.nullable(),
  })
  .meta({ id: 'AssessmentResult' })

/** How a run's results are read: a page of them, in an order (best first by default), or one subject. */
export const RunPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** rank (best first, the unranked last), score, name, movement (most places gained first). */
  sort: z.enum(['rank', 'score', 'name', 'movement']).default('rank'),
  /** Omitted: the sort's natural order (rank and name ascending, score and movement descending). */
  order: z.enum(['asc', 'desc']).optional(),
  /** One subject's line only (a grid code or a worker's user id), for a detail opened by address. */
  subject: z.string().min(1).max(100).optional(),
})
export type RunPageQuery = z.infer<typeof RunPageQuerySchema>

export const RunViewSchema = z
  .object({
    id: z.uuid(),
    scheme: z.object({
      id: z.uuid(),
      code: z.string(),
      name: names,
      subject: z.enum(['grid', 'worker']),
      level: z.string().nullable(),
      version: z.number().int(),
      items: SchemeBodySchema.shape.items,
      /** Whether the run computed subsidies. */
      subsidy: z.boolean(),
    }),
    scope: z.object({ path: z.string(), name: z.string().nullable() }),
    period: z.string(),
    from: z.string(),
    to: z.string(),
    /** A digest of every input: the same data computes the same version. */
    dataVersion: z.string(),
    state: z.enum(['computed', 'published']),
    computedBy: z.string().nullable(),
    computedAt: z.string(),
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
    /** The page asked for (all of them for an export). */
    results: z.array(ResultViewSchema),
    page: z.object({
      number: z.number().int(),
      limit: z.number().int(),
      sort: z.enum(['rank', 'score', 'name', 'movement']),
      order: z.enum(['asc', 'desc']),
    }),
    /** The results in the reader's part of the run, across all pages. */
    totals: z.object({
      subjects: z.number().int(),
      ranked: z.number().int(),
      starred: z.number().int(),
      red: z.number().int(),
      black: z.number().int(),
    }),
    abilities: z.array(z.enum(['compute', 'publish', 'mark'])),
  })
  .meta({ id: 'AssessmentRun' })
export type RunView = z.infer<typeof RunViewSchema>
export type SchemeView = z.infer<typeof SchemeViewSchema>

export const RunListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        period: z.string(),
        scope: z.object({ path: z.string(), name: z.string().nullable() }),
        state: z.enum(['computed', 'published']),
        dataVersion: z.string(),
        computedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'AssessmentRuns' })

const BulletinCaseSchema = z.object({
  no: z.string(),
  category_zh: z.string().nullable(),
  category_en: z.string().nullable(),
  grid_name: z.string().nullable(),
  department: z.string().nullable(),
  /** The deadline passed (overdue) or the closing time (praised). */
  at: z.string(),
})
const RankedSchema = z.object({
  name: z.string(),
  grid: z.string(),
  score: z.number(),
  stars: z.number(),
  rank: z.number(),
})

export const BulletinViewSchema = z
  .object({
    id: z.uuid(),
    period: z.string(),
    scope: z.object({ path: z.string(), name: z.string().nullable() }),
    state: z.enum(['draft', 'published']),
    composedBy: z.string().nullable(),
    composedAt: z.string(),
    publishedBy: z.string().nullable(),
    publishedAt: z.string().nullable(),
    body: z.object({
      area: z.object({ path: z.string(), name: z.string().nullable() }),
      period: z.string(),
      from: z.string(),
      to: z.string(),
      composedAt: z.string(),
      events: z.object({
        total: StatsRowSchema.nullable(),
        children: z.array(StatsRowSchema),
        topProblems: z.array(StatsRowSchema),
        overdue: z.object({ total: z.number(), items: z.array(BulletinCaseSchema) }),
        praised: z.array(BulletinCaseSchema),
      }),
      rankings: z.array(
        z.object({
          scheme: z.object({ code: z.string(), name: names, subject: z.string(), version: z.number() }),
          run: z.object({ id: z.uuid(), state: z.string(), dataVersion: z.string() }),
          subjects: z.number(),
          ranked: z.number(),
          red: z.array(RankedSchema),
          black: z.array(RankedSchema),
          stars: z.record(z.string(), z.number()),
        }),
      ),
    }),
    /** The title and sections as the PDF and the workbook print them, in the reader's language. */
    title: z.string(),
    sections: z.array(
      z.object({
        key: z.string(),
        heading: z.string(),
        note: z.string().optional(),
        header: z.array(z.string()),
        widths: z.array(z.number()),
        rows: z.array(z.array(z.union([z.string(), z.number()]).nullable())),
      }),
    ),
    abilities: z.array(z.enum(['compose', 'publish'])),
  })
  .meta({ id: 'Bulletin' })

export const BulletinListSchema = z.object({ items: z.array(BulletinViewSchema) }).meta({ id: 'Bulletins' })

export const BulletinComposeBodySchema = z.object({
  period: z.string().regex(PERIOD),
  /** The area (a grid's code); absent: the whole deployment. */
  grid: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
})
