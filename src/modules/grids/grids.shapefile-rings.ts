import { ringSide } from '../../lib/geo/point-in-polygon'
import type { Ring } from './grids.shapefile-read'

export interface MultiPolygon {
  type: 'MultiPolygon'
  coordinates: Ring[][]
}

/** Twice the signed area: positive when the ring runs counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number]
    const [xj, yj] = ring[j] as [number, number]
    sum += (xj - xi) * (yj + yi)
  }
  return sum
}

/** Whether the hole lies in the shell: judged by its first vertex not on the shell's edge. */
function contains(shell: Ring, hole: Ring): boolean {
  for (const point of hole) {
    const s = ringSide(point[0], point[1], shell)
    if (s !== 0) return s > 0
  }
  return false
}

function closed(ring: Ring): Ring {
  const first = ring[0]
  const last = ring.at(-1)
  return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring
}

/**
 * A record's rings as a MultiPolygon. The Shapefile runs outer rings clockwise and holes
 * counter-clockwise; each hole joins the smallest outer ring holding it (a hole no outer ring holds is
 * taken as an outer ring, as files written with the winding reversed need), and rings are turned to
 * GeoJSON's winding: outer counter-clockwise, holes clockwise.
 */
export function toMultiPolygon(rings: Ring[]): MultiPolygon {
  const measured = rings.map(closed).map((ring) => ({ ring, area: signedArea(ring) }))
  const shells = measured.filter((r) => r.area < 0).map((r) => ({ ...r, holes: [] as Ring[] }))
  for (const hole of measured.filter((r) => r.area >= 0)) {
    const holder = shells
      .filter((s) => -s.area > hole.area && contains(s.ring, hole.ring))
      .sort((a, b) => b.area - a.area)[0]
    if (holder) holder.holes.push(hole.ring)
    else shells.push({ ring: [...hole.ring].reverse(), area: -hole.area, holes: [] })
  }
  return {
    type: 'MultiPolygon',
    coordinates: shells.map((s) => [[...s.ring].reverse(), ...s.holes.map((h) => [...h].reverse())]),
  }
}
