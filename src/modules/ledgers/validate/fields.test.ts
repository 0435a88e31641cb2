import { describe, expect, it } from 'vitest'
import { codeBookOf } from '../codes/codes.book'
import { checkFields, type FieldSpec, parseDate } from './fields'

const FIELDS: FieldSpec[] = [
  { key: 'name', zh: '名称', en: 'Name', type: 'text', required: true, max: 5 },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', type: 'credit_code' },
  { key: 'staff', zh: '从业人数', en: 'Staff', type: 'integer' },
  { key: 'kind', zh: '类型', en: 'Kind', type: 'code', codeTable: 'k' },
  { key: 'chemicals', zh: '涉及危化品', en: 'Chemicals', type: 'yes_no', detail: true },
]
const codes = codeBookOf([{ code_table: 'k', code: 'shop', zh: '商铺', en: 'Shop' }])

describe('checking the fields of a ledger record', () => {
  it('normalises what it takes: full-width digits, a credit code in lower case, a kind by name, 有/无', () => {
    const { values, errors } = checkFields(
      FIELDS,
      { name: '小卖部', creditCode: '91350100m000100y43', staff: '１２', kind: '商铺', chemicals: '无' },
      codes,
    )
    expect(errors).toEqual([])
    expect(Object.fromEntries(values)).toEqual({
      name: '小卖部',
      creditCode: '91350100M000100Y43',
      staff: '12',
      kind: 'shop',
      chemicals: 'false',
    })
  })

  it('names each field it refuses, with a stable code', () => {
    const { errors } = checkFields(
      FIELDS,
      {
        name: '一个很长的名字',
        creditCode: '91350100M000100Y44',
        staff: '3.5',
        kind: '工厂',
        chemicals: '也许',
      },
      codes,
    )
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['name', 'ledger.too_long'],
      ['creditCode', 'ledger.credit_code.check'],
      ['staff', 'ledger.bad_number'],
      ['kind', 'ledger.unknown_code'],
      ['chemicals', 'ledger.bad_yes_no'],
    ])
    expect(checkFields(FIELDS, { name: '  ' }, codes).errors).toEqual([
      { field: 'name', code: 'ledger.required', message: '名称不能为空' },
    ])
    expect(checkFields(FIELDS, { name: 'a\u0000b' }, codes).errors[0]?.code).toBe('ledger.control_character')
  })

  it('takes a fixed choice by its value or either name, and refuses another', () => {
    const scale: FieldSpec = {
      key: 'scale',
      zh: '规模',
      en: 'Scale',
      type: 'choice',
      choices: [
        ['ordinary', '一般', 'Ordinary'],
        ['major', '较大', 'Major'],
      ],
    }
    const take = (v: string) => checkFields([scale], { scale: v }, codes)
    expect(['major', '较大', 'MAJOR'].map((v) => take(v).values.get('scale'))).toEqual([
      'major',
      'major',
      'major',
    ])
    expect(take('特大').errors).toEqual([
      { field: 'scale', code: 'ledger.unknown_choice', message: '规模“特大”不是可选的值' },
    ])
  })

  it('takes a date as people write it, only if the calendar has it', () => {
    expect(['2024-02-29', '2000-2-29', '2024年3月5日', '2024/12/31', '20240101'].map(parseDate)).toEqual([
      '2024-02-29',
      '2000-02-29',
      '2024-03-05',
      '2024-12-31',
      '2024-01-01',
    ])
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '1899-12-31',
      '2024-1',
    ])
      expect(parseDate(bad)).toBeNull()
  })
})
