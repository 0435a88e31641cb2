import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import type { LngLatPair } from './reshape.api'
import { showCutLine } from './reshapeLayers'

/** A click this close to the last vertex (a double-click's second click) adds none. */
const SAME_VERTEX_PX = 6
const MAX_VERTICES = 200

/**
 * Drawing a cutting line on the map: each click adds a vertex, a double-click (or `finish`) ends the
 * line. The map's double-click zoom is off while drawing, and the line is drawn as it grows.
 */
export function useCutLine(map: MapLibreMap | null, active: boolean) {
  const [line, setLine] = useState<LngLatPair[]>([])
  const [finished, setFinished] = useState(false)
  const drawn = useRef(line)
  drawn.current = line
  // A line needs two vertices: a double-click before then ends nothing.
  const finish = () => {
    if (drawn.current.length >= 2) setFinished(true)
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: finish reads the line through a ref
  useEffect(() => {
    if (!map || !active || finished) return
    const onClick = (event: MapMouseEvent) => {
      setLine((current) => {
        const last = current[current.length - 1]
        if (last) {
          const at = map.project(last)
          if (Math.hypot(at.x - event.point.x, at.y - event.point.y) < SAME_VERTEX_PX) return current
        }
        if (current.length >= MAX_VERTICES) return current
        return [...current, [event.lngLat.lng, event.lngLat.lat]]
      })
    }
    const onDoubleClick = (event: MapMouseEvent) => {
      event.preventDefault()
      finish()
    }
    map.doubleClickZoom.disable()
    map.getCanvas().style.cursor = 'crosshair'
    map.on('click', onClick)
    map.on('dblclick', onDoubleClick)
    return () => {
      map.off('click', onClick)
      map.off('dblclick', onDoubleClick)
      map.doubleClickZoom.enable()
      map.getCanvas().style.cursor = ''
    }
  }, [map, active, finished])

  useEffect(() => {
    if (map && active) showCutLine(map, line)
  }, [map, active, line])

  return {
    line,
    finished,
    finish,
    undo: () => setLine((current) => current.slice(0, -1)),
    restart: () => {
      setLine([])
      setFinished(false)
    },
  }
}
