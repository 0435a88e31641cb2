/** A live connection of a signed-in user: what the WebSocket route registers. */
export interface LiveSocket {
  send(data: string): void
}

/** Who is connected on this node, to push new inbox items at once (other nodes push to theirs). */
export function createNotifyHub() {
  const sockets = new Map<string, Set<LiveSocket>>()
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
      const text = JSON.stringify(message)
      for (const socket of sockets.get(userId) ?? []) socket.send(text)
    },
    connected: () => sockets.size,
  }
}

export type NotifyHub = ReturnType<typeof createNotifyHub>
