import { describe, expect, it } from 'vitest'
import { checkCode } from '../grids/grids.code'
import { DEFAULT_SCHEME } from '../grids/grids.levels'
import { generateDemo } from './demo.generate'

describe('the demo city generator', () => {
  const district = generateDemo('district', 7)
  const count = (level: string) => district.filter((g) => g.level === level).length

  it('makes a district of 8 streets, 64 communities, 384 grids and 3,072 micro-grids', () => {
    expect([count('district'), count('street'), count('community'), count('grid'), count('micro')]).toEqual([
      1, 8, 64, 384, 3072,
    ])
  })

  it('gives every grid a valid code under its parent, parents first', () => {
    const seen = new Set<string>()
    for (const g of district) {
      expect(checkCode(DEFAULT_SCHEME, g.code, g.level, g.parentCode)).toEqual({ ok: true })
      if (g.parentCode) expect(seen.has(g.parentCode)).toBe(true)
      seen.add(g.code)
    }
  })

  it('keeps micro-grids within 30–100 households and sums them upwards', () => {
    const micro = district.filter((g) => g.level === 'micro')
    expect(micro.every((g) => g.households >= 30 && g.households <= 100)).toBe(true)
    const total = micro.reduce((n, g) => n + g.households, 0)
    expect(district[0]?.households).toBe(total)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemo('district', 7)).toEqual(district)
    expect(generateDemo('district', 8)).not.toEqual(district)
  })
})
