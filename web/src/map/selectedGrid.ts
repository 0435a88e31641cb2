import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl'
import type { Grid } from '../api/types'
import { GRID_FILL } from './gridLayer'

type SourceData = Parameters<GeoJSONSource['setData']>[0]
const EMPTY: SourceData = { type: 'FeatureCollection', features: [] }
const SOURCE = 'selected'

/** The source that holds the selected grid's boundary (empty at first). */
export const selectedGridSource: SourceSpecification = { type: 'geojson', data: EMPTY }

/** The selected grid, in orange over the grids' lines. */
export const selectedGridLayers: LayerSpecification[] = [
  {
    id: 'selected-fill',
    type: 'fill',
    source: SOURCE,
    paint: { 'fill-color': '#faad14', 'fill-opacity': 0.25 },
  },
  { id: 'selected-line', type: 'line', source: SOURCE, paint: { 'line-color': '#fa8c16', 'line-width': 3 } },
]

/** Highlights one grid (or none): its tile shape tinted, its boundary outlined. Needs the style loaded. */
export function showSelectedGrid(map: MapLibreMap, grid: Pick<Grid, 'code' | 'boundary'> | null) {
  const code = grid?.code ?? ''
  map.setPaintProperty(GRID_FILL, 'fill-opacity', ['case', ['==', ['get', 'code'], code], 0.15, 0])
  const data: SourceData = grid
    ? {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code }, geometry: grid.boundary }],
      }
    : EMPTY
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined
  source?.setData(data)
}
