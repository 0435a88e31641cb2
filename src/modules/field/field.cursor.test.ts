import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, normaliseScopes, scopeChange } from './field.cursor'

describe('normaliseScopes', () => {
  it('keeps the smallest covering set, sorted, by path segments', () => {
    expect(normaliseScopes(['510104.001.002', '510104.001', '510104.0012'])).toEqual([
      '510104.001',
      '510104.0012',
    ])
    expect(normaliseScopes(['a.b', '', 'c'])).toEqual([''])
  })
})

describe('scopeChange', () => {
  it.each([
    ['a grant moved', ['a.1'], ['a.2'], { drop: ['a.1'], add: ['a.2'] }],
    ['a grant added', ['a.1'], ['a.1', 'b'], { drop: [], add: ['b'] }],
    ['a grant widened', ['a.1'], ['a'], { drop: [], add: ['a'] }],
    // The phone drops the whole old subtree, so what stays in scope inside it comes again.
    ['a grant narrowed', ['a'], ['a.1'], { drop: ['a'], add: ['a.1'] }],
    ['nothing changed', ['a'], ['a'], { drop: [], add: [] }],
  ])('%s', (_, before, after, expected) => {
    expect(scopeChange(before, after)).toEqual(expected)
  })
})

describe('the cursor', () => {
  it('goes round, and is refused when its scopes do not match their hash', () => {
    const c = encodeCursor({ s: ['a.1'], x: '10:12:10', p: { paths: ['a.1'], k: 1, i: null } })
    expect(decodeCursor(c)).toMatchObject({ s: ['a.1'], x: '10:12:10', p: { k: 1 } })
    const forged = JSON.parse(Buffer.from(c, 'base64url').toString())
    forged.s = ['']
    expect(() => decodeCursor(Buffer.from(JSON.stringify(forged)).toString('base64url'))).toThrow(
      expect.objectContaining({ code: 'field.bad_cursor' }),
    )
  })
})
