import type { GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { GRID_SOURCE, gridLayers, gridSource } from '../../map/gridLayer'
import { DEFAULT_CENTER, MapView } from '../../map/MapView'
import { plainStyle } from '../../map/mapStyle'
import type { MyGrid } from '../sync/today'
import type { Here } from '../useHere'
import { MY_GRIDS, myGridLayers, outlineData } from './myGrids'

/** A building of my grids as the map draws it: where it is and how many households the phone holds there. */
export interface BuildingSpot {
  id: string
  name: string
  lng: number
  lat: number
  households: number
}

const BUILDINGS = 'buildings'
const HERE = 'here'
const empty = { type: 'FeatureCollection' as const, features: [] }

const STYLE = plainStyle(
  {
    [GRID_SOURCE]: gridSource(),
    [MY_GRIDS]: { type: 'geojson', data: empty },
    [BUILDINGS]: { type: 'geojson', data: empty },
    [HERE]: { type: 'geojson', data: empty },
  },
  [
    ...gridLayers('light'),
    ...myGridLayers,
    {
      id: 'buildings-dot',
      type: 'circle',
      source: BUILDINGS,
      paint: {
        // Bigger with more households; a building with none on the phone stays a small grey dot.
        'circle-radius': ['interpolate', ['linear'], ['get', 'households'], 0, 5, 10, 9, 60, 14],
        'circle-color': ['case', ['>', ['get', 'households'], 0], '#08979c', '#bfbfbf'],
        'circle-stroke-color': ['case', ['get', 'selected'], '#fa541c', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'selected'], 3, 1.5],
      },
    },
    {
      id: 'buildings-label',
      type: 'symbol',
      source: BUILDINGS,
      minzoom: 16,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': ['sans-serif'],
        'text-size': 12,
        'text-offset': [0, 1.3],
        'text-anchor': 'top',
        'text-max-width': 8,
      },
      paint: { 'text-color': '#262626', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    {
      id: 'here-dot',
      type: 'circle',
      source: HERE,
      paint: {
        'circle-radius': 6,
        'circle-color': '#1677ff',
        'circle-stroke-color': 'rgba(22, 119, 255, 0.3)',
        'circle-stroke-width': 6,
      },
    },
  ],
)

function buildingData(spots: BuildingSpot[], selected: string | null, label: (s: BuildingSpot) => string) {
  return {
    type: 'FeatureCollection' as const,
    features: spots.map((s) => ({
      type: 'Feature' as const,
      id: s.id,
      properties: { id: s.id, households: s.households, selected: s.id === selected, label: label(s) },
      geometry: { type: 'Point' as const, coordinates: [s.lng, s.lat] },
    })),
  }
}

/** The buildings' box, else my grids' (a grid with no building on the phone yet). */
function bounds(spots: BuildingSpot[], grids: MyGrid[]): LngLatBoundsLike | null {
  const points: [number, number][] =
    spots.length > 0
      ? spots.map((s) => [s.lng, s.lat])
      : grids.flatMap((g) => (g.boundary?.coordinates.flat(2) ?? []) as [number, number][])
  if (points.length === 0) return null
  const lngs = points.map((p) => p[0])
  const lats = points.map((p) => p[1])
  return [
    [Math.min(...lngs), Math.min(...lats)],
    [Math.max(...lngs), Math.max(...lats)],
  ]
}

/**
 * 网格地图: the buildings of my grids from the phone's copy, my grids' outlines (kept on the phone) over
 * the others' (tiles, cached once seen), and where I am. Works offline; a tap on a building selects it
 * (the screen lists its households).
 */
export default function GridMap({
  spots,
  grids,
  selected,
  here,
  label,
  onSelect,
}: {
  spots: BuildingSpot[]
  grids: MyGrid[]
  selected: string | null
  here: Here | null
  label: (s: BuildingSpot) => string
  onSelect: (buildingId: string | null) => void
}) {
  const map = useRef<MapLibreMap | null>(null)
  const loaded = useRef(false)
  const fitted = useRef<'none' | 'grids' | 'spots'>('none')
  const latest = useRef({ spots, grids, selected, here, label })
  latest.current = { spots, grids, selected, here, label }

  function draw() {
    const m = map.current
    if (!m || !loaded.current) return
    const { spots, grids, selected, here, label } = latest.current
    ;(m.getSource(MY_GRIDS) as GeoJSONSource | undefined)?.setData(outlineData(grids))
    ;(m.getSource(BUILDINGS) as GeoJSONSource | undefined)?.setData(buildingData(spots, selected, label))
    ;(m.getSource(HERE) as GeoJSONSource | undefined)?.setData(
      here
        ? {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: {},
                geometry: { type: 'Point', coordinates: [here.lng, here.lat] },
              },
            ],
          }
        : empty,
    )
    // Fitted once to the buildings (or, until they come, to my grids): then the worker moves it.
    if (fitted.current !== 'spots' && !(fitted.current === 'grids' && spots.length === 0)) {
      const box = bounds(spots, grids)
      if (box) {
        fitted.current = spots.length > 0 ? 'spots' : 'grids'
        m.fitBounds(box, { padding: 32, maxZoom: 17, duration: 0 })
      }
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn whenever what it shows changes.
  useEffect(draw, [spots, grids, selected, here])

  const first = spots[0]
  return (
    <MapView
      mapStyle={STYLE}
      center={first ? [first.lng, first.lat] : here ? [here.lng, here.lat] : DEFAULT_CENTER}
      zoom={16}
      northUp
      testId="grid-map"
      style={{ width: '100%', height: '100%' }}
      onMap={(m) => {
        map.current = m
        if (!m) loaded.current = false
      }}
      onLoad={() => {
        loaded.current = true
        draw()
      }}
      onClick={(event, m) => {
        const hit = m.queryRenderedFeatures(
          [
            [event.point.x - 12, event.point.y - 12],
            [event.point.x + 12, event.point.y + 12],
          ],
          { layers: ['buildings-dot'] },
        )[0]
        onSelect((hit?.properties?.id as string | undefined) ?? null)
      }}
    />
  )
}
