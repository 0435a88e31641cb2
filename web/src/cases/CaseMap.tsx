import type { LngLatBoundsLike, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { fitTo } from '../map/fit'
import { GRID_SOURCE, gridLayers, gridSource } from '../map/gridLayer'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import { plainStyle } from '../map/mapStyle'
import { clickPick } from '../map/pointPick'
import { useMarker } from '../map/useMarker'
import type { Point } from './cases.api'

const DEFAULT_ZOOM = 12
/** Close enough to see the micro-grid around the point. */
const POINT_ZOOM = 15
const FIT_PADDING = 24

/** The grid tiles, lighter than on the grid page, or the background alone. */
function caseStyle(tiles: boolean): StyleSpecification {
  return tiles ? plainStyle({ [GRID_SOURCE]: gridSource() }, gridLayers('light')) : plainStyle({}, [])
}

interface CaseMapProps {
  /** Where the event is: a marker, and the view opens on it. */
  point: Point | null
  /** Where the view opens while there is no point yet (the reporter's own area). */
  bounds?: LngLatBoundsLike | null
  /** A click on the map picks the point (the create page); without it the map only shows. */
  onPick?: (point: Point) => void
  /** The tiles need grid.read: without it the map shows the marker alone. */
  /** Bumped when the point was set from outside the map (the phone's location): the view goes to it. */
  follow?: number
  tiles: boolean
  height: number | string
}

export function CaseMap({ point, bounds, onPick, follow = 0, tiles, height }: CaseMapProps) {
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const picking = onPick !== undefined
  const initial = useRef(point)
  // The area's fit must not move the view away from a point already there (picked before it loaded).
  const current = useRef(point)
  current.current = point
  const lng = point?.lng
  const lat = point?.lat
  const start = initial.current

  useMarker(map, point, { color: '#cf1322', testId: 'case-marker' })

  useEffect(() => {
    if (!map || !bounds || current.current) return
    fitTo(map, bounds, FIT_PADDING)
  }, [map, bounds])

  // By coordinates: a reloaded case with the same point leaves the view where the reader moved it.
  // A picked point stays where it was clicked; a shown one is the centre of the view.
  useEffect(() => {
    if (!map || picking || lng === undefined || lat === undefined) return
    map.jumpTo({ center: [lng, lat] })
  }, [map, lng, lat, picking])

  useEffect(() => {
    const at = current.current
    if (!map || follow === 0 || !at) return
    map.jumpTo({ center: [at.lng, at.lat], zoom: Math.max(map.getZoom(), POINT_ZOOM) })
  }, [map, follow])

  return (
    <MapView
      // The style and the pick are read when the map is made: a change makes a new map.
      key={`${tiles}:${picking}`}
      mapStyle={caseStyle(tiles)}
      center={start ? [start.lng, start.lat] : DEFAULT_CENTER}
      zoom={start ? POINT_ZOOM : DEFAULT_ZOOM}
      onMap={setMap}
      {...clickPick(onPick)}
      testId="case-map"
      style={{ position: 'relative', height, width: '100%', border: '1px solid #f0f0f0', borderRadius: 6 }}
    />
  )
}
