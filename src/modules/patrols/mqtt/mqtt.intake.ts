import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { FastifyBaseLogger } from 'fastify'
import { connect, type IPublishPacket, type MqttClient } from 'mqtt'
import { Counter, type Registry } from 'prom-client'
import { Problem } from '../../../lib/problem'
import { safeMessage } from '../../../lib/safe-error'
import { TRACKER_CODE, type TrackPointsBody, TrackPointsSchema } from '../trackers.schema'

/** Where a tracker publishes: `wangge/trackers/{code}/points`, the body the HTTP intake takes. */
export const TRACKER_TOPIC = /^wangge\/trackers\/([^/]+)\/points$/

/**
 * Every node subscribes in one share group: the broker hands each message to one of them, so the
 * nodes split the stream and each point is written once (and again harmlessly if redelivered:
 * intake is idempotent by the tracker's sequence numbers).
 */
const subscriptionOf = (group: string) => `$share/${group}/wangge/trackers/+/points`

export const SHARED_SUBSCRIPTION = subscriptionOf('wangge')

export type MessageOutcome = 'stored' | 'bad_payload' | 'refused' | 'failed'

export interface MqttIntakeOptions {
  url: string
  /** The one service function HTTP intake uses too. */
  ingest: (code: string, body: TrackPointsBody) => Promise<unknown>
  log: FastifyBaseLogger
  /** The app's metrics registry: counts messages by outcome. */
  metrics?: Registry
  /** Defaults to `wangge-<host>-<pid>-<random>`: a clean session of its own per process. */
  clientId?: string
  /** The share group, `wangge` (tests use one of their own, so two runs on one broker do not split a stream). */
  group?: string
}

/** Reads a message; answers the code and points, or why it cannot be stored (logged and dropped). */
export function parseMessage(
  topic: string,
  payload: Buffer,
): { code: string; body: TrackPointsBody } | { problem: string } {
  const code = TRACKER_TOPIC.exec(topic)?.[1]
  if (!code || !TRACKER_CODE.test(code)) return { problem: 'topic is not wangge/trackers/{code}/points' }
  let json: unknown
  try {
    json = JSON.parse(payload.toString('utf8'))
  } catch {
    return { problem: 'payload is not JSON' }
  }
  const parsed = TrackPointsSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { problem: `payload: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim() }
  }
  return { code, body: parsed.data }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Whether a write may succeed if tried again: no answer from the database (the connection), or an
 * answer of class 08 (connection), 40 (rollback), 53 (resources), 57 (operator) or 58 (system).
 * Any other SQLSTATE is the message's own fault and would fail for ever.
 */
export function isTransient(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
      return ['08', '40', '53', '57', '58'].includes(code.slice(0, 2))
  }
  return true
}

/**
 * The MQTT intake of trackers: a QoS 1 shared subscription whose messages are acknowledged only once
 * their points are in the database (or refused for good: a bad payload, an unknown or unbound
 * tracker, points outside the days kept, a statement the database refuses — logged, counted,
 * dropped). An unreachable or overloaded database is retried with the message held unacknowledged,
 * so the broker's stream to this node waits rather than loses.
 */
export function createMqttIntake(opts: MqttIntakeOptions) {
  const { log } = opts
  const subscription = subscriptionOf(opts.group ?? 'wangge')
  let client: MqttClient | null = null
  let stopping = false
  const counts: Record<MessageOutcome, number> = { stored: 0, bad_payload: 0, refused: 0, failed: 0 }
  const counter = opts.metrics
    ? new Counter({
        name: 'wangge_tracker_messages_total',
        help: 'MQTT messages of trackers by outcome: stored, bad_payload, refused and failed (dropped)',
        labelNames: ['outcome'] as const,
        registers: [opts.metrics],
      })
    : null

  function count(outcome: MessageOutcome) {
    counts[outcome] += 1
    counter?.inc({ outcome })
  }

  async function handle(topic: string, payload: Buffer): Promise<void> {
    const message = parseMessage(topic, payload)
    if ('problem' in message) {
      log.warn({ topic, problem: message.problem }, 'tracker message dropped')
      return count('bad_payload')
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await opts.ingest(message.code, message.body)
        return count('stored')
      } catch (error) {
        if (error instanceof Problem) {
          log.warn({ topic, code: error.code }, 'tracker message refused')
          return count('refused')
        }
        if (stopping) throw error
        if (!isTransient(error)) {
          log.error({ topic, err: safeMessage(error) }, 'tracker message dropped: the database refused it')
          return count('failed')
        }
        log.error({ topic, err: safeMessage(error), attempt }, 'tracker message not stored yet: retrying')
        await sleep(Math.min(5_000, 200 * 2 ** attempt))
      }
    }
  }

  return {
    /**
     * Connects and subscribes; resolves once subscribed, rejects on the first connection error (the
     * client keeps trying and subscribes when the broker answers).
     */
    async start(): Promise<void> {
      if (client) return
      stopping = false
      const clientId =
        opts.clientId ?? `wangge-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`
      const c = connect(opts.url, { protocolVersion: 5, clientId, clean: true, reconnectPeriod: 2_000 })
      client = c
      // The acknowledgement (PUBACK) goes out when this calls back: after the write.
      c.handleMessage = (packet: IPublishPacket, done) => {
        const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload
        handle(packet.topic, payload).then(
          () => done(),
          (error: Error) => done(error),
        )
      }
      c.on('error', (error) => log.error({ err: safeMessage(error) }, 'MQTT intake error'))
      // Subscribed once; after a lost connection the client subscribes again by itself (`resubscribe`).
      await new Promise<void>((resolve, reject) => {
        const failed = (error: Error) => reject(error)
        c.once('error', failed)
        c.once('connect', () => {
          c.subscribe(subscription, { qos: 1 }, (error) => {
            c.off('error', failed)
            if (error) reject(error)
            else resolve()
          })
        })
      })
      log.info({ subscription }, 'MQTT intake subscribed')
    },

    /** Messages handled by this node so far, by outcome. */
    counts: () => ({ ...counts }),

    async stop(): Promise<void> {
      stopping = true
      const c = client
      client = null
      if (c) await c.endAsync(true)
    },
  }
}

export type MqttIntake = ReturnType<typeof createMqttIntake>

declare module 'fastify' {
  interface FastifyInstance {
    /** The MQTT intake of trackers when WANGGE_MQTT_URL is set (null otherwise); the server starts it. */
    mqttIntake: MqttIntake | null
  }
}
