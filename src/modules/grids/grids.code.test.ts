import { describe, expect, it } from 'vitest'
import { checkCode, normaliseLegacyCode, pathOf } from './grids.code'
import { DEFAULT_SCHEME } from './grids.levels'

describe('checkCode: parent code plus a segment of the level width, digits only', () => {
  it.each([
    ['510104', 'district', null, { ok: true }],
    ['510104001', 'street', '510104', { ok: true }],
    ['510104001002', 'community', '510104001', { ok: true }],
    ['510104001002003', 'grid', '510104001002', { ok: true }],
    ['510104001002003004', 'micro', '510104001002003', { ok: true }],
    ['51010A', 'district', null, { ok: false, reason: 'not_digits' }],
    ['5101040012', 'street', '510104', { ok: false, reason: 'wrong_width' }],
    ['51010400', 'street', '510104', { ok: false, reason: 'wrong_width' }],
    ['510105001', 'street', '510104', { ok: false, reason: 'not_under_parent' }],
    ['510104001', 'county', '510104', { ok: false, reason: 'unknown_level' }],
  ] as const)('%s as %s under %s → %j', (code, level, parent, expected) => {
    expect(checkCode(DEFAULT_SCHEME, code, level, parent)).toEqual(expected)
  })
})

describe('pathOf: one ltree label per level', () => {
  it('builds the path from the parent path and the code segment', () => {
    expect(pathOf('510104', null, null)).toBe('510104')
    expect(pathOf('510104001', '510104', '510104')).toBe('510104.001')
    expect(pathOf('510104001002003', '510104001002', '510104.001.002')).toBe('510104.001.002.003')
  })
})

describe('normaliseLegacyCode', () => {
  it('widens a 14-digit CJ/T 213 cell code to the 15-digit form', () => {
    expect(normaliseLegacyCode('51010400100207')).toBe('510104001002007')
  })
  it('leaves other codes alone', () => {
    expect(normaliseLegacyCode('510104001002007')).toBe('510104001002007')
    expect(normaliseLegacyCode('510104')).toBe('510104')
  })
})
