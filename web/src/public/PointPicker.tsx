import 'maplibre-gl/dist/maplibre-gl.css'
import { AimOutlined } from '@ant-design/icons'
import { App, Button } from 'antd'
import { type GeoJSONSource, Map as MapLibreMap, type StyleSpecification, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import styles from './public.module.css'

setWorkerUrl(workerUrl)

export interface Point {
  lng: number
  lat: number
}

/** Where the map opens before the resident picks a point (the demo district's centre). */
const DEFAULT_CENTER: [number, number] = [104.06, 30.66]
const DEFAULT_ZOOM = 13
const LOCATED_ZOOM = 16
const round = (v: number) => Math.round(v * 1e6) / 1e6
const same = (a: Point, b: Point) => Math.abs(a.lng - b.lng) < 1e-6 && Math.abs(a.lat - b.lat) < 1e-6

type Lines = Parameters<GeoJSONSource['setData']>[0]

/**
 * Light lines every "round" step over the visible area: the map has no tiles (grid tiles need a
 * sign-in, and a base map needs the network), so these show that the map moves.
 */
function graticule(map: MapLibreMap): Lines {
  const b = map.getBounds()
  const span = Math.max(b.getEast() - b.getWest(), b.getNorth() - b.getSouth())
  const magnitude = 10 ** Math.floor(Math.log10(span / 6))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= 12) ?? magnitude * 10
  const lines: [number, number][][] = []
  for (let x = Math.floor(b.getWest() / step) * step; x <= b.getEast(); x += step)
    lines.push([
      [x, b.getSouth() - step],
      [x, b.getNorth() + step],
    ])
  for (let y = Math.floor(b.getSouth() / step) * step; y <= b.getNorth(); y += step)
    lines.push([
      [b.getWest() - step, y],
      [b.getEast() + step, y],
    ])
  return {
    type: 'FeatureCollection',
    features: lines.map((coordinates) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates },
    })),
  }
}

const style: StyleSpecification = {
  version: 8,
  sources: { graticule: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#f5f3ef' } },
    {
      id: 'graticule',
      type: 'line',
      source: 'graticule',
      paint: { 'line-color': '#d9d4ca', 'line-width': 1 },
    },
  ],
}

interface PointPickerProps {
  value?: Point
  onChange?: (point: Point) => void
}

/**
 * Picks the point of a report: the point is the map's centre, under the crosshair. Dragging the map,
 * tapping it (the map centres there) or the phone's location sets it; the fields beside it follow.
 */
export function PointPicker({ value, onChange }: PointPickerProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const changed = useRef(onChange)
  changed.current = onChange
  const current = useRef(value)
  current.current = value
  const [locating, setLocating] = useState(false)

  useEffect(() => {
    if (!container.current) return
    const start = current.current
    const map = new MapLibreMap({
      container: container.current,
      style,
      center: start ? [start.lng, start.lat] : DEFAULT_CENTER,
      zoom: DEFAULT_ZOOM,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    })
    mapRef.current = map
    map.touchZoomRotate.disableRotation()
    const drawGraticule = () =>
      (map.getSource('graticule') as GeoJSONSource | undefined)?.setData(graticule(map))
    map.once('load', drawGraticule)
    map.on('moveend', (event) => {
      drawGraticule()
      // A move the page made to show a typed point is not the resident picking one.
      const byHand = !!(event as { originalEvent?: unknown }).originalEvent
      if (!byHand && !(event as { picked?: boolean }).picked) return
      const c = map.getCenter()
      const point = { lng: round(c.lng), lat: round(c.lat) }
      if (!current.current || !same(point, current.current)) changed.current?.(point)
    })
    map.on('click', (event) => map.easeTo({ center: event.lngLat, duration: 300 }, { picked: true }))
    return () => {
      map.remove()
      mapRef.current = null
    }
  }, [])

  // A point typed into the fields (or found by the phone) moves the map under the crosshair.
  useEffect(() => {
    const map = mapRef.current
    if (!map || !value) return
    const c = map.getCenter()
    if (!same({ lng: c.lng, lat: c.lat }, value)) map.jumpTo({ center: [value.lng, value.lat] })
  }, [value])

  const locate = () => {
    if (!navigator.geolocation) {
      void message.warning(t('public.report.locateFailed'))
      return
    }
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false)
        const point = { lng: round(position.coords.longitude), lat: round(position.coords.latitude) }
        mapRef.current?.jumpTo({ center: [point.lng, point.lat], zoom: LOCATED_ZOOM })
        changed.current?.(point)
      },
      () => {
        setLocating(false)
        void message.warning(t('public.report.locateFailed'))
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  }

  return (
    <div className={styles.map}>
      {/* Inline: maplibre-gl.css makes its container position: relative, which a class would lose to. */}
      <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="report-map" />
      <div className={styles.crosshair} />
      <Button
        className={styles.locate}
        icon={<AimOutlined />}
        loading={locating}
        onClick={locate}
        data-testid="locate-me"
      >
        {t('public.report.locateMe')}
      </Button>
    </div>
  )
}
