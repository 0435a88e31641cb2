import type { LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl'
import { useTranslation } from 'react-i18next'
import { useCan } from '../auth/auth.api'
import { type BaseMap, styleOver, useBaseMap } from '../map/basemap'
import { toMap } from '../map/crs'
import { fitTo } from '../map/fit'
import { GRID_SOURCE, gridLayers, gridSource } from '../map/gridLayer'
import { gridLabelLayer } from '../map/labels'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import type { Checkpoint, PatrolDetail } from './patrols.api'

const FIT_PADDING = 32
const TRACK_COLOUR = '#1677ff'

type Position = [number, number]
type Track = NonNullable<PatrolDetail['track']>

/** The track's lines, start, end and the grid's check-in points as GeoJSON, on the map's datum. */
function features(track: Track | null, checkpoints: Checkpoint[], reached: string[], base: BaseMap) {
  const onMap = (p: number[]): Position => {
    const { lng, lat } = toMap({ lng: p[0] ?? 0, lat: p[1] ?? 0 }, base.crs)
    return [lng, lat]
  }
  const lines = (track?.coordinates ?? []).map((line) => line.map(onMap))
  const first = lines[0]?.[0]
  const last = lines.at(-1)?.at(-1)
  const point = (coordinates: Position, kind: string) => ({
    type: 'Feature' as const,
    properties: { kind },
    geometry: { type: 'Point' as const, coordinates },
  })
  return {
    lines,
    points: [
      ...checkpoints.map((c) =>
        point(onMap([c.location.lng, c.location.lat]), reached.includes(c.id) ? 'reached' : 'missed'),
      ),
      ...(first ? [point(first, 'start')] : []),
      ...(last ? [point(last, 'end')] : []),
    ],
  }
}

const layers: LayerSpecification[] = [
  {
    id: 'track-line',
    type: 'line',
    source: 'track',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': TRACK_COLOUR, 'line-width': 3 },
  },
  {
    id: 'track-points',
    type: 'circle',
    source: 'marks',
    paint: {
      // Check-in points come first and larger, so a start or end on one leaves its ring showing.
      'circle-radius': ['match', ['get', 'kind'], 'start', 5, 'end', 5, 10],
      'circle-color': [
        'match',
        ['get', 'kind'],
        'start',
        '#52c41a',
        'end',
        '#cf1322',
        'reached',
        'rgba(250,140,22,0.35)',
        'rgba(255,255,255,0.6)',
      ],
      'circle-stroke-color': ['match', ['get', 'kind'], 'start', '#ffffff', 'end', '#ffffff', '#fa8c16'],
      'circle-stroke-width': 2,
    },
  },
]

function trackStyle(base: BaseMap, tiles: boolean, f: ReturnType<typeof features>): StyleSpecification {
  return styleOver(
    base,
    {
      ...(tiles ? { [GRID_SOURCE]: gridSource(base.crs) } : {}),
      track: {
        type: 'geojson',
        data: {
          type: 'Feature',
          properties: {},
          geometry: { type: 'MultiLineString', coordinates: f.lines },
        },
      },
      marks: { type: 'geojson', data: { type: 'FeatureCollection', features: f.points } },
    },
    [...(tiles ? [...gridLayers('light'), gridLabelLayer(GRID_SOURCE)] : []), ...layers],
  )
}

function boundsOf(f: ReturnType<typeof features>): [number, number, number, number] | null {
  const all = [...f.lines.flat(), ...f.points.map((p) => p.geometry.coordinates)]
  if (all.length === 0) return null
  const lngs = all.map((p) => p[0])
  const lats = all.map((p) => p[1])
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)]
}

/** A patrol's track over the grids: blue lines split at gaps, green start, red end, orange check-in points. */
export function TrackMap({
  patrol,
  checkpoints,
  height,
}: {
  patrol: PatrolDetail
  checkpoints: Checkpoint[]
  height: number
}) {
  const { t } = useTranslation()
  const base = useBaseMap()
  const tiles = useCan()('grid.read')
  const f = base ? features(patrol.track, checkpoints, patrol.checkpointsReached, base) : null
  const bounds = f ? boundsOf(f) : null
  const fit = (map: MapLibreMap) => bounds && fitTo(map, bounds, FIT_PADDING)
  return (
    <div style={{ position: 'relative', height, width: '100%' }}>
      {base && f && (
        <MapView
          key={`${patrol.id}:${patrol.version}:${checkpoints.length}`}
          mapStyle={trackStyle(base, tiles, f)}
          center={bounds ? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2] : DEFAULT_CENTER}
          zoom={15}
          onLoad={fit}
          attribution={base.attribution}
          testId="track-map"
          style={{ position: 'absolute', inset: 0, border: '1px solid #f0f0f0', borderRadius: 6 }}
        />
      )}
      <div
        role="note"
        style={{
          position: 'absolute',
          left: 8,
          bottom: 8,
          padding: '4px 8px',
          background: 'rgba(255,255,255,0.9)',
          borderRadius: 4,
          fontSize: 12,
          pointerEvents: 'none',
        }}
      >
        <span style={{ color: '#52c41a' }}>●</span> {t('patrols.map.start')}{' '}
        <span style={{ color: '#cf1322' }}>●</span> {t('patrols.map.end')}{' '}
        <span style={{ color: '#fa8c16' }}>●</span> {t('patrols.map.reached')}{' '}
        <span style={{ color: '#fa8c16' }}>○</span> {t('patrols.map.missed')}
      </div>
    </div>
  )
}
