import type { LngLatBoundsLike, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl'
import type { Grid } from '../api/types'

/** The box of a grid's Polygon or MultiPolygon, as MapLibre's bounds. */
export function boundsOf(boundary: Grid['boundary']): LngLatBoundsLike {
  const rings = boundary.type === 'Polygon' ? boundary.coordinates : boundary.coordinates.flat()
  let [west, south, east, north] = [180, 90, -180, -90]
  for (const ring of rings) {
    for (const [lng = 0, lat = 0] of ring) {
      west = Math.min(west, lng)
      east = Math.max(east, lng)
      south = Math.min(south, lat)
      north = Math.max(north, lat)
    }
  }
  return [west, south, east, north]
}

/** Shows the whole box at once (no flight): a grid, or the reader's own area. */
export function fitTo(map: MapLibreMap, bounds: LngLatBoundsLike, padding: number | PaddingOptions) {
  map.fitBounds(bounds, { padding, duration: 0 })
}
