import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl'

type Lines = Parameters<GeoJSONSource['setData']>[0]
const SOURCE = 'graticule'

/**
 * Light lines every "round" step over the visible area, for a map with no tiles (the grid tiles need a
 * sign-in, and a base map needs the network): they show that the map moves.
 */
export const graticuleSource: SourceSpecification = {
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
}
export const graticuleLayer: LayerSpecification = {
  id: 'graticule',
  type: 'line',
  source: SOURCE,
  paint: { 'line-color': '#d9d4ca', 'line-width': 1 },
}

/** Draws the lines for the current view: on load and after every move. */
export function drawGraticule(map: MapLibreMap) {
  ;(map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(linesOver(map))
}

function linesOver(map: MapLibreMap): Lines {
  const b = map.getBounds()
  const span = Math.max(b.getEast() - b.getWest(), b.getNorth() - b.getSouth())
  const magnitude = 10 ** Math.floor(Math.log10(span / 6))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= 12) ?? magnitude * 10
  const lines: [number, number][][] = []
  for (let x = Math.floor(b.getWest() / step) * step; x <= b.getEast(); x += step)
    lines.push([
      [x, b.getSouth() - step],
      [x, b.getNorth() + step],
    ])
  for (let y = Math.floor(b.getSouth() / step) * step; y <= b.getNorth(); y += step)
    lines.push([
      [b.getWest() - step, y],
      [b.getEast() + step, y],
    ])
  return {
    type: 'FeatureCollection',
    features: lines.map((coordinates) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates },
    })),
  }
}
