import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type ExpressionSpecification,
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  type StyleSpecification,
  setWorkerUrl,
  type VectorTileSource,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef } from 'react'
import type { Grid } from '../api/types'

// The worker is bundled as its own asset: MapLibre cannot find it from a bundled chunk by itself.
setWorkerUrl(workerUrl)

const DEFAULT_CENTER: [number, number] = [104.06, 30.66]
const DEFAULT_ZOOM = 12
const FIT_PADDING = 40
/** Width of the details card over the map's right side, and the map width from which a fit keeps clear of it. */
const CARD_WIDTH = 320
const WIDE_MAP = 3 * CARD_WIDTH
type SourceData = Parameters<GeoJSONSource['setData']>[0]
const EMPTY: SourceData = { type: 'FeatureCollection', features: [] }

/** Line colour and width by level, root to leaf. */
const lineColor: ExpressionSpecification = [
  'match',
  ['get', 'level'],
  'district',
  '#cf1322',
  'street',
  '#d46b08',
  'community',
  '#389e0d',
  'grid',
  '#1677ff',
  'micro',
  '#8c8c8c',
  '#595959',
]
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

/** Absolute, as MapLibre fetches tiles from a worker; a new version skips the tiles cached before an import. */
function tileUrl(version: number) {
  const url = `${window.location.origin}/tiles/grids/{z}/{x}/{y}.mvt`
  return version === 0 ? url : `${url}?v=${version}`
}

// No base map: the product works offline, so the grids are drawn over a plain background.
function gridStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      grids: {
        type: 'vector',
        tiles: [tileUrl(0)],
        minzoom: 0,
        maxzoom: 15,
      },
      selected: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f5f3ef' } },
      {
        id: 'grids-fill',
        type: 'fill',
        source: 'grids',
        'source-layer': 'grids',
        paint: { 'fill-color': '#1677ff', 'fill-opacity': 0 },
      },
      {
        id: 'grids-line',
        type: 'line',
        source: 'grids',
        'source-layer': 'grids',
        paint: { 'line-color': lineColor, 'line-width': lineWidth },
      },
      {
        id: 'selected-fill',
        type: 'fill',
        source: 'selected',
        paint: { 'fill-color': '#faad14', 'fill-opacity': 0.25 },
      },
      {
        id: 'selected-line',
        type: 'line',
        source: 'selected',
        paint: { 'line-color': '#fa8c16', 'line-width': 3 },
      },
    ],
  }
}

/** The box of a Polygon or MultiPolygon, as MapLibre's bounds. */
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

interface GridMapProps {
  /** The grid whose boundary is highlighted. */
  selected: Grid | null
  /** Where the view goes: a district at first, then what is picked in the tree or the search. */
  focus: Grid | null
  onPick: (code: string) => void
  /** Bumped when the grids change (an import): the tiles are fetched again. */
  tilesVersion: number
}

export function GridMap({ selected, focus, onPick, tilesVersion }: GridMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const styleReady = useRef(false)
  const pick = useRef(onPick)
  pick.current = onPick

  useEffect(() => {
    if (!container.current) return
    const map = new MapLibreMap({
      container: container.current,
      style: gridStyle(),
      center: DEFAULT_CENTER,
      zoom: DEFAULT_ZOOM,
      attributionControl: false,
    })
    mapRef.current = map
    map.once('load', () => {
      styleReady.current = true
    })
    map.on('click', (event) => {
      const features = map.queryRenderedFeatures(event.point, { layers: ['grids-fill'] })
      // Several levels overlap at a point: the deepest (the longest code) is the one meant.
      const codes = features.map((f) => String(f.properties.code ?? '')).filter((code) => code !== '')
      const deepest = codes.reduce((best, code) => (code.length > best.length ? code : best), '')
      if (deepest) pick.current(deepest)
    })
    return () => {
      map.remove()
      mapRef.current = null
      styleReady.current = false
    }
  }, [])

  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    const code = selected?.code ?? ''
    const paint = () => {
      map.setPaintProperty('grids-fill', 'fill-opacity', ['case', ['==', ['get', 'code'], code], 0.15, 0])
      const data: SourceData = selected
        ? {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: { code }, geometry: selected.boundary }],
          }
        : EMPTY
      const source = map.getSource('selected') as GeoJSONSource | undefined
      source?.setData(data)
    }
    // isStyleLoaded() is false again while tiles load; the style itself loads once.
    if (styleReady.current) paint()
    else void map.once('load', paint)
  }, [selected])

  useEffect(() => {
    if (tilesVersion === 0) return
    const source = mapRef.current?.getSource('grids') as VectorTileSource | undefined
    source?.setTiles([tileUrl(tilesVersion)])
  }, [tilesVersion])

  useEffect(() => {
    const map = mapRef.current
    if (!focus || !map) return
    const right = map.getContainer().clientWidth >= WIDE_MAP ? CARD_WIDTH + FIT_PADDING : FIT_PADDING
    const padding = { top: FIT_PADDING, bottom: FIT_PADDING, left: FIT_PADDING, right }
    map.fitBounds(boundsOf(focus.boundary), { padding, duration: 0 })
  }, [focus])

  return <div ref={container} data-testid="grid-map" style={{ position: 'absolute', inset: 0 }} />
}
