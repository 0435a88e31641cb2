import { type QueryClient, useQuery } from '@tanstack/react-query'
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl'
import type { Crs } from './crs'
import { type Basemap, getMapConfig } from './map.api'
import { BACKGROUND } from './mapStyle'

/** What is drawn under the grids, and in which datum its coordinates are. */
export interface BaseMap {
  sources: Record<string, SourceSpecification>
  layers: LayerSpecification[]
  /** Set by a full style from elsewhere (its own glyphs and icons). */
  style?: Pick<StyleSpecification, 'glyphs' | 'sprite'>
  crs: Crs
  attribution: string
}

/** No base map: the paper background alone (the default, and what an unreachable config falls back to). */
export const NO_BASEMAP: BaseMap = { sources: {}, layers: [], crs: 'wgs84', attribution: '' }

/** Tiles fetched by MapLibre's worker need absolute URLs; the server's own are paths. */
const absolute = (url: string) => (url.startsWith('/') ? `${window.location.origin}${url}` : url)

/** A vector base map from a PMTiles archive in the Protomaps schema: water, green, roads and buildings, plainly. */
function vectorLayers(): LayerSpecification[] {
  const src = { source: 'basemap' }
  return [
    { id: 'bm-water', type: 'fill', ...src, 'source-layer': 'water', paint: { 'fill-color': '#cfe3f3' } },
    { id: 'bm-landuse', type: 'fill', ...src, 'source-layer': 'landuse', paint: { 'fill-color': '#e4eedb' } },
    {
      id: 'bm-buildings',
      type: 'fill',
      ...src,
      'source-layer': 'buildings',
      paint: { 'fill-color': '#e6e1d8' },
    },
    {
      id: 'bm-roads',
      type: 'line',
      ...src,
      'source-layer': 'roads',
      paint: { 'line-color': '#ffffff', 'line-width': 1.5 },
    },
  ]
}

async function baseMapOf(basemap: Basemap): Promise<BaseMap> {
  if (basemap.kind === 'none') return NO_BASEMAP
  const { attribution, crs } = basemap
  if (basemap.kind === 'raster') {
    const sources = Object.fromEntries(
      basemap.layers.map((tiles, i): [string, SourceSpecification] => [
        `basemap-${i}`,
        {
          type: 'raster',
          tiles: tiles.map(absolute),
          tileSize: 256,
          minzoom: basemap.minzoom,
          maxzoom: basemap.maxzoom,
        },
      ]),
    )
    const layers = Object.keys(sources).map(
      (source): LayerSpecification => ({ id: source, type: 'raster', source }),
    )
    return { sources, layers, crs, attribution }
  }
  if (basemap.kind === 'vector') {
    const source: SourceSpecification = {
      type: 'vector',
      tiles: basemap.tiles.map(absolute),
      maxzoom: basemap.maxzoom,
    }
    return { sources: { basemap: source }, layers: vectorLayers(), crs, attribution }
  }
  const style = (await (await fetch(basemap.url)).json()) as StyleSpecification
  // Our layers go over the style's: their ids must not clash with its own.
  return {
    sources: style.sources,
    layers: style.layers,
    style: { glyphs: style.glyphs, sprite: style.sprite },
    crs,
    attribution,
  }
}

const baseMapQuery = {
  queryKey: ['map-config'],
  queryFn: async () => baseMapOf((await getMapConfig()).basemap),
  staleTime: Number.POSITIVE_INFINITY,
  retry: 1,
}

/** The deployment's base map, asked once per page; while it loads, undefined. */
export function useBaseMap(): BaseMap | undefined {
  const query = useQuery(baseMapQuery)
  return query.isError ? NO_BASEMAP : query.data
}

/** Asks for the base map before the page that draws it is mounted (a route's loader). */
export function prefetchBaseMap(client: QueryClient) {
  void client.prefetchQuery(baseMapQuery)
}

/** A style: the paper background, the base map, then the given sources and layers. */
export function styleOver(
  base: BaseMap,
  sources: Record<string, SourceSpecification>,
  layers: LayerSpecification[],
): StyleSpecification {
  return {
    version: 8,
    ...(base.style?.glyphs ? { glyphs: base.style.glyphs } : {}),
    ...(base.style?.sprite ? { sprite: base.style.sprite } : {}),
    sources: { ...base.sources, ...sources },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      ...base.layers.filter((l) => l.id !== 'background'),
      ...layers,
    ],
  }
}
