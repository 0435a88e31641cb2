import gcoord from 'gcoord'

/** A point, [lng, lat] by name (as pointPick's; declared here so this file stands alone for its test). */
interface LngLat {
  lng: number
  lat: number
}

/** The datum of the map's drawing: that of its base map (WGS-84 without one). */
export type Crs = 'wgs84' | 'gcj02'

/**
 * Every point the server knows is WGS-84. On a GCJ-02 base map (高德, 腾讯) the map's coordinates are
 * GCJ-02: a point goes onto the map through `toMap` and comes off it (the picked centre) through `fromMap`.
 */
export function toMap(point: LngLat, crs: Crs): LngLat {
  if (crs === 'wgs84') return point
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02)
  return { lng, lat }
}

export function fromMap(point: LngLat, crs: Crs): LngLat {
  if (crs === 'wgs84') return point
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84)
  return { lng, lat }
}

/** A [west, south, east, north] box onto the map. */
export function boxToMap(box: readonly number[], crs: Crs): [number, number, number, number] {
  const [west = 0, south = 0, east = 0, north = 0] = box
  const sw = toMap({ lng: west, lat: south }, crs)
  const ne = toMap({ lng: east, lat: north }, crs)
  return [sw.lng, sw.lat, ne.lng, ne.lat]
}

/** A grid's boundary onto the map (a copy: gcoord rewrites what it is given). */
export function boundaryToMap<G extends { type: 'Polygon' | 'MultiPolygon' }>(boundary: G, crs: Crs): G {
  if (crs === 'wgs84') return boundary
  return gcoord.transform(structuredClone(boundary) as never, gcoord.WGS84, gcoord.GCJ02) as G
}

/** A line drawn on the map, as [lng, lat] pairs, back to WGS-84. */
export function lineFromMap(line: readonly (readonly [number, number])[], crs: Crs): [number, number][] {
  return line.map(([lng, lat]) => {
    const p = fromMap({ lng, lat }, crs)
    return [p.lng, p.lat]
  })
}
