import { describe, expect, it } from 'vitest'
import { findPii, hasIdCheckDigit, maskPii } from './pii'

describe('maskPii', () => {
  it.each([
    ['an ID number with its check digit', '身份证11010519491231002X', '身份证1101**********002X'],
    [
      'an ID number whose check digit is mistyped',
      '来电人王小明(身份证510104199001011234)',
      '来电人王小明(身份证5101**********1234)',
    ],
    ['a first-generation ID number', '证号 510104900101123 已核', '证号 5101*******1123 已核'],
    ['a mobile', '电话13812345678', '电话138****5678'],
    ['a mobile in groups', '电话 138 1234 5678。', '电话 138****5678。'],
    ['a mobile with dashes', '138-1234-5678', '138****5678'],
    ['a mobile with +86', '联系+86 13812345678', '联系138****5678'],
    ['a mobile with 0086', '0086-13812345678', '138****5678'],
    ['a landline', '座机028-85123456', '座机028-****3456'],
    ['a landline in brackets', '(010) 6512 3456', '010-****3456'],
    ['a landline with spaces', '0571 8765 4321', '0571-****4321'],
    ['a landline with an extension', '028-85123456-808', '028-****3456'],
    ['a mobile in full-width digits', '电话１３８１２３４５６７８', '电话138****5678'],
    ['a mobile with dots', '138.1234.5678', '138****5678'],
    ['a landline with a dot', '028.85123456', '028-****3456'],
    ['an e-mail address', '邮箱 zhang@qq.com 联系', '邮箱 z***@qq.com 联系'],
    ['an e-mail address that is a QQ number', '12345678@qq.com', '1***@qq.com'],
    ['two numbers', '13812345678或13987654321', '138****5678或139****4321'],
  ])('masks %s', (_, text, masked) => {
    expect(maskPii(text)).toBe(masked)
  })

  it.each([
    ['a case number', '见 E20261205000001 号案件'],
    ['a date and a time', '2026-12-05 09:30 清运'],
    ['a short count', '共 12 处，约 1500 平方米'],
    ['a category code', '类别 06010'],
    ['an 18-digit number that is no ID (a bad date, a bad check digit)', '单号 510104199013451234'],
    ['a number 12 digits long starting 1', '编号 138123456789'],
    ['a house number', '锦江路 1 号 3 栋'],
    ['a version or a decimal', '约 3.5 米，第 2.1 版'],
  ])('leaves %s alone', (_, text) => {
    expect(maskPii(text)).toBe(text)
    expect(findPii(text)).toEqual([])
  })

  it('names what it finds', () => {
    expect(findPii('王小明 510104199001011234 13812345678 028-85123456')).toEqual([
      'id_number',
      'mobile',
      'landline',
    ])
    expect(findPii('电话１３８１２３４５６７８ zhang@qq.com')).toEqual(['mobile', 'email'])
    // Twice in a row: the global patterns keep no position between calls.
    expect(findPii('13812345678')).toEqual(['mobile'])
    expect(findPii('13812345678')).toEqual(['mobile'])
  })
})

describe('hasIdCheckDigit', () => {
  it('checks the GB 11643 digit, X included', () => {
    expect(hasIdCheckDigit('11010519491231002X')).toBe(true)
    expect(hasIdCheckDigit('110105194912310021')).toBe(false)
    expect(hasIdCheckDigit('11010519491231002')).toBe(false)
  })
})
