import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect } from 'react'
import { type Crs, fromMap, toMap } from './crs'
import type { MapViewProps } from './MapView'

export interface LngLat {
  lng: number
  lat: number
}

/** Six decimals: about 0.1 m, finer than any phone's fix. */
export const roundPoint = (point: LngLat): LngLat => ({
  lng: Math.round(point.lng * 1e6) / 1e6,
  lat: Math.round(point.lat * 1e6) / 1e6,
})
const samePoint = (a: LngLat, b: LngLat) => Math.abs(a.lng - b.lng) < 1e-6 && Math.abs(a.lat - b.lat) < 1e-6

type PickHandlers = Pick<MapViewProps, 'cursor' | 'onClick' | 'onMoveEnd'>

/** A click picks the point clicked (a case's map); without `onPick` the map only shows. */
export function clickPick(onPick: ((point: LngLat) => void) | undefined): PickHandlers {
  if (!onPick) return {}
  return { cursor: 'crosshair', onClick: (event) => onPick({ lng: event.lngLat.lng, lat: event.lngLat.lat }) }
}

/**
 * The point is the map's centre, under a crosshair (the resident's report): dragging the map or tapping
 * it (the map centres there) picks; a point set from outside (typed, or the phone's) moves the map under
 * the crosshair without counting as a pick. Points in and out are WGS-84 whatever the map's datum (`crs`).
 */
export function useCentrePick(
  map: MapLibreMap | null,
  value: LngLat | undefined,
  onPick: ((point: LngLat) => void) | undefined,
  crs: Crs = 'wgs84',
): PickHandlers {
  useEffect(() => {
    if (!map || !value) return
    const c = fromMap(map.getCenter(), crs)
    if (samePoint({ lng: c.lng, lat: c.lat }, value)) return
    const shown = toMap(value, crs)
    map.jumpTo({ center: [shown.lng, shown.lat] })
  }, [map, value, crs])

  return {
    onClick: (event, clicked) => clicked.easeTo({ center: event.lngLat, duration: 300 }, { picked: true }),
    onMoveEnd: (event, moved) => {
      // A move the page made to show a typed point is not the user picking one.
      if (!event.originalEvent && !event.picked) return
      const point = roundPoint(fromMap(moved.getCenter(), crs))
      if (!value || !samePoint(point, value)) onPick?.(point)
    },
  }
}
