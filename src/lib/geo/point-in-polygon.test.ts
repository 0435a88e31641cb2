import { describe, expect, it } from 'vitest'
import { covers, ringSide } from './point-in-polygon'

const square = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
]
const hole = [
  [1, 1],
  [1, 3],
  [3, 3],
  [3, 1],
  [1, 1],
]

describe('ringSide', () => {
  it.each([
    [2, 2, 1],
    [5, 2, -1],
    [4, 2, 0],
    [0, 0, 0],
  ] as const)('puts (%d, %d) at %d', (x, y, side) => {
    expect(ringSide(x, y, square)).toBe(side)
  })
})

describe('covers', () => {
  it("answers like ST_Covers: the boundary and a hole's edge count, the hole's inside does not", () => {
    const polygons = [[square, hole]]
    expect(covers(polygons, 0.5, 0.5)).toBe(true)
    expect(covers(polygons, 2, 2)).toBe(false)
    expect(covers(polygons, 1, 2)).toBe(true)
    expect(covers(polygons, 4, 4)).toBe(true)
    expect(covers(polygons, -1, 2)).toBe(false)
  })
})
