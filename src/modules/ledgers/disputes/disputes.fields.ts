import type { CodeBook } from '../codes/codes.book'
import { checkFields, type FieldError, type FieldSpec } from '../validate/fields'
import { parseIdNumber } from '../validate/id-number'

/** 一般 / 较大 / 重大: the scales of disputes.schema.ts, as a sheet names them. */
const SCALES = [
  ['ordinary', '一般', 'Ordinary'],
  ['major', '较大', 'Major'],
  ['serious', '重大', 'Serious'],
] as const

/** The mediation methods 化解方式 of disputes.schema.ts. */
const METHODS = [
  ['people_mediation', '人民调解', 'People’s mediation'],
  ['administrative', '行政调解', 'Administrative mediation'],
  ['judicial', '司法调解', 'Judicial mediation'],
  ['arbitration', '仲裁', 'Arbitration'],
  ['negotiation', '协商和解', 'Negotiation'],
  ['other', '其他', 'Other'],
] as const

/** The columns of the disputes sheet 矛盾纠纷台账 (and what an import row is checked against). */
export const DISPUTE_FIELDS: readonly FieldSpec[] = [
  { key: 'kind', zh: '纠纷类型', en: 'Kind', type: 'code', codeTable: 'dispute_kind', required: true },
  { key: 'scale', zh: '规模', en: 'Scale', type: 'choice', choices: SCALES, required: true },
  { key: 'summary', zh: '纠纷摘要', en: 'Summary', type: 'text', required: true, max: 1000 },
  { key: 'gridCode', zh: '所属网格编码', en: 'Grid code', type: 'grid', required: true },
  { key: 'parties', zh: '当事人', en: 'Parties', type: 'text', max: 500 },
  {
    key: 'partyIdNumbers',
    zh: '当事人证件号码',
    en: 'Parties’ ID numbers',
    type: 'text',
    max: 500,
  },
  { key: 'caseNo', zh: '关联事件编号', en: 'Event number', type: 'text', max: 40 },
  { key: 'mediationMethod', zh: '化解方式', en: 'Mediation method', type: 'choice', choices: METHODS },
  { key: 'mediator', zh: '调解人', en: 'Mediator', type: 'text', max: 50 },
  { key: 'deadline', zh: '化解时限', en: 'Deadline', type: 'date' },
  { key: 'outcome', zh: '化解结果', en: 'Outcome', type: 'text', max: 1000 },
  { key: 'resolvedOn', zh: '化解日期', en: 'Resolved on', type: 'date' },
]

/** Most parties a dispute takes (the API's limit). */
const MAX_PARTIES = 20

/** A party as a cell names it: `张三（申请人）`, the role in brackets when there is one. */
export interface NamedParty {
  name: string
  role?: string
}

/** A dispute as an import row gives it, checked; parties on the ledger by ID number (in clear until looked up). */
export interface DisputeRecord {
  kind: string
  scale: string
  summary: string
  gridCode: string
  parties: NamedParty[]
  partyIdNumbers: { idNumber: string; role?: string }[]
  caseNo: string | null
  mediationMethod: string | null
  mediator: string | null
  deadline: string | null
  outcome: string | null
  resolvedOn: string | null
}

/**
 * `张三（申请人）；李四、王五(被申请人)` → each name and its role: parties apart by ；、，or a new line,
 * the role in brackets of either width.
 */
export function splitParties(text: string): NamedParty[] {
  return text
    .split(/[;；、,，\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(.+?)\s*[(（]([^()（）]*)[)）]$/.exec(part)
      const role = m?.[2]?.trim()
      return m ? { name: (m[1] as string).trim(), ...(role ? { role } : {}) } : { name: part }
    })
}

export function checkDispute(
  input: Record<string, unknown>,
  codes: CodeBook,
  today = new Date(),
): { ok: true; record: DisputeRecord } | { ok: false; errors: FieldError[] } {
  const { values, errors } = checkFields(DISPUTE_FIELDS, input, codes)
  const get = (key: string) => values.get(key) ?? null
  const parties = splitParties(get('parties') ?? '')
  if (parties.some((p) => [...p.name].length > 50 || [...(p.role ?? '')].length > 20))
    errors.push({
      field: 'parties',
      code: 'ledger.too_long',
      message: '当事人姓名最多 50 个字，身份（括号内）最多 20 个字',
    })
  const partyIdNumbers: DisputeRecord['partyIdNumbers'] = []
  splitParties(get('partyIdNumbers') ?? '').forEach((p, i) => {
    const parsed = parseIdNumber(p.name, today)
    // The report names the number by its place: the row as sent is beside it.
    if (!parsed.ok)
      errors.push({
        field: 'partyIdNumbers',
        code: `ledger.${parsed.code}`,
        message: `第${i + 1}个证件号码：${parsed.message}`,
      })
    else partyIdNumbers.push({ idNumber: parsed.value, ...(p.role ? { role: p.role } : {}) })
  })
  if (parties.length + partyIdNumbers.length > MAX_PARTIES)
    errors.push({
      field: 'parties',
      code: 'ledger.too_many_parties',
      message: `当事人最多 ${MAX_PARTIES} 个`,
    })
  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    record: {
      kind: get('kind') as string,
      scale: get('scale') as string,
      summary: get('summary') as string,
      gridCode: get('gridCode') as string,
      parties,
      partyIdNumbers,
      caseNo: get('caseNo'),
      mediationMethod: get('mediationMethod'),
      mediator: get('mediator'),
      deadline: get('deadline'),
      outcome: get('outcome'),
      resolvedOn: get('resolvedOn'),
    },
  }
}
