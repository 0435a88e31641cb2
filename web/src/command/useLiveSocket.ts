import { useEffect, useRef } from 'react'
import { useReconnectingSocket } from '../common/useReconnectingSocket'
import type { Box, MapPoint, WorkerPosition } from './liveMap.api'

/** A case the socket says changed; `open: false` means it left the loop (closed, rejected …). */
export type LiveCase = MapPoint & { open: boolean }

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

/**
 * The live map's socket (`/api/live`, live.routes.ts), open while the page is: it is told the view
 * (`view`, whenever it changes and after every reconnect) and hands on the cases and positions that
 * change there. Reconnecting, and signing out when the server says the session ended, are
 * useReconnectingSocket's. Answers whether it is open now.
 */
export function useLiveSocket(view: LiveView | null, handlers: LiveHandlers): boolean {
  const latest = useRef(handlers)
  latest.current = handlers
  const viewRef = useRef(view)
  viewRef.current = view
  const { connected, send } = useReconnectingSocket('/api/live', {
    onHello: (again) => {
      if (viewRef.current) send({ type: 'view', ...viewRef.current })
      if (again) latest.current.onReconnect()
    },
    onMessage: (message) => {
      if (message.type === 'cases') latest.current.onCases(message.items as LiveCase[])
      else if (message.type === 'positions') latest.current.onPositions(message.items as WorkerPosition[])
    },
  })

  const viewKey = JSON.stringify(view)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the view's contents are the trigger, not its identity.
  useEffect(() => {
    if (viewRef.current) send({ type: 'view', ...viewRef.current })
  }, [viewKey, send])
  return connected
}
