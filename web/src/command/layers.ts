import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl'
import { type Crs, toMap } from '../map/crs'
import type { MapPoint, WorkerPosition } from './liveMap.api'

export const EVENTS = 'events'
export const EVENTS_HEAT = 'events-heat'
export const WORKERS = 'workers'
export const CLUSTER_LAYER = 'events-cluster'
export const POINT_LAYER = 'events-point'
export const HEAT_LAYER = 'events-heat'
export const WORKER_LAYER = 'workers-badge'
const WORKER_ICON = 'worker-badge'

/** The traffic light's colours (as the inbox's LightDot), and grey for a case with no running clock. */
export const LIGHT_COLOURS = { red: '#ff4d4f', yellow: '#faad14', green: '#52c41a', none: '#8c8c8c' } as const
export const WORKER_COLOUR = '#722ed1'

const empty = { type: 'FeatureCollection' as const, features: [] }

/**
 * The events twice: clustered for the circles (MapLibre counts each cluster's lights as it builds it,
 * so a cluster takes the colour of its worst light), and plain for the heat map, whose weight must be
 * per event and not per cluster.
 */
export const liveSources: Record<string, GeoJSONSourceSpecification> = {
  [EVENTS]: {
    type: 'geojson',
    data: empty,
    cluster: true,
    clusterRadius: 48,
    clusterMaxZoom: 15,
    clusterProperties: {
      red: ['+', ['case', ['==', ['get', 'light'], 'red'], 1, 0]],
      yellow: ['+', ['case', ['==', ['get', 'light'], 'yellow'], 1, 0]],
      green: ['+', ['case', ['==', ['get', 'light'], 'green'], 1, 0]],
    },
  },
  [EVENTS_HEAT]: { type: 'geojson', data: empty },
  [WORKERS]: { type: 'geojson', data: empty },
}

const lightColour: ExpressionSpecification = [
  'match',
  ['get', 'light'],
  'red',
  LIGHT_COLOURS.red,
  'yellow',
  LIGHT_COLOURS.yellow,
  'green',
  LIGHT_COLOURS.green,
  LIGHT_COLOURS.none,
]

const clusterColour: ExpressionSpecification = [
  'case',
  ['>', ['get', 'red'], 0],
  LIGHT_COLOURS.red,
  ['>', ['get', 'yellow'], 0],
  LIGHT_COLOURS.yellow,
  ['>', ['get', 'green'], 0],
  LIGHT_COLOURS.green,
  LIGHT_COLOURS.none,
]

/**
 * Over the grids: heat, the workers with their names, then the clusters with their counts and the single
 * events on top (where a worker and an event meet, the event is what this map is for).
 */
export const liveLayers: LayerSpecification[] = [
  {
    id: HEAT_LAYER,
    type: 'heatmap',
    source: EVENTS_HEAT,
    layout: { visibility: 'none' },
    paint: {
      'heatmap-weight': ['match', ['get', 'light'], 'red', 1, 'yellow', 0.7, 0.5],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 10, 1, 17, 3],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 10, 12, 17, 36],
      'heatmap-opacity': 0.75,
    },
  },
  {
    id: WORKER_LAYER,
    type: 'symbol',
    source: WORKERS,
    layout: {
      'icon-image': WORKER_ICON,
      'icon-allow-overlap': true,
      'text-field': ['get', 'name'],
      'text-font': ['sans-serif'],
      'text-size': 12,
      'text-offset': [0, 1.3],
      'text-anchor': 'top',
      'text-optional': true,
    },
    paint: { 'text-color': '#391085', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  },
  {
    id: CLUSTER_LAYER,
    type: 'circle',
    source: EVENTS,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': clusterColour,
      'circle-opacity': 0.88,
      'circle-radius': ['step', ['get', 'point_count'], 15, 10, 19, 50, 24, 200, 30],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 3,
    },
  },
  {
    id: `${CLUSTER_LAYER}-count`,
    type: 'symbol',
    source: EVENTS,
    filter: ['has', 'point_count'],
    layout: {
      'text-field': ['get', 'point_count_abbreviated'],
      'text-font': ['sans-serif'],
      'text-size': 13,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0,0,0,0.35)', 'text-halo-width': 1 },
  },
  {
    id: POINT_LAYER,
    type: 'circle',
    source: EVENTS,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': lightColour,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 16, 8],
      'circle-stroke-color': ['case', ['get', 'selected'], '#1f1f1f', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
    },
  },
]

/** The worker's badge: a purple square with 巡 (patrol) in white, drawn once with the browser's own font. */
export function addWorkerIcon(map: MapLibreMap) {
  map.setMissingStyleImageResolver((id) => {
    if (id !== WORKER_ICON || map.hasImage(id)) return
    const ratio = 2
    const size = 26 * ratio
    const canvas = document.createElement('canvas')
    canvas.width = size
    canvas.height = size
    const g = canvas.getContext('2d')
    if (!g) return
    g.fillStyle = '#ffffff'
    g.beginPath()
    g.roundRect(0, 0, size, size, 7 * ratio)
    g.fill()
    g.fillStyle = WORKER_COLOUR
    g.beginPath()
    g.roundRect(2 * ratio, 2 * ratio, size - 4 * ratio, size - 4 * ratio, 5 * ratio)
    g.fill()
    g.fillStyle = '#ffffff'
    g.font = `bold ${15 * ratio}px sans-serif`
    g.textAlign = 'center'
    g.textBaseline = 'middle'
    g.fillText('巡', size / 2, size / 2 + ratio)
    map.addImage(id, g.getImageData(0, 0, size, size), { pixelRatio: ratio })
  })
}

const point = (lng: number, lat: number, crs: Crs) => {
  const shown = toMap({ lng, lat }, crs)
  return { type: 'Point' as const, coordinates: [shown.lng, shown.lat] }
}

/** The events as GeoJSON on the map's datum; the selected one is outlined. */
export function eventFeatures(points: MapPoint[], selected: string | null, crs: Crs) {
  return {
    type: 'FeatureCollection' as const,
    features: points.map((p) => ({
      type: 'Feature' as const,
      properties: { id: p.id, light: p.light ?? 'none', selected: p.id === selected },
      geometry: point(p.lng, p.lat, crs),
    })),
  }
}

export function workerFeatures(workers: WorkerPosition[], crs: Crs) {
  return {
    type: 'FeatureCollection' as const,
    features: workers.map((w) => ({
      type: 'Feature' as const,
      properties: { id: w.userId, name: w.userName },
      geometry: point(w.lon, w.lat, crs),
    })),
  }
}
