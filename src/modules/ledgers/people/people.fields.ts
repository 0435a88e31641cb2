import type { FieldSpec } from '../validate/fields'

/**
 * The fields of a person 实有人口 as a form and an Excel sheet know them: one list, so the API's
 * checks, the import template's columns and drop-downs, and the error report all say the same thing.
 * `kinds` limits a field to some kinds of resident; `detail` fields live in `people.details`.
 */
export type PersonKind = 'registered' | 'floating' | 'foreign'

export interface PersonField extends FieldSpec {
  /** Only for these kinds (all when absent). */
  kinds?: readonly PersonKind[]
  /** Sealed at rest (personal data). */
  sealed?: boolean
}

export const PERSON_FIELDS: readonly PersonField[] = [
  { key: 'kind', zh: '人口类型', en: 'Kind', type: 'code', codeTable: 'person_kind', required: true },
  { key: 'name', zh: '姓名', en: 'Name', type: 'text', required: true, max: 50 },
  { key: 'idNumber', zh: '证件号码', en: 'ID number', type: 'id_number', sealed: true, max: 30 },
  { key: 'gridCode', zh: '所属网格编码', en: 'Grid code', type: 'grid', required: true },
  { key: 'sex', zh: '性别', en: 'Sex', type: 'code', codeTable: 'sex' },
  { key: 'birthDate', zh: '出生日期', en: 'Birth date', type: 'date' },
  { key: 'formerName', zh: '曾用名', en: 'Former name', type: 'text', max: 50 },
  { key: 'ethnicity', zh: '民族', en: 'Ethnicity', type: 'code', codeTable: 'ethnicity' },
  { key: 'nativePlace', zh: '籍贯', en: 'Native place', type: 'text', max: 100 },
  { key: 'maritalStatus', zh: '婚姻状况', en: 'Marital status', type: 'code', codeTable: 'marital_status' },
  {
    key: 'politicalStatus',
    zh: '政治面貌',
    en: 'Political status',
    type: 'code',
    codeTable: 'political_status',
  },
  { key: 'education', zh: '学历', en: 'Education', type: 'code', codeTable: 'education' },
  { key: 'occupation', zh: '职业', en: 'Occupation', type: 'text', max: 100 },
  { key: 'workplace', zh: '服务处所', en: 'Workplace', type: 'text', max: 200 },
  { key: 'phone', zh: '联系电话', en: 'Phone', type: 'phone', sealed: true, max: 30 },
  {
    key: 'registeredAddress',
    zh: '户籍地详址',
    en: 'Registered address',
    type: 'text',
    sealed: true,
    max: 200,
  },
  { key: 'currentAddress', zh: '现住地详址', en: 'Current address', type: 'text', sealed: true, max: 200 },
  { key: 'livesWhereRegistered', zh: '人户一致', en: 'Lives where registered', type: 'yes_no' },
  {
    key: 'inflowReason',
    zh: '流入原因',
    en: 'Reason for moving in',
    type: 'code',
    codeTable: 'inflow_reason',
    kinds: ['floating'],
    detail: true,
  },
  {
    key: 'registeredOn',
    zh: '登记日期',
    en: 'Registered on',
    type: 'date',
    kinds: ['floating'],
    detail: true,
  },
  {
    key: 'documentExpiry',
    zh: '居住证到期日期',
    en: 'Residence permit expiry',
    type: 'date',
    kinds: ['floating'],
    detail: true,
  },
  {
    key: 'englishName',
    zh: '英文姓名',
    en: 'Name in Latin letters',
    type: 'text',
    kinds: ['foreign'],
    detail: true,
    max: 100,
  },
  {
    key: 'nationality',
    zh: '国籍',
    en: 'Nationality',
    type: 'text',
    kinds: ['foreign'],
    detail: true,
    max: 50,
  },
  {
    key: 'documentKind',
    zh: '证件种类',
    en: 'Document',
    type: 'text',
    kinds: ['foreign'],
    detail: true,
    max: 50,
  },
  {
    key: 'purpose',
    zh: '来华目的',
    en: 'Purpose of stay',
    type: 'text',
    kinds: ['foreign'],
    detail: true,
    max: 100,
  },
  { key: 'arrivedOn', zh: '抵达日期', en: 'Arrived on', type: 'date', kinds: ['foreign'], detail: true },
  { key: 'leavesOn', zh: '拟离开日期', en: 'Leaves on', type: 'date', kinds: ['foreign'], detail: true },
]

export const PERSON_FIELD_KEYS = PERSON_FIELDS.map((f) => f.key)
