import { useCallback, useEffect, useRef, useState } from 'react'
import type { Box, MapPoint, WorkerPosition } from './liveMap.api'

/** A case the socket says changed; `open: false` means it left the loop (closed, rejected …). */
export type LiveCase = MapPoint & { open: boolean }

/** What the server pushes on `/api/live` (live.routes.ts). */
type LiveMessage =
  | { type: 'hello' }
  | { type: 'cases'; items: LiveCase[] }
  | { type: 'positions'; items: WorkerPosition[] }
  | { type: 'error'; code: string }

/** What the map looks at: the socket is told again after every move and every reconnect. */
export interface LiveView {
  bbox: Box
  layers: ('cases' | 'positions')[]
}

interface LiveHandlers {
  onCases: (items: LiveCase[]) => void
  onPositions: (items: WorkerPosition[]) => void
  /** The socket is back after a drop: what changed meanwhile was not sent, so the map loads again. */
  onReconnect: () => void
}

const FIRST_DELAY_MS = 1_000
const MAX_DELAY_MS = 30_000
/** The server closes with this when the socket carries no signed-in user (or comes from another site). */
const SIGNED_OUT = 4401

function parse(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null
  try {
    const message = JSON.parse(data) as { type?: unknown }
    return typeof message.type === 'string' ? (message as LiveMessage) : null
  } catch {
    return null
  }
}

/** Same origin as the page: the session cookie goes with it, and the dev server proxies /api/ (ws: true). */
function liveUrl() {
  const url = new URL('/api/live', window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString()
}

/**
 * The live map's socket (`/api/live`), open while the page is: it is told the view (`view`, whenever
 * it changes) and hands on the cases and positions that change there. A dropped socket comes back
 * after 1 s, 2 s, 4 s … up to 30 s (with jitter), at once when the browser is back online. Answers
 * whether it is open now.
 */
export function useLiveSocket(view: LiveView | null, handlers: LiveHandlers): boolean {
  const [connected, setConnected] = useState(false)
  const latest = useRef(handlers)
  latest.current = handlers
  const socket = useRef<WebSocket | null>(null)
  const viewRef = useRef(view)
  viewRef.current = view

  // Reads refs only: the same function for the page's life.
  const send = useCallback(() => {
    const ws = socket.current
    const v = viewRef.current
    if (ws?.readyState === WebSocket.OPEN && v) ws.send(JSON.stringify({ type: 'view', ...v }))
  }, [])

  const viewKey = JSON.stringify(view)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the view's contents are the trigger, not its identity.
  useEffect(send, [viewKey])

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let failures = 0
    let stopped = false
    let connectedBefore = false

    const connect = () => {
      timer = undefined
      const ws = new WebSocket(liveUrl())
      socket.current = ws
      ws.onmessage = (event) => {
        const message = parse(event.data)
        if (message?.type === 'hello') {
          failures = 0
          setConnected(true)
          send()
          if (connectedBefore) latest.current.onReconnect()
          connectedBefore = true
        } else if (message?.type === 'cases') latest.current.onCases(message.items)
        else if (message?.type === 'positions') latest.current.onPositions(message.items)
      }
      ws.onclose = (event) => {
        if (socket.current === ws) socket.current = null
        setConnected(false)
        if (stopped || event.code === SIGNED_OUT) return
        const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures) * (0.5 + Math.random() / 2)
        failures += 1
        timer = setTimeout(connect, delay)
      }
    }
    const online = () => {
      if (socket.current || timer === undefined) return
      clearTimeout(timer)
      failures = 0
      connect()
    }

    connect()
    window.addEventListener('online', online)
    return () => {
      stopped = true
      window.removeEventListener('online', online)
      clearTimeout(timer)
      socket.current?.close()
    }
  }, [send])
  return connected
}
