import { describe, expect, it } from 'vitest'
import { eventsPerDay } from './demo.history.repo'

describe('the demo history’s events per day', () => {
  it('adds up to the total, without piling the rounding onto today', () => {
    const today = new Date('2026-12-07T00:00:00+08:00')
    for (const total of [300, 10_000, 10_000_000]) {
      const days = eventsPerDay(total, today)
      expect(days).toHaveLength(365)
      expect(days.reduce((a, b) => a + b, 0)).toBe(total)
      // Today is a weekday like the one a week before: about as many events, not hundreds more.
      const last = days.at(-1) ?? 0
      const weekBefore = days.at(-8) ?? 0
      expect(Math.abs(last - weekBefore)).toBeLessThanOrEqual(Math.max(2, weekBefore * 0.01))
    }
  })
})
