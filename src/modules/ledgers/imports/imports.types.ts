import type { CodeBook } from '../codes/codes.book'
import { PERSON_FIELDS, type PersonField } from '../people/people.fields'
import { checkPerson, type FieldError, type PersonRecord } from '../people/people.record'

/** A column of an import sheet: the field list of a record type says what each column holds. */
export type SheetField = Pick<PersonField, 'key' | 'zh' | 'en' | 'type' | 'codeTable' | 'required'>

/**
 * What the importer knows of one record type: its columns, the template's version, an example row,
 * and how one row is checked. Another type plugs in with its own field list and check.
 */
export interface RecordTypeSheet<R> {
  type: string
  zh: string
  en: string
  /** Bumped when the columns change: a sheet of another version is refused. */
  version: number
  fields: readonly SheetField[]
  /** Columns kept as text in Excel (18-digit numbers lose their last digits as numbers). */
  textColumns: readonly string[]
  example: Record<string, string>
  check(
    row: Record<string, unknown>,
    codes: CodeBook,
  ): { ok: true; record: R } | { ok: false; errors: FieldError[] }
}

export const PEOPLE_SHEET: RecordTypeSheet<PersonRecord> = {
  type: 'people',
  zh: '实有人口',
  en: 'People',
  version: 1,
  fields: PERSON_FIELDS,
  textColumns: ['idNumber', 'phone', 'gridCode'],
  example: {
    kind: '户籍人口',
    name: '示例张三',
    idNumber: '11010519491231002X',
    gridCode: '',
    sex: '女',
    birthDate: '1949-12-31',
    ethnicity: '汉族',
    maritalStatus: '已婚',
    phone: '13800138000',
    currentAddress: '示例路1号1栋1单元101室',
    livesWhereRegistered: '是',
  },
  check: (row, codes) => checkPerson(row, codes),
}

export const RECORD_TYPES = { people: PEOPLE_SHEET } as const
export type RecordType = keyof typeof RECORD_TYPES
export const RECORD_TYPE_KEYS = Object.keys(RECORD_TYPES) as [RecordType, ...RecordType[]]
