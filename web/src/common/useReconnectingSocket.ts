import { useCallback, useEffect, useRef, useState } from 'react'
import { reportSignedOut } from '../api/client'

const FIRST_DELAY_MS = 1_000
const MAX_DELAY_MS = 30_000
/** The server closes with this when the socket's session has ended (or it never had one): sign in again. */
export const SOCKET_SIGNED_OUT = 4401
/** The server closes with this when the user may no longer use the socket: trying again would not help. */
export const SOCKET_FORBIDDEN = 4403

/** A message the server pushes: an object with a `type`. */
export type SocketMessage = { type: string } & Record<string, unknown>

interface SocketHandlers {
  /** The server said hello: the socket is open (`again` after a drop: what changed meanwhile was not sent). */
  onHello?: (again: boolean) => void
  onMessage: (message: SocketMessage) => void
}

function parse(data: unknown): SocketMessage | null {
  if (typeof data !== 'string') return null
  try {
    const message = JSON.parse(data) as { type?: unknown }
    return typeof message === 'object' && message !== null && typeof message.type === 'string'
      ? (message as SocketMessage)
      : null
  } catch {
    return null
  }
}

/** Same origin as the page: the session cookie goes with it, and the dev server proxies /api/ (ws: true). */
function socketUrl(path: string) {
  const url = new URL(path, window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString()
}

/**
 * A WebSocket to `path` kept open while the component is shown. A dropped socket comes back after
 * 1 s, 2 s, 4 s … up to 30 s (with jitter, so a restarted server is not hit by every desk at once),
 * at once when the browser is back online. Closed as signed out (4401: the session ended, was
 * revoked, or never was) it does not come back: the user is sent to sign in; closed as forbidden
 * (4403) it stays closed. Answers whether it is open now, and `send`, which sends when it is.
 */
export function useReconnectingSocket(path: string, handlers: SocketHandlers) {
  const [connected, setConnected] = useState(false)
  const latest = useRef(handlers)
  latest.current = handlers
  const socket = useRef<WebSocket | null>(null)

  // Reads a ref only: the same function for the page's life.
  const send = useCallback((message: object) => {
    const ws = socket.current
    if (ws?.readyState !== WebSocket.OPEN) return false
    ws.send(JSON.stringify(message))
    return true
  }, [])

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let failures = 0
    let stopped = false
    let connectedBefore = false

    const connect = () => {
      timer = undefined
      const ws = new WebSocket(socketUrl(path))
      socket.current = ws
      ws.onmessage = (event) => {
        const message = parse(event.data)
        if (!message) return
        if (message.type === 'hello') {
          failures = 0
          setConnected(true)
          latest.current.onHello?.(connectedBefore)
          connectedBefore = true
        } else latest.current.onMessage(message)
      }
      ws.onclose = (event) => {
        if (socket.current === ws) socket.current = null
        setConnected(false)
        if (stopped) return
        if (event.code === SOCKET_SIGNED_OUT) {
          stopped = true
          reportSignedOut()
          return
        }
        if (event.code === SOCKET_FORBIDDEN) return
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
  }, [path])
  return { connected, send }
}
