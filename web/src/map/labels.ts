import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { lineColor } from './gridLayer'

/**
 * Grid names at their label points (the tiles' `labels` layer: one point inside each grid, in one tile).
 * The style has no glyphs URL: MapLibre then draws every character with the browser's own fonts
 * (TinySDF), so Chinese names render offline with whatever CJK font the phone or desk has.
 */
export function gridLabelLayer(source: string): LayerSpecification {
  const size: ExpressionSpecification = [
    'match',
    ['get', 'level'],
    'district',
    16,
    'street',
    14,
    'community',
    13,
    12,
  ]
  return {
    id: `${source}-label`,
    type: 'symbol',
    source,
    'source-layer': 'labels',
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['sans-serif'],
      'text-size': size,
      'text-max-width': 8,
      // Coarser levels first: where names collide, the street's stays.
      'symbol-sort-key': [
        'match',
        ['get', 'level'],
        'district',
        0,
        'street',
        1,
        'community',
        2,
        'grid',
        3,
        4,
      ],
    },
    paint: { 'text-color': lineColor('#595959'), 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  }
}
