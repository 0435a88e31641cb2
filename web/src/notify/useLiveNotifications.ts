import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { type Notification, notificationsKey } from './notify.api'

/** What the server pushes on `/api/notifications/live` (notify.routes.ts). */
type LiveMessage = { type: 'hello' } | { type: 'notification'; notification: Notification }

const FIRST_DELAY_MS = 1_000
const MAX_DELAY_MS = 30_000
/** The server closes with this when the socket carries no signed-in user (or comes from another site). */
const SIGNED_OUT = 4401

function parse(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null
  try {
    const message = JSON.parse(data) as { type?: unknown }
    return message.type === 'hello' || message.type === 'notification' ? (message as LiveMessage) : null
  } catch {
    return null
  }
}

/**
 * Same origin as the page: the session cookie goes with it, and the dev server proxies it (ws: true).
 * Written by hand: a WebSocket is outside the OpenAPI document and the typed client.
 */
function liveUrl() {
  const url = new URL('/api/notifications/live', window.location.href)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString()
}

/**
 * Keeps a WebSocket open to the inbox while the signed-in shell is shown: each new notification
 * refreshes the inbox query and is handed to `onNotification`. A dropped socket comes back after
 * 1 s, 2 s, 4 s … up to 30 s (with jitter, so a restarted server is not hit by every desk at once),
 * at once when the browser is back online, and reloads the inbox for what it missed meanwhile.
 * Answers whether the socket is open now.
 */
export function useLiveNotifications(onNotification: (n: Notification) => void): boolean {
  const queryClient = useQueryClient()
  const [connected, setConnected] = useState(false)
  const handler = useRef(onNotification)
  useEffect(() => {
    handler.current = onNotification
  })

  useEffect(() => {
    let socket: WebSocket | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let failures = 0
    let stopped = false
    let connectedBefore = false
    const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationsKey })

    const connect = () => {
      timer = undefined
      const ws = new WebSocket(liveUrl())
      socket = ws
      ws.onmessage = (event) => {
        const message = parse(event.data)
        if (message?.type === 'hello') {
          failures = 0
          setConnected(true)
          if (connectedBefore) refresh()
          connectedBefore = true
        } else if (message?.type === 'notification') {
          refresh()
          handler.current(message.notification)
        }
      }
      ws.onclose = (event) => {
        if (socket === ws) socket = null
        setConnected(false)
        if (stopped || event.code === SIGNED_OUT) return
        const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures) * (0.5 + Math.random() / 2)
        failures += 1
        timer = setTimeout(connect, delay)
      }
    }
    const online = () => {
      if (socket || timer === undefined) return
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
      socket?.close()
    }
  }, [queryClient])
  return connected
}
