import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { GRID_SOURCE, gridLayers, gridSource } from '../../map/gridLayer'
import { DEFAULT_CENTER, MapView } from '../../map/MapView'
import { plainStyle } from '../../map/mapStyle'
import { cached, type TrackPoint } from '../db'
import { GAP_MS } from '../patrol/sampler'
import type { MyGrid } from '../sync/today'
import { MY_GRIDS, myGridLayers, outlineData } from './myGrids'

const TRACK = 'track'

/** The track as lines broken at each gap (a gap is never drawn as a walk), and the last position. */
function trackData(
  points: TrackPoint[],
  gaps: { from: string; to: string }[],
): Exclude<GeoJSONSourceSpecification['data'], string> {
  const lines: [number, number][][] = []
  let line: [number, number][] = []
  let previous: TrackPoint | undefined
  for (const p of points) {
    const broken =
      previous &&
      (Date.parse(p.t) - Date.parse(previous.t) > GAP_MS ||
        gaps.some(
          (g) => Date.parse(g.from) >= Date.parse(previous?.t ?? '') && Date.parse(g.to) <= Date.parse(p.t),
        ))
    if (broken && line.length > 0) {
      lines.push(line)
      line = []
    }
    line.push([p.lon, p.lat])
    previous = p
  }
  if (line.length > 0) lines.push(line)
  const last = points.at(-1)
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } },
      ...(last
        ? [
            {
              type: 'Feature' as const,
              properties: { here: true },
              geometry: { type: 'Point' as const, coordinates: [last.lon, last.lat] },
            },
          ]
        : []),
    ],
  }
}

const STYLE = plainStyle(
  {
    [GRID_SOURCE]: gridSource(),
    [MY_GRIDS]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    [TRACK]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  },
  [
    ...gridLayers('light'),
    ...myGridLayers,
    { id: 'track-line', type: 'line', source: TRACK, paint: { 'line-color': '#1677ff', 'line-width': 4 } },
    {
      id: 'track-here',
      type: 'circle',
      source: TRACK,
      filter: ['has', 'here'],
      paint: {
        'circle-radius': 7,
        'circle-color': '#fa541c',
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    },
  ],
)

/** The running patrol's track over my grids' outlines and the others' (no base map: works offline). */
export default function TrackMap({
  points,
  gaps,
}: {
  points: TrackPoint[]
  gaps: { from: string; to: string }[]
}) {
  const map = useRef<MapLibreMap | null>(null)
  const loaded = useRef(false)
  const latest = useRef({ points, gaps })
  latest.current = { points, gaps }

  function draw() {
    const m = map.current
    if (!m || !loaded.current) return
    const { points, gaps } = latest.current
    ;(m.getSource(TRACK) as GeoJSONSource | undefined)?.setData(trackData(points, gaps))
    const last = points.at(-1)
    if (last) m.easeTo({ center: [last.lon, last.lat], duration: 0 })
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn whenever the track changes.
  useEffect(draw, [points, gaps])

  const first = points[0]
  return (
    <MapView
      mapStyle={STYLE}
      center={first ? [first.lon, first.lat] : DEFAULT_CENTER}
      zoom={16}
      northUp
      testId="track-map"
      style={{ width: '100%', height: '100%' }}
      onMap={(m) => {
        map.current = m
        if (!m) loaded.current = false
      }}
      onLoad={(m) => {
        loaded.current = true
        draw()
        // My grids' outlines, kept on the phone: the patrol map shows them with no network too.
        void cached<MyGrid[]>('myGrids').then((row) =>
          (m.getSource(MY_GRIDS) as GeoJSONSource | undefined)?.setData(outlineData(row?.value ?? [])),
        )
      }}
    />
  )
}
