import { describe, expect, it } from 'vitest'
import { compositeScore, periodDays, ranked } from './dashboard.figures'

describe('the big screen’s figures', () => {
  it('takes today, this week from Monday and this month, China time', () => {
    // 2026-11-29 is a Sunday; 23:30 UTC on the 28th is already the 29th in Shanghai.
    const sunday = new Date('2026-11-28T23:30:00Z')
    expect(periodDays('day', sunday)).toEqual({ from: '2026-11-29', to: '2026-11-30', last: '2026-11-29' })
    expect(periodDays('week', sunday)).toEqual({ from: '2026-11-23', to: '2026-11-30', last: '2026-11-29' })
    expect(periodDays('month', sunday)).toEqual({ from: '2026-11-01', to: '2026-11-30', last: '2026-11-29' })
    expect(periodDays('week', new Date('2026-11-23T01:00:00+08:00')).from).toBe('2026-11-23')
  })

  it('weighs closing, on-time and satisfaction; a rate with nothing behind it gives its weight to the others', () => {
    expect(compositeScore({ closingRate: 1, onTimeRate: 0.5, satisfactionRate: 1 })).toBe(80)
    expect(compositeScore({ closingRate: 1, onTimeRate: 0.5, satisfactionRate: null })).toBe(75)
    expect(compositeScore({ closingRate: null, onTimeRate: null, satisfactionRate: null })).toBeNull()
  })

  it('ranks highest first, ties sharing a rank, the unscored last without one', () => {
    const items = [
      { code: 'a', score: 70, received: 3 },
      { code: 'b', score: null, received: 9 },
      { code: 'c', score: 90, received: 1 },
      { code: 'd', score: 70, received: 5 },
    ]
    expect(ranked(items).map((i) => [i.code, i.rank])).toEqual([
      ['c', 1],
      ['d', 2],
      ['a', 2],
      ['b', null],
    ])
  })
})
