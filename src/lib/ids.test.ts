import { describe, expect, it } from 'vitest'
import { uuidv7 } from './ids'

describe('uuidv7', () => {
  it('carries the version and variant bits and the time, and never repeats across pool refills', () => {
    const ids = Array.from({ length: 1000 }, () => uuidv7(1_796_000_000_000))
    for (const id of ids) expect(id).toMatch(/^01a229f1-2800-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(1000)
  })

  it('sorts by time', () => {
    const earlier = uuidv7(1_796_000_000_000)
    const later = uuidv7(1_796_000_000_001)
    expect(earlier < later).toBe(true)
  })

  it('sorts the ids it makes from the clock in the order they were made, even 10,000 in a row', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7())
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(10_000)
  })
})
