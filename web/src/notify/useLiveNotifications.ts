import { useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useReconnectingSocket } from '../common/useReconnectingSocket'
import { type Notification, notificationsKey } from './notify.api'

/**
 * Keeps a WebSocket open to the inbox (`/api/notifications/live`, notify.routes.ts) while the
 * signed-in shell is shown: each new notification refreshes the inbox query and is handed to
 * `onNotification`; after a drop the inbox is loaded again for what it missed meanwhile.
 * Reconnecting, and signing out when the server says the session ended, are useReconnectingSocket's.
 * Answers whether the socket is open now.
 */
export function useLiveNotifications(onNotification: (n: Notification) => void): boolean {
  const queryClient = useQueryClient()
  const handler = useRef(onNotification)
  handler.current = onNotification
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationsKey })
  const { connected } = useReconnectingSocket('/api/notifications/live', {
    onHello: (again) => {
      if (again) refresh()
    },
    onMessage: (message) => {
      if (message.type !== 'notification') return
      refresh()
      handler.current(message.notification as Notification)
    },
  })
  return connected
}
