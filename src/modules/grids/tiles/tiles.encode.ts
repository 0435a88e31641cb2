import GeoJSONVT from 'geojson-vt'
import { fromGeojsonVt } from 'vt-pbf'

export interface TileFeature {
  geometry: object
  properties: Record<string, string | number | boolean>
}

const EXTENT = 4096

/** The tile's bounds in degrees [west, south, east, north], widened by `margin` of its size. */
export function tileBounds(z: number, x: number, y: number, margin = 0): [number, number, number, number] {
  const n = 2 ** z
  const lng = (tx: number) => (tx / n) * 360 - 180
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI
  return [lng(x - margin), lat(y + 1 + margin), lng(x + 1 + margin), lat(y - margin)]
}

function layerTile(features: TileFeature[], z: number, x: number, y: number) {
  if (features.length === 0) return null
  const index = new GeoJSONVT(
    { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) } as never,
    { maxZoom: z, indexMaxZoom: 0, indexMaxPoints: 0, buffer: 64, extent: EXTENT, tolerance: 3 },
  )
  const tile = index.getTile(z, x, y)
  return tile && tile.features.length > 0 ? tile : null
}

/**
 * Encodes features (already clipped near the tile) as a Mapbox vector tile, one layer per key (`grids`
 * and `labels`, the layers ST_AsMVT writes). Used where PostGIS lacks its protobuf support (PGlite's build).
 */
export function encodeTile(
  layers: Record<string, TileFeature[]>,
  z: number,
  x: number,
  y: number,
): Uint8Array {
  const tiles = Object.entries(layers).flatMap(([name, features]) => {
    const tile = layerTile(features, z, x, y)
    return tile ? [[name, tile] as const] : []
  })
  if (tiles.length === 0) return new Uint8Array()
  return new Uint8Array(fromGeojsonVt(Object.fromEntries(tiles), { version: 2, extent: EXTENT }))
}
