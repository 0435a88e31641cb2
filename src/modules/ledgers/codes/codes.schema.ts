import { z } from 'zod'

const codeText = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, at most 40')
const name = z.string().trim().min(1).max(60)

export const LedgerCodeSchema = z
  .object({
    table: z.string(),
    code: z.string(),
    zh: z.string(),
    en: z.string(),
    parentCode: z.string().nullable(),
    sort: z.number().int(),
    active: z.boolean(),
    /** Shipped with the product: it can be renamed or deactivated, never removed. */
    shipped: z.boolean(),
  })
  .meta({ id: 'LedgerCode' })
export type LedgerCodeView = z.infer<typeof LedgerCodeSchema>

export const LedgerCodeTableSchema = z
  .object({ table: z.string(), zh: z.string(), en: z.string(), codes: z.array(LedgerCodeSchema) })
  .meta({ id: 'LedgerCodeTable' })

export const LedgerCodeListQuerySchema = z.object({ table: codeText.optional() })

export const LedgerCodeCreateBodySchema = z.object({
  table: codeText,
  code: codeText,
  zh: name,
  en: name,
  parentCode: codeText.nullish(),
  sort: z.number().int().min(0).max(9999).optional(),
})
export type LedgerCodeCreateBody = z.infer<typeof LedgerCodeCreateBodySchema>

export const LedgerCodeParamsSchema = z.object({ table: codeText, code: codeText })

export const LedgerCodeUpdateBodySchema = z
  .object({ zh: name, en: name, sort: z.number().int().min(0).max(9999), active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give zh, en, sort or active')
export type LedgerCodeUpdateBody = z.infer<typeof LedgerCodeUpdateBodySchema>

export const VisitPolicySchema = z
  .object({
    groupCode: codeText,
    /** The lowest attention level 关注程度 the rule applies from (1–5). */
    minAttention: z.number().int().min(1).max(5),
    /** Days between visits 走访周期. */
    everyDays: z.number().int().min(1).max(366),
  })
  .meta({ id: 'VisitPolicy' })
export type VisitPolicy = z.infer<typeof VisitPolicySchema>

/** The whole policy table: what is not in it no longer applies. */
export const VisitPoliciesBodySchema = z.object({ policies: z.array(VisitPolicySchema).max(500) })
export const VisitPoliciesSchema = z
  .object({ policies: z.array(VisitPolicySchema) })
  .meta({ id: 'VisitPolicies' })
