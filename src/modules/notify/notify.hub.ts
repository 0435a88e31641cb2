import type { LiveBus } from '../../lib/bus/bus'

/** A live connection of a signed-in user: what the WebSocket route registers. */
export interface LiveSocket {
  send(data: string): void
}

/** What crosses the bus for one user's sockets. */
interface UserPush {
  userId: string
  message: object
}

/**
 * Who is connected on this node, and the push to a user wherever they are connected: published on the
 * live bus, every node hands it to its own sockets of that user (one process: at once, in the call).
 */
export function createNotifyHub(bus: LiveBus) {
  const sockets = new Map<string, Set<LiveSocket>>()
  bus.subscribe('notify', (pushed) => {
    const { userId, message } = pushed as UserPush
    const text = JSON.stringify(message)
    for (const socket of sockets.get(userId) ?? []) socket.send(text)
  })
  return {
    join(userId: string, socket: LiveSocket): () => void {
      const mine = sockets.get(userId) ?? new Set()
      mine.add(socket)
      sockets.set(userId, mine)
      return () => {
        mine.delete(socket)
        if (mine.size === 0) sockets.delete(userId)
      }
    },
    push(userId: string, message: object) {
      bus.publish('notify', { userId, message } satisfies UserPush)
    },
    connected: () => sockets.size,
  }
}

export type NotifyHub = ReturnType<typeof createNotifyHub>
