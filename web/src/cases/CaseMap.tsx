import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type ExpressionSpecification,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  Marker,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import type { Point } from './cases.api'

// As on the grid page: MapLibre cannot find its worker from a bundled chunk by itself.
setWorkerUrl(workerUrl)

const DEFAULT_CENTER: [number, number] = [104.06, 30.66]
const DEFAULT_ZOOM = 12
/** Close enough to see the micro-grid around the point. */
const POINT_ZOOM = 15
const FIT_PADDING = 24

// The grid page's colours by level (grids/GridMap.tsx), lighter: here the point matters, not the grids.
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
  '#8c8c8c',
]

/** The grid tiles over a plain background (no base map: the product works offline), or the background alone. */
function caseStyle(tiles: boolean): StyleSpecification {
  return {
    version: 8,
    sources: tiles
      ? {
          grids: {
            type: 'vector',
            // Absolute: MapLibre fetches tiles from its worker.
            tiles: [`${window.location.origin}/tiles/grids/{z}/{x}/{y}.mvt`],
            minzoom: 0,
            maxzoom: 15,
          },
        }
      : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f5f3ef' } },
      ...(tiles
        ? [
            {
              id: 'grids-line',
              type: 'line' as const,
              source: 'grids',
              'source-layer': 'grids',
              paint: { 'line-color': lineColor, 'line-width': 1.5, 'line-opacity': 0.8 },
            },
          ]
        : []),
    ],
  }
}

interface CaseMapProps {
  /** Where the event is: a marker, and the view opens on it. */
  point: Point | null
  /** Where the view opens while there is no point yet (the reporter's own area). */
  bounds?: LngLatBoundsLike | null
  /** A click on the map picks the point (the create page); without it the map only shows. */
  onPick?: (point: Point) => void
  /** The tiles need grid.read: without it the map shows the marker alone. */
  tiles: boolean
  height: number | string
}

export function CaseMap({ point, bounds, onPick, tiles, height }: CaseMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const markerRef = useRef<Marker | null>(null)
  const pick = useRef(onPick)
  pick.current = onPick
  const picking = onPick !== undefined
  const initial = useRef(point)
  // The area's fit must not move the view away from a point already there (picked before it loaded).
  const current = useRef(point)
  current.current = point
  const lng = point?.lng
  const lat = point?.lat

  useEffect(() => {
    if (!container.current) return
    const start = initial.current
    const created = new MapLibreMap({
      container: container.current,
      style: caseStyle(tiles),
      center: start ? [start.lng, start.lat] : DEFAULT_CENTER,
      zoom: start ? POINT_ZOOM : DEFAULT_ZOOM,
      attributionControl: false,
    })
    if (picking) {
      created.getCanvas().style.cursor = 'crosshair'
      created.on('click', (event) => pick.current?.({ lng: event.lngLat.lng, lat: event.lngLat.lat }))
    }
    setMap(created)
    return () => {
      markerRef.current = null
      setMap(null)
      created.remove()
    }
  }, [tiles, picking])

  useEffect(() => {
    if (!map || !bounds || current.current) return
    map.fitBounds(bounds, { padding: FIT_PADDING, duration: 0 })
  }, [map, bounds])

  // By coordinates: a reloaded case with the same point leaves the view where the reader moved it.
  useEffect(() => {
    if (!map) return
    if (lng === undefined || lat === undefined) {
      markerRef.current?.remove()
      markerRef.current = null
      return
    }
    if (!markerRef.current) {
      const marker = new Marker({ color: '#cf1322' })
      marker.getElement().dataset.testid = 'case-marker'
      markerRef.current = marker
    }
    markerRef.current.setLngLat([lng, lat]).addTo(map)
    // A picked point stays where it was clicked; a shown one is the centre of the view.
    if (!picking) map.jumpTo({ center: [lng, lat] })
  }, [map, lng, lat, picking])

  return (
    <div
      ref={container}
      data-testid="case-map"
      style={{ position: 'relative', height, width: '100%', border: '1px solid #f0f0f0', borderRadius: 6 }}
    />
  )
}
