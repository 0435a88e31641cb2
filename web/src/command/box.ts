import type { Map as MapLibreMap } from 'maplibre-gl'
import { type Crs, fromMap } from '../map/crs'
import type { Box } from './liveMap.api'

/** The largest side /api/cases/map takes, and the largest the live socket takes. */
export const FETCH_SIDE = 2
export const LIVE_SIDE = 5

const clamp = (v: number, low: number, high: number) => Math.min(high, Math.max(low, v))

/** What the map shows, in WGS-84 whatever its datum, within the globe. */
export function viewBox(map: MapLibreMap, crs: Crs): Box {
  const bounds = map.getBounds()
  const sw = fromMap({ lng: bounds.getWest(), lat: bounds.getSouth() }, crs)
  const ne = fromMap({ lng: bounds.getEast(), lat: bounds.getNorth() }, crs)
  return [clamp(sw.lng, -180, 180), clamp(sw.lat, -90, 90), clamp(ne.lng, -180, 180), clamp(ne.lat, -90, 90)]
}

export const fits = (box: Box, side: number) => box[2] - box[0] <= side && box[3] - box[1] <= side

/** The box, or the part of it around its centre no larger than `side` a side. */
export function around(box: Box, side: number): Box {
  const [w, s, e, n] = box
  const half = side / 2
  const x = (w + e) / 2
  const y = (s + n) / 2
  return [Math.max(w, x - half), Math.max(s, y - half), Math.min(e, x + half), Math.min(n, y + half)]
}
