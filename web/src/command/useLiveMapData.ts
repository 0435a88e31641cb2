import { useEffect, useMemo, useRef, useState } from 'react'
import { around, FETCH_SIDE, fits, LIVE_SIDE } from './box'
import { type MapFilters, matches, queryOf } from './filters'
import { type Box, fetchCaseMap, fetchPositions, type MapPoint, type WorkerPosition } from './liveMap.api'
import { type LiveCase, useLiveSocket } from './useLiveSocket'

/** A pause after the last move (or filter change) before the points load: a drag loads once, at its end. */
const DEBOUNCE_MS = 300
/** Workers whose patrol ended send nothing more: the positions are loaded again this often to drop them. */
const POSITIONS_EVERY_MS = 60_000

type Points = ReadonlyMap<string, MapPoint>

/** The cases the socket sent, applied to the points: kept while they match the filters, dropped when not. */
function applyCases(points: Points, items: LiveCase[], filters: MapFilters): Points {
  const next = new Map(points)
  const now = new Date()
  for (const item of items) {
    const { open: _open, ...point } = item
    if (matches(item, filters, now)) next.set(point.id, point)
    else next.delete(point.id)
  }
  return next
}

/**
 * The live map's data: the cases in the view under the filters (loaded after each move or filter
 * change, when the view is at most 2° a side), the workers on patrol there (for patrol.read holders),
 * and the live socket's changes to both.
 */
export function useLiveMapData({
  view,
  filters,
  positions,
}: {
  /** What the map shows (WGS-84), null until it has loaded. */
  view: Box | null
  filters: MapFilters
  /** The workers' layer is on and the reader holds patrol.read. */
  positions: boolean
}) {
  const [points, setPoints] = useState<Points>(new Map())
  const [truncated, setTruncated] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [workers, setWorkers] = useState<ReadonlyMap<string, WorkerPosition>>(new Map())
  const [reloads, setReloads] = useState(0)
  const tooLarge = view !== null && !fits(view, FETCH_SIDE)
  const filtersRef = useRef(filters)
  filtersRef.current = filters
  // A view too large for the points draws none: a change heard just after zooming out is not drawn either.
  const drawing = useRef(false)
  drawing.current = view !== null && !tooLarge
  // The socket's cases heard while a load is on its way: applied again over what it brings.
  const heardDuringLoad = useRef<LiveCase[] | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads: the socket came back after a drop, load again.
  useEffect(() => {
    if (!view || tooLarge) {
      setPoints(new Map())
      setTruncated(false)
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(async () => {
      heardDuringLoad.current = []
      try {
        const answer = await fetchCaseMap(view, queryOf(filters, new Date()), controller.signal)
        const loaded = new Map(answer.items.map((p) => [p.id, p]))
        setPoints(applyCases(loaded, heardDuringLoad.current ?? [], filters))
        setTruncated(answer.truncated)
        setError(null)
      } catch (e) {
        if (!controller.signal.aborted) setError(e)
      } finally {
        heardDuringLoad.current = null
      }
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [view, tooLarge, filters, reloads])

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads: the socket came back after a drop, load again.
  useEffect(() => {
    if (!view || !positions) {
      setWorkers(new Map())
      return
    }
    const controller = new AbortController()
    const load = () =>
      fetchPositions(view, controller.signal)
        .then((answer) => setWorkers(new Map(answer.items.map((w) => [w.userId, w]))))
        .catch(() => undefined)
    const timer = setTimeout(load, DEBOUNCE_MS)
    const every = setInterval(load, POSITIONS_EVERY_MS)
    return () => {
      clearTimeout(timer)
      clearInterval(every)
      controller.abort()
    }
  }, [view, positions, reloads])

  const liveView = useMemo(() => {
    if (!view) return null
    const layers: ('cases' | 'positions')[] = [...(tooLarge ? [] : ['cases' as const])]
    if (positions) layers.push('positions')
    return { bbox: around(view, LIVE_SIDE), layers }
  }, [view, tooLarge, positions])

  const connected = useLiveSocket(liveView, {
    onCases: (items) => {
      if (!drawing.current) return
      heardDuringLoad.current?.push(...items)
      setPoints((current) => applyCases(current, items, filtersRef.current))
    },
    onPositions: (items) =>
      setWorkers((current) => {
        const next = new Map(current)
        for (const w of items) next.set(w.userId, w)
        return next
      }),
    onReconnect: () => setReloads((n) => n + 1),
  })

  return {
    points,
    workers: useMemo(() => [...workers.values()], [workers]),
    truncated,
    tooLarge,
    error,
    connected,
  }
}
