import { describe, expect, it } from 'vitest'
import { creditCheckCharacter, parseCreditCode } from './credit-code'
import { idCheckCharacter, parseIdNumber } from './id-number'
import { normaliseText } from './normalise'
import { parsePhone } from './phone'

const TODAY = new Date('2026-12-06T00:00:00Z')
const id = (raw: string) => parseIdNumber(raw, TODAY)
/** A number of the given first 17 characters with its right check character. */
const withCheck = (first17: string) => first17 + idCheckCharacter(first17)

describe('identity numbers (GB 11643)', () => {
  it("accepts the standard's sample and reads its birth date and sex", () => {
    expect(id('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      kind: 'resident',
      birthDate: '1949-12-31',
      sex: 'female',
      province: '11',
    })
  })

  it('refuses a wrong check character, naming the check', () => {
    expect(id('110105194912310021')).toMatchObject({ ok: false, code: 'id_number.check' })
  })

  it('takes a lower-case x, full-width digits and stray spaces as the same number', () => {
    expect(id(' 11010519491231002x ')).toMatchObject({ ok: true, value: '11010519491231002X' })
    expect(id('１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    })
    expect(id('110105 1949 1231 002X')).toMatchObject({ ok: true, value: '11010519491231002X' })
  })

  it('converts a 15-digit first-generation number to its 18 digits', () => {
    expect(id('110105491231002')).toMatchObject({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
    })
  })

  it.each([
    ['a date that does not exist', withCheck('11010519490230002'), 'id_number.birth_date'],
    ['a birth in the future', withCheck('11010520300101002'), 'id_number.birth_date'],
    ['a region that does not exist', withCheck('99010519491231002'.replace(/^9/, '0')), 'id_number.region'],
    ['too short', '1101051949123100', 'id_number.format'],
    ['letters inside', '11010519491231A02X', 'id_number.format'],
  ])('refuses %s', (_what, value, code) => {
    expect(id(value)).toMatchObject({ ok: false, code })
  })

  it('accepts the residence permits of Hong Kong, Macao and Taiwan residents as such', () => {
    expect(id(withCheck('81000019900101123'))).toMatchObject({ ok: true, kind: 'hk_macao_permit' })
    expect(id(withCheck('82000019900101123'))).toMatchObject({ ok: true, kind: 'hk_macao_permit' })
    expect(id(withCheck('83000019900101123'))).toMatchObject({ ok: true, kind: 'taiwan_permit' })
  })

  it("accepts the 2023 foreigner's permanent residence card, with its accepting province", () => {
    // 9, Beijing (11), nationality 156-style code 840, born 1985-06-15, sequence 001.
    const card = withCheck('91184019850615001')
    expect(id(card)).toMatchObject({
      ok: true,
      kind: 'foreign_permanent',
      province: '11',
      birthDate: '1985-06-15',
    })
    expect(id(withCheck('99984019850615001'))).toMatchObject({ ok: false, code: 'id_number.region' })
  })
})

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a valid code and refuses the same with another check character', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      authority: '9',
      region: '350100',
    })
    expect(parseCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, code: 'credit_code.check' })
  })

  it('computes the check character over the 31-character alphabet', () => {
    expect(creditCheckCharacter('91350100M000100Y4')).toBe('3')
  })

  it.each([
    ['a letter the alphabet leaves out (O)', '91350100MOOO100Y43', 'credit_code.format'],
    ['17 characters', '91350100M000100Y4', 'credit_code.format'],
    ['letters where the region goes', '91AB0100M000100Y43', 'credit_code.region'],
  ])('refuses %s', (_what, value, code) => {
    expect(parseCreditCode(value)).toMatchObject({ ok: false, code })
  })

  it('takes lower case and full-width characters as typed in a sheet', () => {
    expect(parseCreditCode('９１３５０１００ｍ０００１００ｙ４３')).toMatchObject({
      ok: true,
      value: '91350100M000100Y43',
    })
  })
})

describe('phone numbers', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    ['+86 138-1234-5678', '13812345678', 'mobile'],
    ['８６１３８１２３４５６７８', '13812345678', 'mobile'],
    ['010-12345678', '01012345678', 'landline'],
    ['(0871) 6512345', '08716512345', 'landline'],
    ['028-87654321转123', '02887654321-123', 'landline'],
    ['12345', '12345', 'service'],
    ['110', '110', 'service'],
  ])('reads %s as %s (%s)', (raw, value, kind) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value, kind })
  })

  it.each([['1381234567'], ['23812345678'], ['138123456789'], ['电话'], ['010-1234'], ['13812345678转1']])(
    'refuses %s',
    (raw) => {
      expect(parsePhone(raw)).toMatchObject({ ok: false })
    },
  )
})

describe('normalised text', () => {
  it('makes full-width letters, digits, punctuation and the ideographic space plain, and keeps Chinese', () => {
    expect(normaliseText('　阿卜杜拉·买买提　ＡＢＣ１２３，  ')).toBe('阿卜杜拉·买买提 ABC123,')
    // Plain text takes a shorter way to the same answer as the full normaliser.
    for (const text of [
      '  张三  丰 ',
      'Room 3  B',
      '东大街100号3栋1203室',
      'a\tb',
      '①号楼',
      '張三',
      '\u3000王五',
    ])
      expect(normaliseText(text)).toBe(text.normalize('NFKC').replace(/\s+/g, ' ').trim())
  })
})
