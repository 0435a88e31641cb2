/**
 * How a node tells every node (itself included) that something committed: a live push to sockets,
 * wherever they are connected. One process needs nothing more than a call; several nodes share
 * Redis pub/sub (redis-bus.ts). Messages are JSON; delivery is at most once per node, never stored:
 * what must not be lost goes through the outbox first, and the bus only carries its after-commit push.
 */
export interface LiveBus {
  /** Sends to every node's subscribers of `topic` (this node's at once, others' within milliseconds). */
  publish(topic: string, message: unknown): void
  /** Hears `topic`; answers the unsubscribe. */
  subscribe(topic: string, handler: (message: unknown) => void): () => void
  /** Settles once every subscription so far is in place (the server waits for it before it listens). */
  ready(): Promise<void>
  close(): Promise<void>
  /** `local` (one process) or `redis`. */
  readonly kind: 'local' | 'redis'
}

/** The embedded default: subscribers of this process hear a publish at once, in the same call. */
export function localBus(): LiveBus {
  const handlers = new Map<string, Set<(message: unknown) => void>>()
  return {
    kind: 'local',
    publish(topic, message) {
      // Through JSON as over Redis, so nothing works here that would not work on several nodes.
      const copy = JSON.parse(JSON.stringify(message)) as unknown
      for (const handler of handlers.get(topic) ?? [])
        try {
          handler(copy)
        } catch {
          // As over Redis: one subscriber's fault is its own, never the publisher's.
        }
    },
    subscribe(topic, handler) {
      const set = handlers.get(topic) ?? new Set()
      set.add(handler)
      handlers.set(topic, set)
      return () => {
        set.delete(handler)
      }
    },
    async ready() {},
    async close() {
      handlers.clear()
    },
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The live bus: pushes after commit reach every node's sockets. */
    bus: LiveBus
  }
}
