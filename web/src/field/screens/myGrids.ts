import type { LayerSpecification } from 'maplibre-gl'
import type { MyGrid } from '../sync/today'

/** The GeoJSON source of the worker's own grids' outlines (kept on the phone: drawn offline). */
export const MY_GRIDS = 'my-grids'

/** A light tint inside and a strong line around the worker's own grids. */
export const myGridLayers: LayerSpecification[] = [
  {
    id: 'my-grids-fill',
    type: 'fill',
    source: MY_GRIDS,
    paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.06 },
  },
  {
    id: 'my-grids-line',
    type: 'line',
    source: MY_GRIDS,
    paint: { 'line-color': '#1677ff', 'line-width': 2.5 },
  },
]

export function outlineData(grids: MyGrid[]) {
  return {
    type: 'FeatureCollection' as const,
    features: grids.flatMap((g) =>
      g.boundary ? [{ type: 'Feature' as const, properties: { code: g.code }, geometry: g.boundary }] : [],
    ),
  }
}
