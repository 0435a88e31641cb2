import { type Map as MapLibreMap, Marker } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import type { LngLat } from './pointPick'

/** A pin at a point (none while there is no point), kept by coordinates so a reload does not redraw it. */
export function useMarker(
  map: MapLibreMap | null,
  point: LngLat | null,
  pin: { color: string; testId: string },
) {
  // The pin belongs to one map: a new map (a new style) starts without it, the old one went with the old map.
  const pinned = useRef<{ map: MapLibreMap; marker: Marker } | null>(null)
  const lng = point?.lng
  const lat = point?.lat
  const { color, testId } = pin

  useEffect(() => {
    if (!map) return
    const existing = pinned.current?.map === map ? pinned.current.marker : null
    if (lng === undefined || lat === undefined) {
      existing?.remove()
      pinned.current = null
      return
    }
    const marker = existing ?? new Marker({ color })
    marker.getElement().dataset.testid = testId
    pinned.current = { map, marker }
    marker.setLngLat([lng, lat]).addTo(map)
  }, [map, lng, lat, color, testId])
}
