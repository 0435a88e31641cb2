import { describe, expect, it } from 'vitest'
import { boundaryToMap, boxToMap, fromMap, toMap } from '../web/src/map/crs'

// 天府广场, Chengdu: WGS-84 as a phone reads it.
const WGS = { lng: 104.06585, lat: 30.65742 }
const metres = (a: { lng: number; lat: number }, b: { lng: number; lat: number }) =>
  Math.hypot((a.lng - b.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180), (a.lat - b.lat) * 110_540)

describe('points on a GCJ-02 base map (gcoord)', () => {
  it('shifts a WGS-84 point by the few hundred metres of GCJ-02 and back within a metre', () => {
    const shown = toMap(WGS, 'gcj02')
    const shift = metres(WGS, shown)
    expect(shift).toBeGreaterThan(100)
    expect(shift).toBeLessThan(1000)
    expect(metres(fromMap(shown, 'gcj02'), WGS)).toBeLessThan(1)
  })

  it('leaves points alone on a WGS-84 map, and shifts both corners of a box', () => {
    expect(toMap(WGS, 'wgs84')).toBe(WGS)
    expect(fromMap(WGS, 'wgs84')).toBe(WGS)
    const [w, s, e, n] = boxToMap([104.0, 30.6, 104.1, 30.7], 'gcj02')
    expect(w).toBeGreaterThan(104.0)
    expect(e - w).toBeCloseTo(0.1, 3)
    expect(n - s).toBeCloseTo(0.1, 3)
  })

  it("shifts a grid's boundary onto the map as a copy, leaving the server's WGS-84 one alone", () => {
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [104, 30.6],
          [104.1, 30.6],
          [104.1, 30.7],
          [104, 30.6],
        ],
      ],
    }
    const shown = boundaryToMap(square, 'gcj02')
    expect(square.coordinates[0]?.[0]).toEqual([104, 30.6])
    const [lng = 0, lat = 0] = shown.coordinates[0]?.[0] ?? []
    expect(metres({ lng, lat }, toMap({ lng: 104, lat: 30.6 }, 'gcj02'))).toBeLessThan(0.01)
  })
})
