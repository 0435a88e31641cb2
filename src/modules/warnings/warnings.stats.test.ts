import { describe, expect, it } from 'vitest'
import { benjaminiHochberg, binomialUpperTail, ewmaAlarms } from './warnings.stats'

describe('binomial upper tail (two Poisson rates compared)', () => {
  it('matches worked values', () => {
    // P(X ≥ 1 | n = 2, p = ½) = 1 − ¼; P(X ≥ 2 | n = 3, p = ½) = ½
    expect(binomialUpperTail(1, 2, 0.5)).toBeCloseTo(0.75, 12)
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12)
    // P(X ≥ 3 | n = 10, p = 0.1) = 1 − 0.9¹⁰ − 10·0.1·0.9⁹ − 45·0.01·0.9⁸ = 0.0701908…
    expect(binomialUpperTail(3, 10, 0.1)).toBeCloseTo(0.0701908264, 9)
    expect(binomialUpperTail(0, 5, 0.2)).toBe(1)
    expect(binomialUpperTail(6, 5, 0.2)).toBe(0)
  })

  it('stays finite and tiny for an injected hotspot on a near-empty past', () => {
    // 60 events today, 4 in the 28 days before: each of the 64 falls today with p = 1/29 by chance.
    const p = binomialUpperTail(60, 64, 1 / 29)
    expect(p).toBeGreaterThan(0)
    expect(p).toBeLessThan(1e-70)
    // A chance cell: 3 today and 1 before is unusual (≈ 1.6·10⁻⁴), not rare among many cells.
    expect(binomialUpperTail(3, 4, 1 / 29)).toBeCloseTo(4 * (1 / 29) ** 3 * (28 / 29) + (1 / 29) ** 4, 12)
  })
})

describe('Benjamini–Hochberg', () => {
  it('keeps the smallest p-values up to the last rank under its line', () => {
    // m = 5, q = 0.05: lines 0.01, 0.02, 0.03, 0.04, 0.05; the third p (0.025) is under its 0.03,
    // the fourth (0.045) over its 0.04.
    const kept = benjaminiHochberg([0.045, 0.001, 0.5, 0.025, 0.012], 0.05)
    expect([...kept].sort()).toEqual([1, 3, 4])
  })

  it('drops a lone small p among a city of cells', () => {
    const ps: number[] = Array.from({ length: 10_000 }, (_, i) => (i === 7 ? 2e-5 : 0.5))
    expect(benjaminiHochberg(ps, 0.01).size).toBe(0)
    ps[8] = 1e-16
    expect([...benjaminiHochberg(ps, 0.01)]).toEqual([8])
  })
})

describe('EWMA', () => {
  it('alarms on a gradual rise and not on one odd day', () => {
    expect(ewmaAlarms([1, 0, 2, 1, 1, 0, 3, 5, 6, 8], 1)).toEqual([7, 8, 9])
    expect(ewmaAlarms([1, 0, 2, 1, 1, 0, 3, 1, 0, 1], 1)).toEqual([])
  })
})
