import type { LayerSpecification, VectorSourceSpecification } from 'maplibre-gl'
import type { Crs } from './crs'
import { lineColor } from './gridLayer'
import { gridLabelLayer } from './labels'

/** The public tiles' source: outlines and names of the coarse levels, for everyone (no sign-in). */
export const PUBLIC_GRIDS = 'public-grids'

/**
 * `/tiles/public/{z}/{x}/{y}.mvt` stops at zoom 15; closer views enlarge those tiles. Over a GCJ-02
 * base map the server shifts the outlines onto it (`crs=gcj02`).
 */
export function publicGridSource(crs: Crs): VectorSourceSpecification {
  const url = `${window.location.origin}/tiles/public/{z}/{x}/{y}.mvt${crs === 'gcj02' ? '?crs=gcj02' : ''}`
  return { type: 'vector', tiles: [url], minzoom: 0, maxzoom: 15 }
}

/** Outlines a resident can aim by, and their names. */
export function publicGridLayers(): LayerSpecification[] {
  return [
    {
      id: 'public-grids-line',
      type: 'line',
      source: PUBLIC_GRIDS,
      'source-layer': 'grids',
      paint: {
        'line-color': lineColor('#595959'),
        'line-width': ['match', ['get', 'level'], 'district', 3, 'street', 2.5, 2],
        'line-opacity': 0.85,
      },
    },
    gridLabelLayer(PUBLIC_GRIDS),
  ]
}
