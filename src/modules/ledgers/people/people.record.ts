import { isBadText } from '../../../lib/text'
import type { CodeBook } from '../codes/codes.book'
import { parseIdNumber } from '../validate/id-number'
import { normaliseCode, normaliseText } from '../validate/normalise'
import { parsePhone } from '../validate/phone'
import { PERSON_FIELDS, type PersonField, type PersonKind } from './people.fields'

/** A person as checked and normalised, personal values still in clear (sealed only when stored). */
export interface PersonRecord {
  kind: PersonKind
  /** resident / hk_macao_permit / taiwan_permit / foreign_permanent (from the number), passport, other. */
  idType: string
  idNumber: string | null
  gridCode: string
  name: string
  formerName: string | null
  sex: string | null
  birthDate: string | null
  ethnicity: string | null
  nativePlace: string | null
  maritalStatus: string | null
  politicalStatus: string | null
  education: string | null
  occupation: string | null
  workplace: string | null
  phone: string | null
  registeredAddress: string | null
  currentAddress: string | null
  livesWhereRegistered: boolean | null
  details: Record<string, string>
}

/** What is wrong with one field: the import report and the API name the field and the rule. */
export interface FieldError {
  field: string
  code: string
  message: string
}

export type PersonCheck = { ok: true; record: PersonRecord } | { ok: false; errors: FieldError[] }

const YES = new Set(['是', 'y', 'yes', 'true', '1', '一致'])
const NO = new Set(['否', 'n', 'no', 'false', '0', '不一致'])

/** 2026-03-01, 2026/3/1, 2026.3.1, 20260301 → 2026-03-01 when it is a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

const asText = (v: unknown): string => {
  if (v == null) return ''
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  if (typeof v === 'boolean') return v ? '是' : '否'
  return normaliseText(String(v))
}

/**
 * Checks one person as a form or a sheet row gives it (every value may be text): required fields,
 * code-table values (code or name), dates, the identity number (GB 11643 and the documents that share
 * its layout; another document for foreigners), phones. Birth date and sex come from the number
 * when it carries them, and a given one that disagrees is an error.
 */
export function checkPerson(
  input: Record<string, unknown>,
  codes: CodeBook,
  today = new Date(),
): PersonCheck {
  const errors: FieldError[] = []
  const fail = (field: PersonField, code: string, message: string) =>
    errors.push({ field: field.key, code, message })
  const values = new Map<string, string>()
  const kindText = asText(input.kind)
  const kind = (kindText ? codes.resolve('person_kind', kindText) : null) as PersonKind | null

  for (const field of PERSON_FIELDS) {
    const text = asText(input[field.key])
    if (field.kinds && kind && !field.kinds.includes(kind)) continue
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
    } else {
      values.set(field.key, text)
    }
  }

  let idType = 'other'
  let idNumber: string | null = null
  const rawId = asText(input.idNumber)
  if (rawId && kind) {
    const parsed = parseIdNumber(rawId, today)
    if (parsed.ok) {
      idType = parsed.kind
      idNumber = parsed.value
      const given = values.get('birthDate')
      if (given && given !== parsed.birthDate)
        errors.push({
          field: 'birthDate',
          code: 'ledger.birth_date_mismatch',
          message: `出生日期与证件号码（${parsed.birthDate}）不符`,
        })
      values.set('birthDate', parsed.birthDate)
      const sexCode = parsed.sex === 'male' ? '1' : '2'
      const givenSex = values.get('sex')
      if (givenSex && givenSex !== '9' && givenSex !== sexCode)
        errors.push({ field: 'sex', code: 'ledger.sex_mismatch', message: '性别与证件号码不符' })
      values.set('sex', sexCode)
    } else if (kind === 'foreign') {
      // A passport or another document: kept as typed, upper-cased, without spaces.
      idType = 'passport'
      idNumber = normaliseCode(rawId)
      if (!/^[0-9A-Z]{5,20}$/.test(idNumber))
        errors.push({
          field: 'idNumber',
          code: 'ledger.bad_document_number',
          message: '证件号码应为5至20位字母或数字',
        })
    } else {
      errors.push({ field: 'idNumber', code: `ledger.${parsed.code}`, message: parsed.message })
    }
  } else if (!rawId && kind && kind !== 'foreign') {
    errors.push({ field: 'idNumber', code: 'ledger.required', message: '证件号码不能为空' })
  }

  if (errors.length || !kind) return { ok: false, errors }
  const get = (key: string) => values.get(key) ?? null
  const details: Record<string, string> = {}
  for (const field of PERSON_FIELDS) {
    const value = values.get(field.key)
    if (field.detail && value !== undefined) details[field.key] = value
  }
  const lives = get('livesWhereRegistered')
  return {
    ok: true,
    record: {
      kind,
      idType,
      idNumber,
      gridCode: get('gridCode') as string,
      name: get('name') as string,
      formerName: get('formerName'),
      sex: get('sex'),
      birthDate: get('birthDate'),
      ethnicity: get('ethnicity'),
      nativePlace: get('nativePlace'),
      maritalStatus: get('maritalStatus'),
      politicalStatus: get('politicalStatus'),
      education: get('education'),
      occupation: get('occupation'),
      workplace: get('workplace'),
      phone: get('phone'),
      registeredAddress: get('registeredAddress'),
      currentAddress: get('currentAddress'),
      livesWhereRegistered: lives === null ? null : lives === 'true',
      details,
    },
  }
}
