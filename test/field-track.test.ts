import { describe, expect, it } from 'vitest'
import { uuidv7 } from '../web/src/field/ids'
import {
  GAP_MS,
  gapBefore,
  MIN_METRES,
  MIN_SECONDS,
  metresBetween,
  shouldKeep,
} from '../web/src/field/patrol/sampler'

// The field app's pure pieces: the ids it makes on the phone and how it samples a patrol's track.

describe('field app ids', () => {
  it('makes UUIDv7s that sort by the time they were made', () => {
    const first = uuidv7(Date.UTC(2026, 0, 1))
    const second = uuidv7(Date.UTC(2026, 0, 1, 0, 0, 1))
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(first < second).toBe(true)
    expect(uuidv7()).not.toBe(uuidv7())
  })
})

describe('patrol track sampling', () => {
  const start = { t: 0, lon: 104.0452, lat: 30.6503 }
  /** About this many metres north of the start. */
  const north = (metres: number, t: number) => ({ t, lon: start.lon, lat: start.lat + metres / 111_195 })

  it('keeps the first fix, then one every MIN_SECONDS or every MIN_METRES', () => {
    expect(shouldKeep(undefined, start)).toBe(true)
    expect(shouldKeep(start, north(2, 3_000))).toBe(false)
    expect(shouldKeep(start, north(2, MIN_SECONDS * 1000))).toBe(true)
    expect(shouldKeep(start, north(MIN_METRES + 1, 3_000))).toBe(true)
    expect(metresBetween(start, north(100, 0))).toBeCloseTo(100, 0)
  })

  it('never keeps a fix older than the last point', () => {
    expect(shouldKeep(north(0, 10_000), north(500, 5_000))).toBe(false)
  })

  it('marks a gap when no point came for more than two minutes, and fills nothing in', () => {
    expect(gapBefore(start, north(10, GAP_MS))).toBeNull()
    expect(gapBefore(start, north(10, GAP_MS + 1))).toEqual({ from: 0, to: GAP_MS + 1 })
  })
})
