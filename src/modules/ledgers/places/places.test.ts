import { describe, expect, it } from 'vitest'
import { Problem } from '../../../lib/problem'
import { decodeCursor, encodeCursor, localDay } from './buildings.service'
import { RentalCreateBodySchema } from './places.schema'
import { dayBefore } from './residences.service'

describe('dates of residences', () => {
  it('reads the day in China (UTC+8) from an instant', () => {
    expect(localDay(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14')
    expect(localDay(new Date('2026-06-14T16:00:00Z'))).toBe('2026-06-15')
  })

  it('closes a residence the day before a move, across months and leap years', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28')
    expect(dayBefore('2024-03-01')).toBe('2024-02-29')
    expect(dayBefore('2026-01-01')).toBe('2025-12-31')
  })

  it('refuses a rental ending before it starts', () => {
    const base = {
      roomId: '01900000-0000-7000-8000-000000000001',
      tenants: ['01900000-0000-7000-8000-000000000002'],
    }
    expect(
      RentalCreateBodySchema.safeParse({ ...base, startsOn: '2026-03-01', endsOn: '2026-02-01' }).success,
    ).toBe(false)
    expect(
      RentalCreateBodySchema.safeParse({ ...base, startsOn: '2026-03-01', endsOn: '2026-03-01' }).success,
    ).toBe(true)
  })
})

describe('the building list cursor', () => {
  it('round-trips the keyset and refuses anything else with a 400', () => {
    const c = { address: '东大街 100 号', id: '01900000-0000-7000-8000-000000000001' }
    expect(decodeCursor(encodeCursor(c))).toEqual(c)
    for (const bad of [
      'nonsense',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ]) {
      let thrown: unknown
      try {
        decodeCursor(bad)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(Problem)
      expect((thrown as Problem).code).toBe('ledger.bad_cursor')
    }
  })
})
