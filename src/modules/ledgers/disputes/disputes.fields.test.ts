import { describe, expect, it } from 'vitest'
import { codeBookOf } from '../codes/codes.book'
import { idCheckCharacter } from '../validate/id-number'
import { checkDispute, splitParties } from './disputes.fields'

const codes = codeBookOf([
  { code_table: 'dispute_kind', code: 'neighbour', zh: '邻里纠纷', en: 'Neighbours' },
])
const valid = `11010519800510012${idCheckCharacter('11010519800510012')}`

describe('a disputes sheet row', () => {
  it('splits parties at ；、，with the role in brackets of either width', () => {
    expect(splitParties('王小明（被申请人）；赵六、钱七(申请人), 孙八')).toEqual([
      { name: '王小明', role: '被申请人' },
      { name: '赵六' },
      { name: '钱七', role: '申请人' },
      { name: '孙八' },
    ])
  })

  it('takes the kind by name, the scale and method by name, parties by ID number with a role', () => {
    const checked = checkDispute(
      {
        kind: '邻里纠纷',
        scale: '重大',
        summary: '噪音',
        gridCode: '510104001001001',
        partyIdNumbers: `${valid.toLowerCase()}（申请人）`,
        mediationMethod: '协商和解',
        deadline: '2026/3/1',
      },
      codes,
    )
    expect(checked).toMatchObject({
      ok: true,
      record: {
        kind: 'neighbour',
        scale: 'serious',
        mediationMethod: 'negotiation',
        partyIdNumbers: [{ idNumber: valid, role: '申请人' }],
        deadline: '2026-03-01',
        caseNo: null,
      },
    })
  })

  it('names a bad ID number by its place in the cell, not by its digits', () => {
    const bad = `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`
    const checked = checkDispute(
      { kind: '邻里纠纷', scale: '一般', summary: '噪音', gridCode: '1', partyIdNumbers: `${valid}、${bad}` },
      codes,
    )
    expect(checked.ok).toBe(false)
    const [error] = checked.ok ? [] : checked.errors
    expect(error).toMatchObject({ field: 'partyIdNumbers', code: 'ledger.id_number.check' })
    expect(error?.message).toMatch(/^第2个证件号码：/)
    expect(error?.message).not.toContain(bad)
  })
})
