import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCHEME } from './grids.levels'
import { loadLevelScheme } from './grids.scheme-file'

const dir = mkdtempSync(join(tmpdir(), 'wangge-scheme-'))
const file = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('the level scheme file', () => {
  it('uses the default scheme when none is configured', () => {
    expect(loadLevelScheme(undefined)).toBe(DEFAULT_SCHEME)
  })

  it('reads a deployment’s own levels (seed 002: district → town → village → grid → minimum unit)', () => {
    const path = file(
      'rural.json',
      JSON.stringify({
        levels: [
          { key: 'district', zh: '区', en: 'District', width: 6, parents: [] },
          { key: 'town', zh: '镇', en: 'Town', width: 3, parents: ['district'] },
          { key: 'village', zh: '村', en: 'Village', width: 3, parents: ['town'] },
          {
            key: 'grid',
            zh: '网格',
            en: 'Grid',
            width: 3,
            parents: ['village'],
            households: { min: 200, max: 300 },
          },
          {
            key: 'unit',
            zh: '最小单元',
            en: 'Minimum unit',
            width: 3,
            parents: ['grid'],
            households: { min: 10, max: 60 },
          },
        ],
      }),
    )
    expect(loadLevelScheme(path).levels.map((l) => l.key)).toEqual([
      'district',
      'town',
      'village',
      'grid',
      'unit',
    ])
  })

  it.each([
    ['not JSON', '{levels:', /cannot be read as JSON/],
    [
      'a parent that comes later',
      JSON.stringify({ levels: [{ key: 'a', zh: 'a', en: 'a', width: 6, parents: ['b'] }] }),
      /parents must be earlier levels: b/,
    ],
    [
      'a width of 0',
      JSON.stringify({ levels: [{ key: 'a', zh: 'a', en: 'a', width: 0, parents: [] }] }),
      /width/,
    ],
    [
      'a household range upside down',
      JSON.stringify({
        levels: [{ key: 'a', zh: 'a', en: 'a', width: 6, parents: [], households: { min: 9, max: 1 } }],
      }),
      /min must not exceed max/,
    ],
  ])('refuses %s with one line naming WANGGE_LEVEL_SCHEME', (_name, content, reason) => {
    const path = file('bad.json', content)
    expect(() => loadLevelScheme(path)).toThrow(/^invalid configuration: WANGGE_LEVEL_SCHEME=/)
    expect(() => loadLevelScheme(path)).toThrow(reason)
  })
})
