import { isBadText } from '../../../lib/text'
import type { CodeBook } from '../codes/codes.book'
import { parseCreditCode } from './credit-code'
import { normaliseCode, normaliseText } from './normalise'
import { parsePhone } from './phone'

export type FieldType =
  | 'text'
  | 'code'
  | 'date'
  | 'id_number'
  | 'phone'
  | 'yes_no'
  | 'grid'
  | 'credit_code'
  | 'integer'
  | 'choice'

/**
 * A field of a ledger record as a form and an Excel sheet know it: one list per record type, so the
 * API's checks, the import template's columns and drop-downs, and the error report say the same thing.
 */
export interface FieldSpec {
  key: string
  zh: string
  en: string
  type: FieldType
  /** The code table a `code` field takes its values from. */
  codeTable?: string
  required?: boolean
  /** Kept in the record's `details` (jsonb) rather than a column of its own. */
  detail?: boolean
  /** Longest text accepted. */
  max?: number
  /** The values a `choice` field takes, for a set fixed in code (not a code table): [value, 中文, English]. */
  choices?: readonly (readonly [string, string, string])[]
}

/** What is wrong with one field: the import report and the API name the field and the rule. */
export interface FieldError {
  field: string
  code: string
  message: string
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '一致', '有'])
const NO = new Set(['否', 'n', 'no', 'false', '0', '不一致', '无'])

/** 2026-03-01, 2026/3/1, 2026.3.1, 20260301 → 2026-03-01 when it is a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
const daysIn = (y: number, mo: number) =>
  mo === 2 ? (leap(y) ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31

/** A value as a form or a cell gives it, as normalised text ('' for none). */
export const asText = (v: unknown): string => {
  if (v == null) return ''
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  if (typeof v === 'boolean') return v ? '是' : '否'
  return normaliseText(String(v))
}

/**
 * Checks the fields of one record (every value may be text): required, length, control characters,
 * code-table values (code or name), dates, yes/no, phones, grid codes, credit codes (GB 32100),
 * whole numbers, fixed choices (value or name). Answers the normalised values by key (yes/no as
 * 'true'/'false'); an `id_number` is passed through for the record type to check (it knows which
 * documents it takes). `applies` leaves out the fields that do not concern this record (a foreigner's
 * fields for a registered resident).
 */
export function checkFields<F extends FieldSpec>(
  fields: readonly F[],
  input: Record<string, unknown>,
  codes: CodeBook,
  applies: (field: F) => boolean = () => true,
): { values: Map<string, string>; errors: FieldError[] } {
  const errors: FieldError[] = []
  const values = new Map<string, string>()
  const fail = (field: FieldSpec, code: string, message: string) =>
    errors.push({ field: field.key, code, message })
  for (const field of fields) {
    if (!applies(field)) continue
    const text = asText(input[field.key])
    if (!text) {
      if (field.required) fail(field, 'ledger.required', `${field.zh}不能为空`)
      continue
    }
    if (field.max && [...text].length > field.max) {
      fail(field, 'ledger.too_long', `${field.zh}最多 ${field.max} 个字`)
      continue
    }
    if (isBadText(text)) {
      fail(field, 'ledger.control_character', `${field.zh}含有不可见的控制字符`)
      continue
    }
    if (field.type === 'code') {
      const code = codes.resolve(field.codeTable as string, text)
      if (!code) fail(field, 'ledger.unknown_code', `${field.zh}“${text}”不在代码表中`)
      else values.set(field.key, code)
    } else if (field.type === 'date') {
      const date = parseDate(text)
      if (!date) fail(field, 'ledger.bad_date', `${field.zh}“${text}”不是有效日期`)
      else values.set(field.key, date)
    } else if (field.type === 'yes_no') {
      const lower = text.toLowerCase()
      if (YES.has(lower)) values.set(field.key, 'true')
      else if (NO.has(lower)) values.set(field.key, 'false')
      else fail(field, 'ledger.bad_yes_no', `${field.zh}应填“是”或“否”`)
    } else if (field.type === 'phone') {
      const phone = parsePhone(text)
      if (!phone.ok) fail(field, `ledger.${phone.code}`, phone.message)
      else values.set(field.key, phone.value)
    } else if (field.type === 'grid') {
      const code = normaliseCode(text)
      if (!/^\d+$/.test(code)) fail(field, 'ledger.bad_grid_code', `${field.zh}应为数字`)
      else values.set(field.key, code)
    } else if (field.type === 'credit_code') {
      const parsed = parseCreditCode(text)
      if (!parsed.ok) fail(field, `ledger.${parsed.code}`, parsed.message)
      else values.set(field.key, parsed.value)
    } else if (field.type === 'choice') {
      const lower = text.toLowerCase()
      const choice = field.choices?.find(
        ([value, zh, en]) => value === text || zh === text || en.toLowerCase() === lower,
      )
      if (!choice) fail(field, 'ledger.unknown_choice', `${field.zh}“${text}”不是可选的值`)
      else values.set(field.key, choice[0])
    } else if (field.type === 'integer') {
      const n = normaliseCode(text)
      if (!/^\d{1,9}$/.test(n)) fail(field, 'ledger.bad_number', `${field.zh}应为整数`)
      else values.set(field.key, String(Number(n)))
    } else {
      values.set(field.key, text)
    }
  }
  return { values, errors }
}

/** The `detail` fields a check answered, for the record's `details`. */
export function detailsOf(fields: readonly FieldSpec[], values: Map<string, string>): Record<string, string> {
  const details: Record<string, string> = {}
  for (const field of fields) {
    const value = values.get(field.key)
    if (field.detail && value !== undefined) details[field.key] = value
  }
  return details
}
