import { describe, expect, it } from 'vitest'
import { codeBookOf } from '../codes/codes.book'
import { idCheckCharacter } from '../validate/id-number'
import { checkMembership } from './memberships.fields'

const codes = codeBookOf([
  { code_table: 'special_group', code: 'elderly_alone', zh: '独居老人', en: 'Elderly living alone' },
])
const valid = `11010519400510012${idCheckCharacter('11010519400510012')}`

describe('a special-groups sheet row', () => {
  it('takes the group by name, the attention level by name or number, dates in any usual layout', () => {
    const row = { idNumber: valid, groupCode: '独居老人', startsOn: '2026.1.5' }
    expect(checkMembership({ ...row, attention: '重点' }, codes)).toEqual({
      ok: true,
      record: {
        idNumber: valid,
        groupCode: 'elderly_alone',
        subKind: null,
        attention: 3,
        startsOn: '2026-01-05',
        endsOn: null,
        responsible: null,
        notes: null,
      },
    })
    expect(checkMembership({ ...row, attention: '5' }, codes)).toMatchObject({ record: { attention: 5 } })
    expect(checkMembership(row, codes)).toMatchObject({ record: { attention: null } })
  })

  it('refuses a bad ID number, an unknown level and an end before the start, each by field', () => {
    const checked = checkMembership(
      {
        idNumber: `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`,
        groupCode: '独居老人',
        attention: '6',
        startsOn: '2026-02-01',
        endsOn: '2026-01-01',
      },
      codes,
    )
    expect(checked.ok ? [] : checked.errors.map((e) => [e.field, e.code])).toEqual([
      ['attention', 'ledger.unknown_choice'],
      ['idNumber', 'ledger.id_number.check'],
      ['endsOn', 'ledger.invalid_dates'],
    ])
    expect(checkMembership({ groupCode: '独居老人', startsOn: '2026-02-01' }, codes)).toMatchObject({
      ok: false,
      errors: [{ field: 'idNumber', code: 'ledger.required' }],
    })
  })
})
