import { AimOutlined } from '@ant-design/icons'
import { App, Button } from 'antd'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { drawGraticule, graticuleLayer, graticuleSource } from '../map/graticule'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import { plainStyle } from '../map/mapStyle'
import { type LngLat, roundPoint, useCentrePick } from '../map/pointPick'
import styles from './public.module.css'

export type Point = LngLat

const DEFAULT_ZOOM = 13
const LOCATED_ZOOM = 16

// No grid tiles here: they need a sign-in.
const style = plainStyle({ graticule: graticuleSource }, [graticuleLayer])

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
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [start] = useState(value)
  const [locating, setLocating] = useState(false)
  const pick = useCentrePick(map, value, onChange)

  const locate = () => {
    if (!navigator.geolocation) {
      void message.warning(t('public.report.locateFailed'))
      return
    }
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false)
        const point = roundPoint({ lng: position.coords.longitude, lat: position.coords.latitude })
        map?.jumpTo({ center: [point.lng, point.lat], zoom: LOCATED_ZOOM })
        onChange?.(point)
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
      <MapView
        mapStyle={style}
        center={start ? [start.lng, start.lat] : DEFAULT_CENTER}
        zoom={DEFAULT_ZOOM}
        northUp
        onMap={setMap}
        onLoad={drawGraticule}
        onClick={pick.onClick}
        onMoveEnd={(event, moved) => {
          drawGraticule(moved)
          pick.onMoveEnd?.(event, moved)
        }}
        testId="report-map"
        style={{ position: 'absolute', inset: 0 }}
      />
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
