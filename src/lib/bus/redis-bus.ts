import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'
import { safeMessage } from '../safe-error'
import type { LiveBus } from './bus'

/** Channels are named `wangge:<topic>`: a Redis shared with other software keeps them apart. */
const PREFIX = 'wangge:'

/**
 * The bus over Redis pub/sub: one connection publishes, one listens (a subscribed connection can do
 * nothing else). Reconnects by itself; while Redis is away, pushes are dropped with a warning (the
 * data is committed and every screen reads it on its next load), never queued without bound.
 */
export async function redisBus(url: string, log: FastifyBaseLogger): Promise<LiveBus> {
  const options = {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times: number) => Math.min(times * 200, 5_000),
  }
  const pub = new Redis(url, options)
  const sub = new Redis(url, options)
  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const)
    client.on('error', (error) => log.warn({ err: safeMessage(error) }, `Redis ${name}: ${error.message}`))
  try {
    await Promise.all([pub.connect(), sub.connect()])
  } catch (error) {
    pub.disconnect()
    sub.disconnect()
    const where = url.replace(/\/\/[^@/]*@/, '//***@')
    throw new Error(`Redis at ${where} does not answer (REDIS_URL): ${safeMessage(error)}`)
  }

  const handlers = new Map<string, Set<(message: unknown) => void>>()
  let warnedAt = 0
  const subscribing: Promise<unknown>[] = []
  sub.on('message', (channel: string, text: string) => {
    const topic = channel.slice(PREFIX.length)
    let message: unknown
    try {
      message = JSON.parse(text)
    } catch {
      return
    }
    for (const handler of handlers.get(topic) ?? [])
      try {
        handler(message)
      } catch (error) {
        // A subscriber's fault must not escape into the Redis client's socket handler.
        log.error({ err: safeMessage(error), topic }, 'live bus subscriber failed')
      }
  })

  return {
    kind: 'redis',
    publish(topic, message) {
      pub.publish(PREFIX + topic, JSON.stringify(message)).catch((error) => {
        // Once a minute at most: while Redis is away every position upload would say it again.
        if (Date.now() - warnedAt < 60_000) return
        warnedAt = Date.now()
        log.warn({ err: safeMessage(error), topic }, 'live pushes not sent: Redis unavailable')
      })
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic)
      if (!set) {
        set = new Set()
        handlers.set(topic, set)
        const subscribed = sub.subscribe(PREFIX + topic)
        subscribed.catch((error) => log.warn({ err: safeMessage(error), topic }, 'Redis subscribe failed'))
        subscribing.push(subscribed)
      }
      set.add(handler)
      const mine = set
      return () => {
        mine.delete(handler)
      }
    },
    async ready() {
      await Promise.all(subscribing)
    },
    async close() {
      handlers.clear()
      await Promise.allSettled([pub.quit(), sub.quit()])
    },
  }
}
