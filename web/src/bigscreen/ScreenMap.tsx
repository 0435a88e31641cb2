import { useQuery } from '@tanstack/react-query'
import {
  type ExpressionSpecification,
  type GeoJSONSource,
  type LayerSpecification,
  type Map as MapLibreMap,
  prewarm,
} from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EVENTS, eventFeatures, liveLayers, liveSources } from '../command/layers'
import type { Box } from '../command/liveMap.api'
import { type BaseMap, styleOver } from '../map/basemap'
import { boxToMap, toMap } from '../map/crs'
import { fitTo } from '../map/fit'
import { deepestGridAt, GRID_FILL, GRID_SOURCE, gridLayers, gridSource } from '../map/gridLayer'
import { gridLabelLayer } from '../map/labels'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import { REFRESH_MS, type Screen, screenEventsQuery } from './bigscreen.api'
import styles from './bigscreen.module.css'

// MapLibre's worker is started as this chunk is read, not when the map is made: its script is
// fetched and compiled while the rest of the wall renders.
prewarm()

const NIGHT = '#041127'
/** Space round the scope's box on the map, in pixels. */
const PADDING = 24

type Features = ReturnType<typeof eventFeatures>
const EMPTY: Features = { type: 'FeatureCollection', features: [] }

/**
 * The grids in night colours: the city's own boundaries from the product's tiles (never a downloaded
 * map of China), names in light type, the events over them as the live map draws them. The
 * children's fill and the events already at hand go in the style itself: a fill by feature set
 * after the tiles were asked for makes MapLibre lay them out twice, and events set later are a
 * second round through its worker.
 */
function nightStyle(base: BaseMap, fill: ExpressionSpecification | number, events: Features | null) {
  const grids = gridLayers('full').map((layer): LayerSpecification => {
    if (layer.type === 'line') return { ...layer, paint: { ...layer.paint, 'line-opacity': 0.8 } }
    if (layer.id === GRID_FILL && layer.type === 'fill')
      return { ...layer, paint: { ...layer.paint, 'fill-color': '#1677ff', 'fill-opacity': fill } }
    return layer
  })
  const label = gridLabelLayer(GRID_SOURCE)
  const labels = {
    ...label,
    paint: { 'text-color': '#d6e4ff', 'text-halo-color': NIGHT, 'text-halo-width': 1.5 },
  } as LayerSpecification
  // The clustered events only: the wall has no heat map to switch on and no workers' badges, so
  // their sources (another index of the same events in MapLibre's worker) are left out.
  const style = styleOver(
    base,
    {
      [GRID_SOURCE]: gridSource(base.crs),
      [EVENTS]: { type: 'geojson', ...liveSources[EVENTS], data: events ?? EMPTY },
    },
    [...grids, labels, ...liveLayers.filter((l) => 'source' in l && l.source === EVENTS)],
  )
  return {
    ...style,
    layers: style.layers.map((l) =>
      l.id === 'background' ? { ...l, paint: { 'background-color': NIGHT } } : l,
    ) as LayerSpecification[],
  }
}

/** The children's fill: brighter the more events each reported in the period. */
function childFill(scope: Screen['scope'], ranking: Screen['ranking']): ExpressionSpecification | number {
  const most = Math.max(1, ...ranking.items.map((i) => i.received))
  const received = new Map(ranking.items.map((i) => [i.code, i.received]))
  if (scope.children.length === 0) return 0
  const pairs = scope.children.flatMap((c) => [c.code, 0.12 + 0.4 * ((received.get(c.code) ?? 0) / most)])
  return ['match', ['get', 'code'], ...pairs, 0] as unknown as ExpressionSpecification
}

/** The child of the scope a grid code lies in: codes carry their ancestors' as prefixes. */
const childHolding = (scope: Screen['scope'], code: string | null) =>
  code ? scope.children.find((c) => code.startsWith(c.code))?.code : undefined

export function ScreenMap({
  base,
  grid,
  screen,
  onDrill,
}: {
  base: BaseMap
  /** The scope asked for (`?grid=`; null for the reader's area): the events are asked by it. */
  grid: string | null
  screen: Screen
  onDrill: (code: string) => void
}) {
  const { t } = useTranslation()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [ready, setReady] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  const { scope, ranking } = screen
  const bbox = scope.bbox as Box | null
  const latest = useRef(screen)
  latest.current = screen

  const events = useQuery({
    ...screenEventsQuery(grid),
    // The events the route asked for on entering are used, not asked again on mounting.
    staleTime: REFRESH_MS / 2,
    refetchInterval: REFRESH_MS,
  })
  // What the map is made with (read once): the scope's box, the children's fill, the events at hand.
  const [opening] = useState(() => {
    const fill = childFill(scope, ranking)
    const items = events.data?.items ?? null
    return {
      bounds: bbox ? boxToMap(bbox, base.crs) : undefined,
      fill: JSON.stringify(fill),
      items,
      style: nightStyle(base, fill, items && eventFeatures(items, null, base.crs)),
    }
  })
  // What the map shows now, so a refresh that changed nothing changes nothing on it.
  const shownBox = useRef(JSON.stringify(bbox))
  const shownFill = useRef(opening.fill)
  const shownItems = useRef(opening.items)
  // The map counts as drawn once it is idle with the scope's events on it.
  const eventsShown = useRef(opening.items !== null)

  useEffect(() => {
    if (!map || !ready || !bbox || JSON.stringify(bbox) === shownBox.current) return
    shownBox.current = JSON.stringify(bbox)
    fitTo(map, boxToMap(bbox, base.crs), PADDING)
  }, [map, ready, bbox, base.crs])

  useEffect(() => {
    if (!map || !ready) return
    const fill = childFill(scope, ranking)
    const key = JSON.stringify(fill)
    if (key === shownFill.current) return
    shownFill.current = key
    map.setPaintProperty(GRID_FILL, 'fill-opacity', fill)
  }, [map, ready, scope, ranking])

  useEffect(() => {
    if (!map || !ready) return
    if (events.isError) eventsShown.current = true
    if (!events.data || events.data.items === shownItems.current) return
    shownItems.current = events.data.items
    const data = eventFeatures(events.data.items, null, base.crs)
    ;(map.getSource(EVENTS) as GeoJSONSource | undefined)?.setData(data)
    // The new data is drawn once MapLibre's worker has it, and the map is idle again after: the mark
    // below is set then.
    eventsShown.current = true
  }, [map, ready, events.data, events.isError, base.crs])

  const centre = toMap({ lng: DEFAULT_CENTER[0], lat: DEFAULT_CENTER[1] }, base.crs)
  return (
    <div ref={box} className={styles.map} data-testid="screen-map">
      <MapView
        mapStyle={opening.style}
        attribution={base.attribution}
        center={[centre.lng, centre.lat]}
        zoom={10}
        // Opened on the scope's box: the first tiles asked for are the ones the wall shows.
        bounds={opening.bounds}
        boundsPadding={PADDING}
        // No fading in of names: the wall is drawn once and refreshed, and each fade is frames to draw.
        fadeDuration={0}
        northUp
        onMap={(made) => {
          setMap(made)
          setReady(false)
          if (!made) return
          // Sources can be given data once the style is read, before its tiles arrive ('load').
          made.once('style.load', () => setReady(true))
          const drawn = () => {
            if (!eventsShown.current || !box.current) return
            box.current.dataset.drawn = 'true'
            made.off('idle', drawn)
          }
          made.on('idle', drawn)
        }}
        onClick={(event, clicked) => {
          const child = childHolding(latest.current.scope, deepestGridAt(clicked, event.point))
          if (child) onDrill(child)
        }}
        testId="screen-map-canvas"
        style={{ position: 'absolute', inset: 0 }}
      />
      {events.data && (
        <span className={styles.mapCount} data-testid="map-count">
          {t('bigscreen.map.open', { count: screen.kpi.open })}
        </span>
      )}
    </div>
  )
}
