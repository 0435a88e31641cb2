import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'
import { type CSSProperties, useEffect, useRef, useState } from 'react'
import type { Grid } from '../api/types'
import { type BaseMap, styleOver } from '../map/basemap'
import { boundaryToMap, boxToMap, toMap } from '../map/crs'
import { fitTo } from '../map/fit'
import { deepestGridAt, GRID_SOURCE, gridLayers, gridSource } from '../map/gridLayer'
import { gridLabelLayer } from '../map/labels'
import { MapView } from '../map/MapView'
import { selectedGridLayers, selectedGridSource, showSelectedGrid } from '../map/selectedGrid'
import { viewBox } from './box'
import {
  addWorkerIcon,
  CLUSTER_LAYER,
  EVENTS,
  EVENTS_HEAT,
  eventFeatures,
  HEAT_LAYER,
  liveLayers,
  liveSources,
  POINT_LAYER,
  WORKER_LAYER,
  WORKERS,
  workerFeatures,
} from './layers'
import type { Box, MapPoint, WorkerPosition } from './liveMap.api'

export interface LayerToggles {
  events: boolean
  heat: boolean
  workers: boolean
}

/** Where the map opens (WGS-84): a point and zoom from the URL, else the reader's area once known. */
export interface StartView {
  center: [number, number]
  zoom: number
}

const FIT_PADDING = 40
/** A click this close to an event (in pixels) picks it: a dot is small under a finger. */
const HIT = 8

function liveStyle(base: BaseMap, tiles: boolean) {
  // The grids stay under the events, a little lighter: the lights are what the eye looks for.
  const grids: LayerSpecification[] = gridLayers('full').map((layer) =>
    layer.type === 'line' ? { ...layer, paint: { ...layer.paint, 'line-opacity': 0.65 } } : layer,
  )
  return styleOver(
    base,
    {
      ...(tiles ? { [GRID_SOURCE]: gridSource(base.crs), selected: selectedGridSource } : {}),
      ...liveSources,
    },
    [...(tiles ? [...grids, ...selectedGridLayers, gridLabelLayer(GRID_SOURCE)] : []), ...liveLayers],
  )
}

interface LiveMapProps {
  base: BaseMap
  /** The reader holds grid.read: the grid tiles are drawn and a grid can be picked. */
  tiles: boolean
  start: StartView
  /** The box to show once, when the start view came from no URL (the reader's first area). */
  fitBox: Box | null
  points: MapPoint[]
  workers: WorkerPosition[]
  layers: LayerToggles
  selectedEvent: string | null
  selectedGrid: Grid | null
  onView: (box: Box) => void
  onPickEvent: (id: string) => void
  onPickGrid: (code: string | null) => void
  style: CSSProperties
}

/**
 * The live map: grid outlines and names from the product's tiles, the events coloured by their light
 * (clustered when zoomed out, or as heat), and the workers on patrol with their names. The container
 * says how many events its source holds (`data-count`).
 */
export function LiveMap({
  base,
  tiles,
  start,
  fitBox,
  points,
  workers,
  layers,
  selectedEvent,
  selectedGrid,
  onView,
  onPickEvent,
  onPickGrid,
  style,
}: LiveMapProps) {
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [loaded, setLoaded] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  const fitted = useRef(false)
  const { crs } = base

  useEffect(() => {
    if (!map || !loaded) return
    const data = eventFeatures(points, selectedEvent, crs)
    ;(map.getSource(EVENTS) as GeoJSONSource | undefined)?.setData(data)
    ;(map.getSource(EVENTS_HEAT) as GeoJSONSource | undefined)?.setData(data)
    if (box.current) box.current.dataset.count = String(data.features.length)
  }, [map, loaded, points, selectedEvent, crs])

  useEffect(() => {
    if (!map || !loaded) return
    ;(map.getSource(WORKERS) as GeoJSONSource | undefined)?.setData(workerFeatures(workers, crs))
  }, [map, loaded, workers, crs])

  useEffect(() => {
    if (!map || !loaded) return
    const show = (id: string, on: boolean) => map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none')
    for (const id of [CLUSTER_LAYER, `${CLUSTER_LAYER}-count`, POINT_LAYER]) show(id, layers.events)
    show(HEAT_LAYER, layers.heat)
    show(WORKER_LAYER, layers.workers)
  }, [map, loaded, layers])

  useEffect(() => {
    if (!map || !loaded || !tiles) return
    showSelectedGrid(
      map,
      selectedGrid && { ...selectedGrid, boundary: boundaryToMap(selectedGrid.boundary, crs) },
    )
  }, [map, loaded, tiles, selectedGrid, crs])

  useEffect(() => {
    if (!map || !fitBox || fitted.current) return
    fitted.current = true
    fitTo(map, boxToMap(fitBox, crs), FIT_PADDING)
  }, [map, fitBox, crs])

  const pick = async (clicked: MapLibreMap, at: { x: number; y: number }) => {
    const near: [[number, number], [number, number]] = [
      [at.x - HIT, at.y - HIT],
      [at.x + HIT, at.y + HIT],
    ]
    const shown = [CLUSTER_LAYER, POINT_LAYER].filter((id) => clicked.getLayer(id))
    const hit = layers.events ? clicked.queryRenderedFeatures(near, { layers: shown })[0] : undefined
    const clusterId = hit?.properties.cluster_id as number | undefined
    if (hit && clusterId !== undefined && hit.geometry.type === 'Point') {
      const source = clicked.getSource(EVENTS) as GeoJSONSource
      const zoom = await source.getClusterExpansionZoom(clusterId)
      const [lng = 0, lat = 0] = hit.geometry.coordinates
      clicked.easeTo({ center: [lng, lat], zoom })
      return
    }
    if (hit) {
      onPickEvent(String(hit.properties.id))
      return
    }
    onPickGrid(tiles ? deepestGridAt(clicked, at) : null)
  }

  return (
    <div ref={box} data-testid="live-map" style={style}>
      <MapView
        mapStyle={liveStyle(base, tiles)}
        attribution={base.attribution}
        center={(() => {
          const c = toMap({ lng: start.center[0], lat: start.center[1] }, crs)
          return [c.lng, c.lat]
        })()}
        zoom={start.zoom}
        onMap={(created) => {
          setMap(created)
          setLoaded(false)
          if (!created) return
          addWorkerIcon(created)
          for (const id of [CLUSTER_LAYER, POINT_LAYER]) {
            created.on('mouseenter', id, () => {
              created.getCanvas().style.cursor = 'pointer'
            })
            created.on('mouseleave', id, () => {
              created.getCanvas().style.cursor = ''
            })
          }
        }}
        onLoad={(ready) => {
          setLoaded(true)
          onView(viewBox(ready, crs))
        }}
        onMoveEnd={(_event, moved) => onView(viewBox(moved, crs))}
        onClick={(event, clicked) => void pick(clicked, event.point)}
        testId="live-map-canvas"
        style={{ position: 'absolute', inset: 0 }}
      />
    </div>
  )
}
