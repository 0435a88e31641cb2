import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl'

/** The paper colour under every map. */
export const BACKGROUND = '#f5f3ef'

/** A style with no base map (the product works offline): a plain background, then the given layers. */
export function plainStyle(
  sources: Record<string, SourceSpecification>,
  layers: LayerSpecification[],
): StyleSpecification {
  return {
    version: 8,
    sources,
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }, ...layers],
  }
}
