import { describe, expect, it } from 'vitest'
import { indicatorValues, NO_FIELD_WORK } from './assessment.indicators'
import { lastMonthOf, parsePeriod } from './assessment.period'
import { DEFAULT_SCHEMES, type SchemeBody, SchemeBodySchema } from './assessment.scheme'
import { listsOf, pointsOf, ranksOf, scoreOf, starsOf, subsidyOf } from './assessment.score'

const body = (over: Partial<SchemeBody> = {}): SchemeBody => ({
  items: [
    { indicator: 'onTimeRate', weight: 60, floor: 0.6, target: 1 },
    { indicator: 'reworkRate', weight: 20, floor: 0.2, target: 0 },
    { indicator: 'review', weight: 20, floor: 60, target: 100 },
  ],
  bonuses: [],
  stars: [
    { minScore: 90, stars: 5 },
    { minScore: 60, stars: 1 },
  ],
  lists: { red: 1, black: 1, blackBelow: 60 },
  subsidy: null,
  ...over,
})

describe('points and scores (worked examples)', () => {
  it('draws a straight line from the floor to the target, clamped, either way round', () => {
    expect(pointsOf(0.8, 0.6, 1)).toBe(50)
    expect(pointsOf(0.5, 0.6, 1)).toBe(0)
    expect(pointsOf(1.2, 0.6, 1)).toBe(100)
    // Rework: 5 % against a floor of 20 % and a target of none → three quarters of the points.
    expect(pointsOf(0.05, 0.2, 0)).toBe(75)
    expect(pointsOf(null, 0.6, 1)).toBeNull()
  })

  it('weighs the items measured and leaves out those with nothing to measure', () => {
    // 0.9 on time → 75 points × 60; rework 0.1 → 50 × 20; no review entered: left out.
    const s = scoreOf(body(), { onTimeRate: 0.9, reworkRate: 0.1, review: null })
    expect(s.points).toEqual({ onTimeRate: 75, reworkRate: 50, review: null })
    expect(s.score).toBe(68.75) // (75·60 + 50·20) / 80
    // With the review at 80 (50 points): (4500 + 1000 + 1000) / 100.
    expect(scoreOf(body(), { onTimeRate: 0.9, reworkRate: 0.1, review: 80 }).score).toBe(65)
    expect(scoreOf(body(), { onTimeRate: null, reworkRate: null, review: null }).score).toBe(0)
  })

  it('adds bonuses when an indicator reaches its mark', () => {
    const b = body({ bonuses: [{ indicator: 'visits', atLeast: 40, points: 3 }] })
    expect(scoreOf(b, { onTimeRate: 1, visits: 40 }).score).toBe(103)
    expect(scoreOf(b, { onTimeRate: 1, visits: 39 }).score).toBe(100)
  })

  it('gives stars by the highest threshold reached', () => {
    expect(starsOf(body(), 95)).toBe(5)
    expect(starsOf(body(), 89.99)).toBe(1)
    expect(starsOf(body(), 10)).toBe(0)
  })

  it('ranks equal scores alike, and puts the best on the red list and the worst below the line on the black', () => {
    const scores = [70, 90, 70, 40, 40]
    const ranks = ranksOf(scores)
    expect(ranks).toEqual([2, 1, 2, 4, 4])
    expect(listsOf(body(), scores, ranks)).toEqual([null, 'red', null, 'black', 'black'])
    // Nobody below the line: no black list, however low the rank.
    expect(listsOf(body(), [70, 65], [1, 2])).toEqual(['red', null])
  })

  it('leaves out subjects with nothing measured, and keeps ties together on the lists', () => {
    const scores = [null, 80, null, 50]
    const ranks = ranksOf(scores)
    expect(ranks).toEqual([null, 1, null, 2])
    expect(listsOf(body(), scores, ranks)).toEqual([null, 'red', null, 'black'])
    // Three places on the red list: the first two ranks fit (1 + 1), the three tied after them do not.
    const three = body({ lists: { red: 3, black: 0, blackBelow: 60 } })
    const tied = [99, 95, 90, 90, 90]
    expect(listsOf(three, tied, ranksOf(tied))).toEqual(['red', 'red', null, null, null])
    // The best rank is listed even when its tie is larger than the list.
    const flat = [80, 80, 80, 80]
    expect(listsOf(three, flat, ranksOf(flat))).toEqual(['red', 'red', 'red', 'red'])
    expect(scoreOf(body(), { onTimeRate: null, reworkRate: null, review: null }).measured).toBe(false)
  })
})

describe('subsidy (worked example)', () => {
  const withSubsidy = body({
    subsidy: {
      pieceRates: [
        { indicator: 'visits', yuan: 5 },
        { indicator: 'reportsFiled', yuan: 3 },
      ],
      hourly: { indicator: 'inGridHours', yuan: 8 },
      quality: [
        { minScore: 0, factor: 0.6 },
        { minScore: 80, factor: 1 },
        { minScore: 90, factor: 1.2 },
      ],
      cap: 1000,
    },
  })

  it('pays pieces and hours, times the quality factor of the score, up to the cap', () => {
    const s = subsidyOf(withSubsidy, { visits: 20, reportsFiled: 5, inGridHours: 50.5 }, 85)
    // (20·5 + 5·3 + 50.5·8) × 1.0 = 100 + 15 + 404
    expect(s).toMatchObject({ timeAmount: 404, factor: 1, total: 519, capped: false })
    expect(s?.pieces.map((p) => p.amount)).toEqual([100, 15])
    expect(subsidyOf(withSubsidy, { visits: 20, reportsFiled: 5, inGridHours: 50.5 }, 92)?.total).toBe(622.8)
    expect(subsidyOf(withSubsidy, { visits: 200, reportsFiled: 0, inGridHours: 0 }, 92)).toMatchObject({
      total: 1000,
      capped: true,
    })
    expect(subsidyOf(body(), {}, 90)).toBeNull()
  })
})

describe('field indicators (worked example)', () => {
  it('computes compliance, time in grid, coverage, visits on time and report accuracy from counts', () => {
    const values = indicatorValues({
      events: {
        received: 0,
        filed: 0,
        due: 0,
        closed: 0,
        onTime: 0,
        handled: 2,
        reworked: 0,
        extended: 0,
        rated: 0,
        satisfied: 0,
        handlingSeconds: 9000,
      },
      field: {
        ...NO_FIELD_WORK,
        workDays: 20,
        metDays: 17,
        workS: 20 * 7 * 3600,
        patrolS: 70 * 3600,
        inGridS: 56 * 3600,
        patrols: 4,
        coverageSum: 2.6,
        distanceM: 12_345,
        visits: 12,
        planVisits: 8,
        planVisitsOnTime: 6,
        recordsCollected: 3,
        recordsCorrected: 4,
        reportsDecided: 6,
        reportsFiled: 5,
      },
      marks: { spot_check: 90 },
    })
    expect(values).toMatchObject({
      avgHandlingHours: 1.25,
      patrolCompliance: 0.85,
      inGridRate: 0.4,
      onlineRate: 0.5,
      coverage: 0.65,
      visitOnTimeRate: 0.75,
      reportAccuracy: 0.8333,
      patrolHours: 70,
      inGridHours: 56,
      patrolKm: 12.35,
      visits: 12,
      records: 7,
      spotCheck: 90,
      review: null,
      onTimeRate: null,
    })
  })
})

describe('periods', () => {
  it('reads months, quarters, halves and years, with the period before', () => {
    expect(parsePeriod('2026-11')).toEqual({
      key: '2026-11',
      from: '2026-11-01',
      to: '2026-12-01',
      previous: '2026-10',
    })
    expect(parsePeriod('2026-01')?.previous).toBe('2025-12')
    expect(parsePeriod('2026-12')?.to).toBe('2027-01-01')
    expect(parsePeriod('2026-Q1')).toMatchObject({
      from: '2026-01-01',
      to: '2026-04-01',
      previous: '2025-Q4',
    })
    expect(parsePeriod('2026-H2')).toMatchObject({
      from: '2026-07-01',
      to: '2027-01-01',
      previous: '2026-H1',
    })
    expect(parsePeriod('2026')).toMatchObject({ from: '2026-01-01', to: '2027-01-01', previous: '2025' })
    for (const bad of ['2026-13', '2026-Q5', '26-11', '2026-11-01', '1999'])
      expect(parsePeriod(bad)).toBeNull()
    expect(lastMonthOf('2027-01-01')).toBe('2026-12')
  })
})

describe('schemes', () => {
  it('ships defaults that pass their own validation', () => {
    for (const s of DEFAULT_SCHEMES) expect(SchemeBodySchema.safeParse(s.body).success).toBe(true)
  })

  it('refuses an indicator listed twice, an unknown one, and a floor equal to the target', () => {
    const item = { indicator: 'onTimeRate', weight: 10, floor: 0.5, target: 1 }
    const base = { bonuses: [], stars: [], lists: { red: 1, black: 1, blackBelow: 60 } }
    expect(SchemeBodySchema.safeParse({ ...base, items: [item, item] }).success).toBe(false)
    expect(SchemeBodySchema.safeParse({ ...base, items: [{ ...item, indicator: 'nope' }] }).success).toBe(
      false,
    )
    expect(SchemeBodySchema.safeParse({ ...base, items: [{ ...item, floor: 1 }] }).success).toBe(false)
    expect(SchemeBodySchema.safeParse({ ...base, items: [item] }).success).toBe(true)
  })
})
