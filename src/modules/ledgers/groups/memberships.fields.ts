import type { CodeBook } from '../codes/codes.book'
import { asText, checkFields, type FieldError, type FieldSpec } from '../validate/fields'
import { parseIdNumber } from '../validate/id-number'

/** 关注程度 1–5, as the groups screens name them. */
const ATTENTION = [
  ['1', '一般', 'Ordinary'],
  ['2', '较高', 'Raised'],
  ['3', '重点', 'Close'],
  ['4', '严重', 'Serious'],
  ['5', '极高', 'Highest'],
] as const

/**
 * The columns of the special-groups sheet 特殊人群台账: a membership of a person already on the people
 * ledger (by ID number) in a group, with the details a care plan reads.
 */
export const MEMBERSHIP_FIELDS: readonly FieldSpec[] = [
  { key: 'idNumber', zh: '公民身份号码', en: 'ID number', type: 'id_number', required: true },
  {
    key: 'groupCode',
    zh: '人群类别',
    en: 'Group',
    type: 'code',
    codeTable: 'special_group',
    required: true,
  },
  { key: 'subKind', zh: '人群细类', en: 'Sub-kind', type: 'code', codeTable: 'special_group' },
  { key: 'attention', zh: '关注程度', en: 'Attention', type: 'choice', choices: ATTENTION },
  { key: 'startsOn', zh: '列管日期', en: 'Starts on', type: 'date', required: true },
  { key: 'endsOn', zh: '解除日期', en: 'Ends on', type: 'date' },
  { key: 'responsible', zh: '责任网格员账号', en: 'Responsible worker (username)', type: 'text', max: 60 },
  { key: 'notes', zh: '备注', en: 'Notes', type: 'text', max: 2000 },
]

/** A membership as an import row gives it (the ID number in clear until it is looked up, never stored). */
export interface MembershipRecord {
  idNumber: string
  groupCode: string
  subKind: string | null
  /** Empty: 1 for a new membership, unchanged for one already kept. */
  attention: number | null
  startsOn: string
  endsOn: string | null
  /** The responsible grid worker's username. */
  responsible: string | null
  notes: string | null
}

export function checkMembership(
  input: Record<string, unknown>,
  codes: CodeBook,
  today = new Date(),
): { ok: true; record: MembershipRecord } | { ok: false; errors: FieldError[] } {
  const { values, errors } = checkFields(MEMBERSHIP_FIELDS, input, codes)
  const rawId = asText(input.idNumber)
  const parsed = rawId ? parseIdNumber(rawId, today) : null
  if (parsed && !parsed.ok)
    errors.push({ field: 'idNumber', code: `ledger.${parsed.code}`, message: parsed.message })
  const get = (key: string) => values.get(key) ?? null
  const startsOn = get('startsOn')
  const endsOn = get('endsOn')
  if (startsOn && endsOn && endsOn < startsOn)
    errors.push({ field: 'endsOn', code: 'ledger.invalid_dates', message: '解除日期不能早于列管日期' })
  if (errors.length || !parsed?.ok) return { ok: false, errors }
  const attention = get('attention')
  return {
    ok: true,
    record: {
      idNumber: parsed.value,
      groupCode: get('groupCode') as string,
      subKind: get('subKind'),
      attention: attention === null ? null : Number(attention),
      startsOn: startsOn as string,
      endsOn,
      responsible: get('responsible'),
      notes: get('notes'),
    },
  }
}
