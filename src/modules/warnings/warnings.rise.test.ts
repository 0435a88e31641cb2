import { describe, expect, it } from 'vitest'
import type { RollupCell } from '../cases/rollup/rollup.cells'
import { dayFrom, detectRises } from './warnings.rise'

/** A seeded generator (mulberry32): the same city every run. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A Poisson draw (Knuth): fine for the small means of a community's day. */
function poisson(lambda: number, next: () => number) {
  const limit = Math.exp(-lambda)
  let k = 0
  for (let p = next(); p > limit; p *= next()) k++
  return k
}

const TODAY = '2026-12-07'

/** A cell with `days` (oldest first, ending today). */
function cell(node: string, bigClass: string, counts: number[]): RollupCell {
  const days = new Map<string, number>()
  counts.forEach((n, i) => {
    if (n > 0) days.set(dayFrom(TODAY, i - counts.length + 1), n)
  })
  return { node, bigClass, days }
}

/** 3,000 quiet cells: 35 days of Poisson noise around means from 0.05 to 3 a day. */
function quietCity(next: () => number): RollupCell[] {
  return Array.from({ length: 3000 }, (_, i) => {
    const lambda = 0.05 + (i % 60) * 0.05
    return cell(
      `d${i % 7}.s${i % 11}.c${i}`,
      String(1 + (i % 9)).padStart(2, '0'),
      Array.from({ length: 35 }, () => poisson(lambda, next)),
    )
  })
}

describe('a rise of events in a grid and category', () => {
  it('finds an injected hotspot and a gradual rise, and not the chance cells of a quiet city', () => {
    const next = random(20261207)
    const city = quietCity(next)
    // 60 events today where 0.14 a day is usual.
    const hot = Array.from({ length: 35 }, () => poisson(0.14, next))
    hot[34] = 60
    // A chance cell: 3 today on a baseline of almost nothing, nothing the day before.
    const chance = [...Array.from({ length: 34 }, (_, i) => (i === 10 ? 1 : 0)), 3]
    // A slow rise over the last week on a baseline of one a day.
    const slow = [...Array.from({ length: 28 }, (_, i) => [1, 0, 2, 1][i % 4] ?? 0), 3, 3, 4, 5, 5, 6, 7]
    const rises = detectRises(
      [
        ...city,
        cell('d1.s1.c9001', '06', hot),
        cell('d2.s2.c9002', '06', chance),
        cell('d3.s3.c9003', '05', slow),
      ],
      TODAY,
    )
    const byNode = new Map(rises.map((r) => [r.node, r]))
    expect(byNode.get('d1.s1.c9001')).toMatchObject({ rule: 'rise', level: 'red', count: 60 })
    expect(byNode.get('d1.s1.c9001')?.p).toBeLessThan(1e-50)
    expect(byNode.get('d3.s3.c9003')).toMatchObject({ rule: 'gradual_rise', count: 7 })
    expect(byNode.has('d2.s2.c9002')).toBe(false)
    console.log(
      rises.map((r) => [
        r.node,
        r.rule,
        r.count,
        r.baseline.toFixed(2),
        r.p.toExponential(2),
        r.yesterday.count,
      ]),
    )
    // Few and real: of 3,003 cells, no quiet one alarms.
    expect(rises.map((r) => r.node).sort()).toEqual(['d1.s1.c9001', 'd3.s3.c9003'])
  })

  it('keeps the inputs a reader needs to judge it', () => {
    const [rise] = detectRises([cell('d1', '06', [...Array(28).fill(1), 1, 9])], TODAY)
    expect(rise).toMatchObject({ count: 9, baseline: 1, yesterday: { count: 1 } })
    // 9 today after 28 in the 28 days before: P(Bin(37, 1/29) ≥ 9) = 3.5617·10⁻⁶.
    expect(rise?.p).toBeCloseTo(3.5617e-6, 9)
  })
})
