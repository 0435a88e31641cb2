import { describe, expect, it } from 'vitest'
import { checkTags, MAX_TAGS } from './people.tags'

describe('checkTags', () => {
  it('trims each tag and keeps a repeat once, in the order given', () => {
    expect(checkTags(['  独居老人 ', '低保', '独居老人'])).toEqual({ ok: true, tags: ['独居老人', '低保'] })
    expect(checkTags([])).toEqual({ ok: true, tags: [] })
  })

  it.each([
    [['  '], 'ledger.tag_empty', 'tags.0'],
    [['好', 'a\tb'], 'ledger.tag_control', 'tags.1'],
    [['a\u0000'], 'ledger.tag_control', 'tags.0'],
    [['行\u2028二'], 'ledger.tag_control', 'tags.0'],
    [['一二三四五六七八九十一二三四五六七八九十一'], 'ledger.tag_too_long', 'tags.0'],
    [Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`), 'ledger.too_many_tags', 'tags'],
  ])('refuses %j with %s', (tags, code, field) => {
    expect(checkTags(tags)).toMatchObject({ ok: false, code, field })
  })

  it('counts characters, not UTF-16 units, and ten distinct tags are allowed', () => {
    expect(checkTags(['𠀀'.repeat(20)]).ok).toBe(true)
    expect(checkTags(Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`)).ok).toBe(true)
    expect(checkTags([...Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`), 't0 ']).ok).toBe(true)
  })
})
