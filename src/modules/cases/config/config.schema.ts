import { z } from 'zod'
import { isIsoDate } from '../calendar/calendar'
import { filingStandardView } from '../categories/categories.schema'

const LEVELS = ['grid', 'community', 'street', 'district'] as const

/**
 * A limit in working hours or whole working days. Its sign and the tightening with urgency are
 * catalogue rules (400 category.invalid with the list), not shapes; the caps only keep a typo from
 * running a clock for years.
 */
const DurationSchema = z.union([
  z.strictObject({ hours: z.number().max(10_000) }),
  z.strictObject({ days: z.number().int().max(1_000) }),
])

const text = (max: number) => z.string().trim().min(1).max(max)

/** 立结案标准: the FilingStandard of categories.types.ts. */
export const FilingStandardSchema = z
  .strictObject({
    filingCondition: text(2000),
    closingCondition: text(2000),
    level: z.enum(LEVELS),
    /** A department kind (DEPARTMENT_KEYS); null: the territorial grid handles it. */
    department: z.string().max(64).nullable(),
    limits: z.strictObject({
      accept: DurationSchema,
      handle: z.strictObject({ normal: DurationSchema, urgent: DurationSchema, critical: DurationSchema }),
      verify: DurationSchema,
    }),
    evidence: z.strictObject({ handle: z.boolean(), verify: z.boolean() }),
    selfHandle: z.boolean(),
    admitted: z.boolean(),
  })
  .meta({ id: 'FilingStandardBody' })

/** 立结案标准 as answered: its own component of the OpenAPI document. */
const FilingStandardViewSchema = filingStandardView.meta({ id: 'FilingStandard' })

export const CategoryCodeParamsSchema = z.object({
  code: z.string().regex(/^\d{2}$|^\d{5}$/, 'a 2-digit big class or 5-digit small class code'),
})

export const CategoryPatchBodySchema = z
  .strictObject({
    zh: text(100).optional(),
    en: text(200).optional(),
    /** Small classes only: an inactive class takes no new reports. */
    active: z.boolean().optional(),
    /** Small classes only: the whole standard, replacing the one in force. */
    standard: FilingStandardSchema.optional(),
    /** Its cases may be listed anonymously (Open311), when their reporter consented. */
    public: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change')

export const CategoryCreateBodySchema = z.strictObject({
  /** Big classes 90–99, or small classes 90001–99999 and xx900–xx999 (local extensions). */
  code: CategoryCodeParamsSchema.shape.code,
  /** A big class names its catalogue; a small class takes its big class's. */
  catalogue: z.enum(['city', 'social']).optional(),
  zh: text(100),
  en: text(200),
  active: z.boolean().default(true),
  /** Required of a small class, refused on a big class. */
  standard: FilingStandardSchema.optional(),
  /** A local class is listed anonymously only when the deployment says so. */
  public: z.boolean().default(false),
})

export const CategoryConfigSchema = z
  .object({
    code: z.string(),
    catalogue: z.string(),
    parentCode: z.string().nullable(),
    zh: z.string(),
    en: z.string(),
    active: z.boolean(),
    /** Its cases may be listed anonymously (Open311), when their reporter consented. */
    public: z.boolean(),
    /** Changed by the deployment: start-up sync leaves it alone until it is reset. */
    edited: z.boolean(),
    /** In a local extension range (never shipped). */
    local: z.boolean(),
    standard: FilingStandardViewSchema.nullable(),
    /** The shipped version of the class, to compare and reset to; null for a local class. */
    shipped: z
      .object({
        zh: z.string(),
        en: z.string(),
        public: z.boolean(),
        standard: FilingStandardViewSchema.nullable(),
      })
      .nullable(),
    updatedAt: z.date(),
  })
  .meta({ id: 'CategoryConfig' })

export type CategoryConfig = z.infer<typeof CategoryConfigSchema>

export const RouteCreateBodySchema = z
  .strictObject({
    gridCode: z.string().regex(/^\d+$/, 'digits only'),
    /** '' for every category, a big class (2 digits) or a small class (5 digits). */
    categoryPrefix: z.string().regex(/^$|^\d{2}$|^\d{5}$/, "'' or a 2- or 5-digit category code"),
    /** Dispatch with no target named goes to this department. */
    department: z.string().min(1).max(64).optional(),
    /** New reports are owned at this level. */
    level: z.enum(LEVELS).optional(),
  })
  .refine((b) => b.department !== undefined || b.level !== undefined, {
    message: 'a rule needs a department, a level or both',
    path: ['department'],
  })

export const RouteIdParamsSchema = z.object({ id: z.uuid() })

export const RouteSchema = z
  .object({
    id: z.uuid(),
    gridCode: z.string().nullable(),
    gridName: z.string().nullable(),
    /** The grid has since been split, merged or re-coded: the rule no longer applies to new reports. */
    gridRetired: z.boolean(),
    categoryPrefix: z.string(),
    categoryZh: z.string().nullable(),
    categoryEn: z.string().nullable(),
    departmentCode: z.string().nullable(),
    departmentName: z.string().nullable(),
    level: z.enum(LEVELS).nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'CaseRoute' })

export const CalendarQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
})

export const CalendarDateParamsSchema = z.object({
  date: z.string().refine(isIsoDate, 'a real date YYYY-MM-DD'),
})

export const CalendarDayBodySchema = z.strictObject({
  kind: z.enum(['holiday', 'workday']),
  /** The holiday (春节); a make-up working day carries its holiday's name. */
  name: text(50),
})

const SOURCES = ['shipped', 'file', 'database'] as const
const DayBase = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })

export const CalendarDaySchema = DayBase.extend({
  source: z.enum(SOURCES),
  /** The day of an earlier source this one overrides. */
  overrides: DayBase.extend({ source: z.enum(SOURCES) }).nullable(),
}).meta({ id: 'CalendarDay' })

export const CalendarSchema = z
  .object({
    year: z.number().int(),
    /** Whether any day of the year is configured; if not, its holidays are unknown. */
    known: z.boolean(),
    shifts: z.array(z.tuple([z.string(), z.string()])),
    days: z.array(CalendarDaySchema),
  })
  .meta({ id: 'Calendar' })
