import type { CodeBook } from '../codes/codes.book'
import { checkFields, detailsOf, type FieldError, type FieldSpec } from '../validate/fields'

/** The columns of the organisations sheet 组织台账 (and what an import row is checked against). */
export const ORGANIZATION_FIELDS: readonly FieldSpec[] = [
  { key: 'kind', zh: '组织类型', en: 'Kind', type: 'code', codeTable: 'organization_kind', required: true },
  { key: 'name', zh: '名称', en: 'Name', type: 'text', required: true, max: 100 },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Unified social credit code', type: 'credit_code' },
  { key: 'gridCode', zh: '所属网格编码', en: 'Grid code', type: 'grid', required: true },
  { key: 'legalRepresentative', zh: '法定代表人', en: 'Legal representative', type: 'text', max: 50 },
  { key: 'contactPhone', zh: '联系电话', en: 'Contact phone', type: 'phone', max: 30 },
  { key: 'address', zh: '地址', en: 'Address', type: 'text', max: 200 },
  { key: 'staffCount', zh: '从业人数', en: 'Staff', type: 'integer' },
  { key: 'hazardousChemicals', zh: '涉及危化品', en: 'Hazardous chemicals', type: 'yes_no', detail: true },
  { key: 'partyOrganization', zh: '建有党组织', en: 'Party organisation', type: 'yes_no', detail: true },
  { key: 'tradeUnion', zh: '建有工会', en: 'Trade union', type: 'yes_no', detail: true },
  {
    key: 'registrationNumber',
    zh: '登记证号',
    en: 'Registration number',
    type: 'text',
    detail: true,
    max: 50,
  },
  {
    key: 'supervisingUnit',
    zh: '业务主管单位',
    en: 'Supervising unit',
    type: 'text',
    detail: true,
    max: 100,
  },
  { key: 'businessScope', zh: '经营范围', en: 'Business scope', type: 'text', detail: true, max: 500 },
]

/** An organisation as an import row gives it, checked and normalised (the phone in clear until sealed). */
export interface OrganizationRecord {
  kind: string
  name: string
  creditCode: string | null
  gridCode: string
  legalRepresentative: string | null
  contactPhone: string | null
  address: string | null
  staffCount: number | null
  details: Record<string, string | boolean>
}

const YES_NO_DETAILS = new Set(['hazardousChemicals', 'partyOrganization', 'tradeUnion'])

export function checkOrganization(
  input: Record<string, unknown>,
  codes: CodeBook,
): { ok: true; record: OrganizationRecord } | { ok: false; errors: FieldError[] } {
  const { values, errors } = checkFields(ORGANIZATION_FIELDS, input, codes)
  if (errors.length) return { ok: false, errors }
  const get = (key: string) => values.get(key) ?? null
  const details: Record<string, string | boolean> = {}
  for (const [key, value] of Object.entries(detailsOf(ORGANIZATION_FIELDS, values)))
    details[key] = YES_NO_DETAILS.has(key) ? value === 'true' : value
  const staff = get('staffCount')
  return {
    ok: true,
    record: {
      kind: get('kind') as string,
      name: get('name') as string,
      creditCode: get('creditCode'),
      gridCode: get('gridCode') as string,
      legalRepresentative: get('legalRepresentative'),
      contactPhone: get('contactPhone'),
      address: get('address'),
      staffCount: staff === null ? null : Number(staff),
      details,
    },
  }
}
