import type {
  ExpressionSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  VectorSourceSpecification,
  VectorTileSource,
} from 'maplibre-gl'
import type { Crs } from './crs'

/** The vector tile source of the grids, and its one layer in each tile. */
export const GRID_SOURCE = 'grids'
/** The grids' transparent fill: what a click finds (queryRenderedFeatures) and what a selection tints. */
export const GRID_FILL = 'grids-fill'

/**
 * Absolute, as MapLibre fetches tiles from a worker; a new version skips the tiles cached before an
 * import; over a GCJ-02 base map the server shifts the grids onto it (`crs=gcj02`).
 */
function tileUrl(version: number, crs: Crs) {
  const query = [version === 0 ? '' : `v=${version}`, crs === 'gcj02' ? 'crs=gcj02' : ''].filter(Boolean)
  const url = `${window.location.origin}/tiles/grids/{z}/{x}/{y}.mvt`
  return query.length === 0 ? url : `${url}?${query.join('&')}`
}

/** The grid tiles (`/tiles/grids/{z}/{x}/{y}.mvt`, which need grid.read). */
export function gridSource(crs: Crs = 'wgs84'): VectorSourceSpecification {
  return { type: 'vector', tiles: [tileUrl(0, crs)], minzoom: 0, maxzoom: 15 }
}

/** Fetches the tiles again after the grids changed (an import). */
export function setGridTilesVersion(map: MapLibreMap, version: number, crs: Crs = 'wgs84') {
  const source = map.getSource(GRID_SOURCE) as VectorTileSource | undefined
  source?.setTiles([tileUrl(version, crs)])
}

/** Line colour by level, root to leaf (the legend's too). */
export const LEVEL_COLORS = {
  district: '#cf1322',
  street: '#d46b08',
  community: '#389e0d',
  grid: '#1677ff',
  micro: '#8c8c8c',
} as const

/** Line colour by level; `other` for a level a deployment's own scheme adds. */
export function lineColor(other: string): ExpressionSpecification {
  // The pairs are spread from the table, which the expression's tuple type cannot follow.
  return [
    'match',
    ['get', 'level'],
    ...Object.entries(LEVEL_COLORS).flat(),
    other,
  ] as unknown as ExpressionSpecification
}

const lineWidth: ExpressionSpecification = [
  'match',
  ['get', 'level'],
  'district',
  3,
  'street',
  2.5,
  'community',
  2,
  'grid',
  1.5,
  1,
]

/**
 * The grids' layers. In full (the grid page) every level has its width, and a transparent fill takes
 * clicks and shows the selection; light (a case's map) draws thin lines only: there the point matters,
 * not the grids.
 */
export function gridLayers(look: 'full' | 'light'): LayerSpecification[] {
  const tiles = { source: GRID_SOURCE, 'source-layer': 'grids' }
  if (look === 'light') {
    return [
      {
        id: 'grids-line',
        type: 'line',
        ...tiles,
        paint: { 'line-color': lineColor('#8c8c8c'), 'line-width': 1.5, 'line-opacity': 0.8 },
      },
    ]
  }
  return [
    { id: GRID_FILL, type: 'fill', ...tiles, paint: { 'fill-color': '#1677ff', 'fill-opacity': 0 } },
    {
      id: 'grids-line',
      type: 'line',
      ...tiles,
      paint: { 'line-color': lineColor('#595959'), 'line-width': lineWidth },
    },
  ]
}

/** The deepest grid drawn at a click: several levels overlap at a point, and the longest code is the one meant. */
export function deepestGridAt(map: MapLibreMap, point: { x: number; y: number }): string | null {
  const features = map.queryRenderedFeatures([point.x, point.y], { layers: [GRID_FILL] })
  const codes = features.map((f) => String(f.properties.code ?? '')).filter((code) => code !== '')
  const deepest = codes.reduce((best, code) => (code.length > best.length ? code : best), '')
  return deepest || null
}
