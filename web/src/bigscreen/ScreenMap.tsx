import { useQuery } from '@tanstack/react-query'
import type {
  ExpressionSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { EVENTS, EVENTS_HEAT, eventFeatures, liveLayers, liveSources, WORKER_LAYER } from '../command/layers'
import { type Box, boxParam } from '../command/liveMap.api'
import { type BaseMap, styleOver } from '../map/basemap'
import { boxToMap, toMap } from '../map/crs'
import { fitTo } from '../map/fit'
import { deepestGridAt, GRID_FILL, GRID_SOURCE, gridLayers, gridSource } from '../map/gridLayer'
import { gridLabelLayer } from '../map/labels'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import { REFRESH_MS, type Screen } from './bigscreen.api'
import styles from './bigscreen.module.css'

const NIGHT = '#041127'
/** The most a side of the box /api/cases/map takes (degrees). */
const MAX_SIDE = 2
/** The newest open events drawn: a wall shows where they gather, not each of a city's thousands. */
const POINTS = 1000

/**
 * The grids in night colours: the city's own boundaries from the product's tiles (never a downloaded
 * map of China), names in light type, the events over them as the live map draws them.
 */
function nightStyle(base: BaseMap) {
  const grids = gridLayers('full').map((layer) =>
    layer.type === 'line' ? { ...layer, paint: { ...layer.paint, 'line-opacity': 0.8 } } : layer,
  )
  const label = gridLabelLayer(GRID_SOURCE)
  const labels = {
    ...label,
    paint: { 'text-color': '#d6e4ff', 'text-halo-color': NIGHT, 'text-halo-width': 1.5 },
  } as LayerSpecification
  const style = styleOver(base, { [GRID_SOURCE]: gridSource(base.crs), ...liveSources }, [
    ...grids,
    labels,
    ...liveLayers.filter((l) => l.id !== WORKER_LAYER),
  ])
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
  screen,
  onDrill,
}: {
  base: BaseMap
  screen: Screen
  onDrill: (code: string) => void
}) {
  const { t } = useTranslation()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [loaded, setLoaded] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  const { scope, ranking } = screen
  const bbox = scope.bbox as Box | null
  const latest = useRef(screen)
  latest.current = screen

  const fetchable = bbox && bbox[2] - bbox[0] <= MAX_SIDE && bbox[3] - bbox[1] <= MAX_SIDE
  const events = useQuery({
    queryKey: ['dashboard', 'map', scope.code, bbox],
    queryFn: ({ signal }) =>
      api.get('/api/cases/map', {
        params: {
          query: {
            open: 'true',
            bbox: boxParam(bbox as Box),
            limit: POINTS,
            ...(scope.code ? { grid: scope.code } : {}),
          },
        },
        signal,
      }),
    enabled: !!fetchable,
    refetchInterval: REFRESH_MS,
  })

  useEffect(() => {
    if (!map || !loaded || !bbox) return
    fitTo(map, boxToMap(bbox, base.crs), 24)
  }, [map, loaded, bbox, base.crs])

  useEffect(() => {
    if (!map || !loaded) return
    map.setPaintProperty(GRID_FILL, 'fill-color', '#1677ff')
    map.setPaintProperty(GRID_FILL, 'fill-opacity', childFill(scope, ranking))
  }, [map, loaded, scope, ranking])

  useEffect(() => {
    if (!map || !loaded) return
    const data = eventFeatures(events.data?.items ?? [], null, base.crs)
    ;(map.getSource(EVENTS) as GeoJSONSource | undefined)?.setData(data)
    ;(map.getSource(EVENTS_HEAT) as GeoJSONSource | undefined)?.setData(data)
  }, [map, loaded, events.data, base.crs])

  const centre = toMap({ lng: DEFAULT_CENTER[0], lat: DEFAULT_CENTER[1] }, base.crs)
  return (
    <div ref={box} className={styles.map} data-testid="screen-map">
      <MapView
        mapStyle={nightStyle(base)}
        attribution={base.attribution}
        center={[centre.lng, centre.lat]}
        zoom={10}
        northUp
        onMap={(made) => {
          setMap(made)
          setLoaded(false)
          made?.once('idle', () => {
            if (box.current) box.current.dataset.drawn = 'true'
          })
        }}
        onLoad={() => setLoaded(true)}
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
