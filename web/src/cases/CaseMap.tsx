import type { LngLatBoundsLike, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { type BaseMap, styleOver, useBaseMap } from '../map/basemap'
import { fromMap, toMap } from '../map/crs'
import { fitTo } from '../map/fit'
import { GridLegend } from '../map/GridLegend'
import { GRID_SOURCE, gridLayers, gridSource } from '../map/gridLayer'
import { gridLabelLayer } from '../map/labels'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import { clickPick } from '../map/pointPick'
import { useMarker } from '../map/useMarker'
import type { Point } from './cases.api'

const DEFAULT_ZOOM = 12
/** Close enough to see the micro-grid around the point. */
const POINT_ZOOM = 15
const FIT_PADDING = 24

/** The grid tiles with their names, lighter than on the grid page, or the base map alone. */
function caseStyle(base: BaseMap, tiles: boolean): StyleSpecification {
  return tiles
    ? styleOver(base, { [GRID_SOURCE]: gridSource(base.crs) }, [
        ...gridLayers('light'),
        gridLabelLayer(GRID_SOURCE),
      ])
    : styleOver(base, {}, [])
}

interface CaseMapProps {
  /** Where the event is: a marker, and the view opens on it. */
  point: Point | null
  /** Where the view opens while there is no point yet (the reporter's own area). */
  bounds?: LngLatBoundsLike | null
  /** A click on the map picks the point (the create page); without it the map only shows. */
  onPick?: (point: Point) => void
  /** Bumped when the point was set from outside the map (the phone's location): the view goes to it. */
  follow?: number
  /** The tiles need grid.read: without it the map shows the marker alone. */
  tiles: boolean
  height: number | string
}

export function CaseMap(props: CaseMapProps) {
  const base = useBaseMap()
  const box = { position: 'relative', height: props.height, width: '100%' } as const
  return (
    <div style={box}>
      {base && <CaseMapOver base={base} {...props} />}
      {base && props.tiles && <GridLegend />}
    </div>
  )
}

/** Points in and out are WGS-84; on a GCJ-02 base map they are shifted onto it and back. */
function CaseMapOver({
  base,
  point: given,
  bounds,
  onPick,
  follow = 0,
  tiles,
}: CaseMapProps & { base: BaseMap }) {
  const point = given ? toMap(given, base.crs) : null
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
      mapStyle={caseStyle(base, tiles)}
      center={start ? [start.lng, start.lat] : DEFAULT_CENTER}
      zoom={start ? POINT_ZOOM : DEFAULT_ZOOM}
      onMap={setMap}
      attribution={base.attribution}
      {...clickPick(onPick && ((picked) => onPick(fromMap(picked, base.crs))))}
      testId="case-map"
      style={{ position: 'absolute', inset: 0, border: '1px solid #f0f0f0', borderRadius: 6 }}
    />
  )
}
