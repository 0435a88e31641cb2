import { AimOutlined } from '@ant-design/icons'
import { App, Button } from 'antd'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type BaseMap, styleOver, useBaseMap } from '../map/basemap'
import { boxToMap, toMap } from '../map/crs'
import { drawGraticule, graticuleLayer, graticuleSource } from '../map/graticule'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import type { Place } from '../map/map.api'
import { type LngLat, roundPoint, useCentrePick } from '../map/pointPick'
import { PUBLIC_GRIDS, publicGridLayers, publicGridSource } from '../map/publicGrids'
import { PlaceSearch } from './PlaceSearch'
import styles from './public.module.css'

export type Point = LngLat

const DEFAULT_ZOOM = 13
const LOCATED_ZOOM = 16

interface PointPickerProps {
  value?: Point
  onChange?: (point: Point) => void
}

/**
 * Picks the point of a report: the point is the map's centre, under the crosshair. Dragging the map,
 * tapping it (the map centres there), a place found by name or the phone's location sets it; the
 * fields beside it follow. The map shows the deployment's base map, if any, under the public outlines
 * and names of streets and communities.
 */
export function PointPicker(props: PointPickerProps) {
  const base = useBaseMap()
  return base ? <PickerMap base={base} {...props} /> : <div className={styles.map} />
}

function PickerMap({ base, value, onChange }: PointPickerProps & { base: BaseMap }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [start] = useState(() => (value ? toMap(value, base.crs) : undefined))
  // Without a base map, light lines show that the map moves where there are no outlines.
  const bare = base.layers.length === 0
  const [style] = useState(() =>
    styleOver(
      base,
      { [PUBLIC_GRIDS]: publicGridSource(base.crs), ...(bare ? { graticule: graticuleSource } : {}) },
      [...(bare ? [graticuleLayer] : []), ...publicGridLayers()],
    ),
  )
  const [locating, setLocating] = useState(false)
  const pick = useCentrePick(map, value, onChange, base.crs)

  const flyTo = (place: Place) => {
    const [w, s, e, n] = boxToMap(place.bbox, base.crs)
    const [lng = 0, lat = 0] = place.centre
    const centre = toMap({ lng, lat }, base.crs)
    // The place's own point under the crosshair, its whole area in view: that move is the pick.
    map?.fitBounds([w, s, e, n], { padding: 24, maxZoom: 16, duration: 600 }, { picked: true })
    map?.once('moveend', () =>
      map.easeTo({ center: [centre.lng, centre.lat], duration: 200 }, { picked: true }),
    )
  }

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
        const shown = toMap(point, base.crs) // the phone answers WGS-84
        map?.jumpTo({ center: [shown.lng, shown.lat], zoom: LOCATED_ZOOM })
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
    <div>
      <div style={{ marginBottom: 8 }}>
        <PlaceSearch onPlace={flyTo} />
      </div>
      <div className={styles.map}>
        <MapView
          mapStyle={style}
          center={start ? [start.lng, start.lat] : DEFAULT_CENTER}
          zoom={DEFAULT_ZOOM}
          northUp
          attribution={base.attribution}
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
    </div>
  )
}
