import 'maplibre-gl/dist/maplibre-gl.css'
import {
  AttributionControl,
  type LngLatBoundsLike,
  type MapLayerMouseEvent,
  type MapLibreEvent,
  Map as MapLibreMap,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { type CSSProperties, useEffect, useRef } from 'react'

// The worker is bundled as its own asset: MapLibre cannot find it from a bundled chunk by itself.
setWorkerUrl(workerUrl)

/** Where a map opens with nothing to show yet: the demo district's centre. */
export const DEFAULT_CENTER: [number, number] = [104.06, 30.66]

export type MapMoveEvent = MapLibreEvent<MouseEvent | TouchEvent | WheelEvent | undefined> & {
  /** Set by a move the page made for the user's own pick (see usePointPick). */
  picked?: boolean
}

export interface MapViewProps {
  /** Read once, when the map is made; remount (a new `key`) to change it. */
  mapStyle: StyleSpecification
  /** Where the view opens: read once, like the style. */
  center: [number, number]
  zoom: number
  /**
   * A box to open on instead of centre and zoom (read once): the first tiles asked for are then the
   * ones shown, not those of a view a later fit leaves at once.
   */
  bounds?: LngLatBoundsLike
  /** Space kept round `bounds`, in pixels. */
  boundsPadding?: number
  /** How long labels fade in and out (MapLibre's 300 ms by default); 0 draws them at once. */
  fadeDuration?: number
  /** North stays up: no rotating by mouse or by two fingers (a map picked by its centre). */
  northUp?: boolean
  cursor?: 'crosshair'
  /** The map as soon as it is made (its style may still be loading), then null once it is removed. */
  onMap?: (map: MapLibreMap | null) => void
  /** The style has loaded: its sources and layers can be changed. Once per map. */
  onLoad?: (map: MapLibreMap) => void
  onClick?: (event: MapLayerMouseEvent, map: MapLibreMap) => void
  onMoveEnd?: (event: MapMoveEvent, map: MapLibreMap) => void
  testId: string
  /** The base map's credit line, in a corner (read once, like the style). */
  attribution?: string
  /** The container's box. Inline: maplibre-gl.css makes the container position: relative, which a class would lose to. */
  style: CSSProperties
}

/**
 * Every map of the app: MapLibre over a style with no base map (the product works offline), made when
 * mounted and removed when unmounted. The handlers are wired when the map is made, so a click on its
 * first frame already counts; they are always the latest ones passed.
 */
export function MapView({
  mapStyle,
  center,
  zoom,
  bounds,
  boundsPadding,
  fadeDuration,
  northUp,
  cursor,
  testId,
  attribution,
  style,
  ...handlers
}: MapViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const latest = useRef(handlers)
  latest.current = handlers
  const initial = useRef({
    mapStyle,
    center,
    zoom,
    bounds,
    boundsPadding,
    fadeDuration,
    northUp,
    cursor,
    attribution,
  })

  useEffect(() => {
    if (!container.current) return
    const { mapStyle, center, zoom, bounds, boundsPadding, fadeDuration, northUp, cursor, attribution } =
      initial.current
    const map = new MapLibreMap({
      container: container.current,
      style: mapStyle,
      center,
      zoom,
      ...(bounds ? { bounds, fitBoundsOptions: { padding: boundsPadding ?? 0 } } : {}),
      ...(fadeDuration !== undefined ? { fadeDuration } : {}),
      attributionControl: false,
      ...(northUp ? { dragRotate: false, pitchWithRotate: false } : {}),
    })
    if (northUp) map.touchZoomRotate.disableRotation()
    if (attribution) map.addControl(new AttributionControl({ compact: true, customAttribution: attribution }))
    if (cursor) map.getCanvas().style.cursor = cursor
    map.once('load', () => latest.current.onLoad?.(map))
    map.on('click', (event) => latest.current.onClick?.(event, map))
    map.on('moveend', (event) => latest.current.onMoveEnd?.(event, map))
    latest.current.onMap?.(map)
    return () => {
      latest.current.onMap?.(null)
      map.remove()
    }
  }, [])

  return <div ref={container} data-testid={testId} style={style} />
}
