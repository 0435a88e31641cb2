import type { FastifyBaseLogger } from 'fastify'
import type { Db, Tx } from '../../db/database'
import { safeMessage } from '../../lib/safe-error'
import { outboxRepo, type PendingMessage } from './outbox.repo'

/**
 * Delivers one outbox message inside the drain's transaction (a savepoint of its own). What must
 * happen only once the delivery is committed (a push to a socket) is returned as a callback. `message.id`
 * is the outbox row's id: the same on every retry, so it serves as an idempotency key outside.
 */
export type OutboxHandler = (
  tx: Tx,
  payload: Record<string, unknown>,
  message: { id: string; attempts: number },
) => Promise<(() => void) | undefined>

/**
 * Drains the outbox: due messages are locked (`skip locked`, so several nodes share the work), handed
 * to their topic's handlers and marked delivered in the same transaction; a failing message is retried
 * later with a growing delay (up to an hour) and its last error kept. Nothing is lost when a process
 * stops: undelivered rows wait for the next drain, on any node. A drainer takes only the topics it
 * has handlers for: a row of another topic (a node of an older version, a drainer built for one
 * purpose) waits for a drainer that knows it, never marked delivered unhandled. Topics registered `alone` (a message
 * leaving the product) are delivered one row per transaction, after the batches, so a failure
 * elsewhere never undoes the record of a message the outside world has already taken.
 */
const ALONE_PER_PASS = 20

export function createOutboxDrainer(db: Db, log: FastifyBaseLogger) {
  const handlers = new Map<string, OutboxHandler[]>()
  const alone = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  let running: Promise<number> | null = null
  let again = false

  /** Topics delivered in batches: only those this drainer handles, the rest wait for one that does. */
  const batchTopics = () => [...handlers.keys()].filter((t) => !alone.has(t))

  /** Runs a row's handlers in a savepoint and marks it delivered, or records the failure and backs off. */
  async function deliver(tx: Tx, row: PendingMessage, afterCommit: (() => void)[]) {
    const later: (() => void)[] = []
    try {
      await tx.transaction(async (sp) => {
        for (const handle of handlers.get(row.topic) ?? []) {
          const then = await handle(sp, row.payload, { id: row.id, attempts: row.attempts })
          if (then) later.push(then)
        }
      })
      await outboxRepo.markDelivered(tx, row.id)
      afterCommit.push(...later)
    } catch (error) {
      log.warn(
        { topic: row.topic, id: row.id, err: safeMessage(error) },
        'outbox delivery failed; will retry',
      )
      await outboxRepo.markFailed(tx, row.id, safeMessage(error))
    }
  }

  async function drainBatch(): Promise<number> {
    const topics = batchTopics()
    if (topics.length === 0) return 0
    const afterCommit: (() => void)[] = []
    const count = await db.transaction(async (tx) => {
      const rows = await outboxRepo.claimDue(tx, topics, 50)
      for (const row of rows) await deliver(tx, row, afterCommit)
      return rows.length
    })
    for (const then of afterCommit) then()
    return count
  }

  /** Delivers one due row of a topic registered `alone` in a transaction of its own; 0 when none is due. */
  async function drainOne(): Promise<number> {
    if (alone.size === 0) return 0
    const afterCommit: (() => void)[] = []
    const count = await db.transaction(async (tx) => {
      const [row] = await outboxRepo.claimDue(tx, [...alone], 1)
      if (!row) return 0
      await deliver(tx, row, afterCommit)
      return 1
    })
    for (const then of afterCommit) then()
    return count
  }

  /** Delivers everything due now; concurrent calls share one run (and ask for another pass). */
  async function drain(): Promise<number> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      let total = 0
      try {
        do {
          again = false
          let n: number
          do {
            n = await drainBatch()
            total += n
          } while (n === 50)
          // A bounded share of lone messages per pass, so a slow gateway never holds up the inbox.
          let sent = 0
          while (sent < ALONE_PER_PASS && (await drainOne()) > 0) sent += 1
          total += sent
          if (sent === ALONE_PER_PASS) again = true
        } while (again)
      } finally {
        running = null
      }
      return total
    })()
    return running
  }

  function poke() {
    drain().catch((error) => log.error({ err: safeMessage(error) }, 'outbox drain failed'))
  }

  return {
    /**
     * Registers a topic's handler (several may share a topic; they run in registration order).
     * `alone`: each row of the topic is delivered in a transaction of its own.
     */
    on(topic: string, handler: OutboxHandler, options: { alone?: boolean } = {}) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler])
      if (options.alone) alone.add(topic)
    },
    drain,
    /** Drains now (after a write) without waiting. */
    poke,
    /** Drains every second until stopped (retries come due on their own). */
    start(everyMs = 1000) {
      timer ??= setInterval(poke, everyMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = null
      await running
    },
  }
}

export type OutboxDrainer = ReturnType<typeof createOutboxDrainer>

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox drainer: the server starts it; tests drain by hand. */
    outbox: OutboxDrainer
  }
}
