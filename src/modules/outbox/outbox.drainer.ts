import type { FastifyBaseLogger } from 'fastify'
import type { Db, Tx } from '../../db/database'
import { safeMessage } from '../../lib/safe-error'
import { outboxRepo, type PendingMessage } from './outbox.repo'

/**
 * Delivers one outbox message inside the drain's transaction. What must
 * happen only once the delivery is committed (a push to a socket) is returned as a callback. `message.id`
 * is the outbox row's id: the same on every retry, so it serves as an idempotency key outside.
 */
export type OutboxHandler = (
  tx: Tx,
  payload: Record<string, unknown>,
  message: { id: string; attempts: number },
) => Promise<(() => void) | undefined>

/** A message as a handler of a batch sees it. */
export interface OutboxMessage {
  id: string
  attempts: number
  payload: Record<string, unknown>
}

/**
 * Delivers several messages of one topic at once (the rows of a batch that follow one another), in
 * the drain's transaction: a hot topic reads and writes for all of them in a few statements. When a
 * delivery fails, the batch is undone and each message is handed over again on its own.
 */
export type OutboxBatchHandler = (tx: Tx, messages: OutboxMessage[]) => Promise<(() => void) | undefined>

/**
 * Tells the outside world at once of a batch of messages of one topic, as soon as they are claimed,
 * before any handler runs: it reads only what the message's own transaction committed (the case a
 * report wrote) and writes nothing, so it need not wait for the drain to commit. It runs again if
 * the drain is retried: what it tells must bear repeating (the live map takes a case's latest state).
 */
export type OutboxAnnouncer = (tx: Tx, payloads: Record<string, unknown>[]) => Promise<void>

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
/**
 * Rows claimed per drain transaction. A message waits for the batch ahead of it, so the batch is
 * kept small (about 10 rows × a few ms): the live map's cases wait tens of milliseconds for a drain,
 * not the half-second that fifty rows took under load (bench `fanout`).
 */
const BATCH = 10

/** The rows in order, cut where the topic changes: each run is handed to its topic's handlers at once. */
function runsOfOneTopic(rows: PendingMessage[]): PendingMessage[][] {
  const runs: PendingMessage[][] = []
  for (const row of rows) {
    const last = runs.at(-1)
    if (last && last[0]?.topic === row.topic) last.push(row)
    else runs.push([row])
  }
  return runs
}

/**
 * `lanes`: how many drain transactions a node runs at once (a pooled server: 2; the embedded
 * database, which runs one transaction at a time: 1).
 */
export function createOutboxDrainer(db: Db, log: FastifyBaseLogger, lanes = 1) {
  const handlers = new Map<string, OutboxBatchHandler[]>()
  const announcers = new Map<string, OutboxAnnouncer[]>()
  const alone = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  /** The lanes running now, by slot; slot 0 also delivers the `alone` topics, in order. */
  const running: (Promise<number> | null)[] = Array.from({ length: Math.max(1, lanes) }, () => null)
  let again = false

  /** Topics delivered in batches: only those this drainer handles, the rest wait for one that does. */
  const batchTopics = () =>
    [...new Set([...handlers.keys(), ...announcers.keys()])].filter((t) => !alone.has(t))

  /**
   * Runs the announcers of the claimed rows, a topic at a time: straight in the transaction (a
   * failure redoes the batch carefully) or, `careful`, a message at a time in a savepoint, a
   * failure logged and not retried.
   */
  async function announce(tx: Tx, rows: PendingMessage[], careful: boolean) {
    for (const [topic, list] of announcers) {
      const payloads = rows.filter((r) => r.topic === topic).map((r) => r.payload)
      if (payloads.length === 0) continue
      for (const tell of list) {
        if (!careful) {
          await tell(tx, payloads)
          continue
        }
        // Carefully: one message at a time, so one bad message silences only itself.
        for (const payload of payloads)
          try {
            await tx.transaction((sp) => tell(sp, [payload]))
          } catch (error) {
            log.warn({ topic, err: safeMessage(error) }, 'outbox announcement failed')
          }
      }
    }
  }

  /** Runs the handlers of messages of one topic, in order; answers what to run once the drain commits. */
  async function handle(tx: Tx, topic: string, messages: PendingMessage[]): Promise<(() => void)[]> {
    const later: (() => void)[] = []
    for (const h of handlers.get(topic) ?? []) {
      const then = await h(tx, messages)
      if (then) later.push(then)
    }
    return later
  }

  /**
   * Runs a row's handlers in a savepoint: true when they all succeeded (the caller marks it
   * delivered), false once the failure is recorded and the row backed off.
   */
  async function deliver(tx: Tx, row: PendingMessage, afterCommit: (() => void)[]): Promise<boolean> {
    try {
      afterCommit.push(...(await tx.transaction((sp) => handle(sp, row.topic, [row]))))
      return true
    } catch (error) {
      log.warn(
        { topic: row.topic, id: row.id, err: safeMessage(error) },
        'outbox delivery failed; will retry',
      )
      await outboxRepo.markFailed(tx, row.id, safeMessage(error))
      return false
    }
  }

  /**
   * One batch in one transaction. First without savepoints (two round trips a row fewer: nearly
   * every delivery succeeds); when anything fails, the whole batch is undone and delivered again
   * `careful`ly, each row in a savepoint of its own, so only the failing row is retried.
   */
  async function runBatch(topics: string[], careful: boolean): Promise<number> {
    const afterCommit: (() => void)[] = []
    const count = await db.transaction(async (tx) => {
      const rows = await outboxRepo.claimDue(tx, topics, BATCH, { oneLanePerCase: true })
      await announce(tx, rows, careful)
      const delivered: string[] = []
      if (careful) {
        for (const row of rows) if (await deliver(tx, row, afterCommit)) delivered.push(row.id)
      } else {
        for (const run of runsOfOneTopic(rows)) {
          afterCommit.push(...(await handle(tx, run[0]?.topic ?? '', run)))
          delivered.push(...run.map((r) => r.id))
        }
      }
      await outboxRepo.markDelivered(tx, delivered)
      return rows.length
    })
    for (const then of afterCommit) then()
    return count
  }

  async function drainBatch(): Promise<number> {
    const topics = batchTopics()
    if (topics.length === 0) return 0
    try {
      return await runBatch(topics, false)
    } catch {
      // Whatever failed (a handler, an announcer, or a statement after a handler swallowed an
      // error), the batch was undone: each row is tried again in a savepoint of its own.
      return runBatch(topics, true)
    }
  }

  /** Delivers one due row of a topic registered `alone` in a transaction of its own; 0 when none is due. */
  async function drainOne(): Promise<number> {
    if (alone.size === 0) return 0
    const afterCommit: (() => void)[] = []
    const count = await db.transaction(async (tx) => {
      const [row] = await outboxRepo.claimDue(tx, [...alone], 1)
      if (!row) return 0
      if (await deliver(tx, row, afterCommit)) await outboxRepo.markDelivered(tx, [row.id])
      return 1
    })
    for (const then of afterCommit) then()
    return count
  }

  /** One lane: passes over everything due until a pass finds nothing new to do. */
  async function lane(slot: number): Promise<number> {
    let total = 0
    do {
      again = false
      let n: number
      do {
        n = await drainBatch()
        total += n
      } while (n === BATCH)
      // A bounded share of lone messages per pass, so a slow gateway never holds up the inbox; one
      // lane only, so two messages to one resident leave in the order they were written.
      let sent = 0
      while (slot === 0 && sent < ALONE_PER_PASS && (await drainOne()) > 0) sent += 1
      total += sent
      if (sent === ALONE_PER_PASS) again = true
    } while (again)
    return total
  }

  /**
   * Delivers everything due now. A call while every lane is busy asks them for another pass; with a
   * lane free it starts one, so a message written during a long batch is taken by another
   * transaction at once (`skip locked` keeps the lanes' rows apart, and the messages of one case in
   * one lane at a time). Resolves when no lane is running.
   */
  async function drain(): Promise<number> {
    const slot = running.indexOf(null)
    if (slot >= 0) {
      const run: Promise<number> = lane(slot).finally(() => {
        running[slot] = null
      })
      running[slot] = run
    } else again = true
    let total = 0
    const live = () => running.filter((r): r is Promise<number> => r !== null)
    for (let busy = live(); busy.length > 0; ) {
      total += (await Promise.all(busy)).reduce((a, b) => a + b, 0)
      const waited = busy
      busy = live().filter((r) => !waited.includes(r))
    }
    return total
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
      const each: OutboxBatchHandler = async (tx, messages) => {
        const later: (() => void)[] = []
        for (const m of messages) {
          const then = await handler(tx, m.payload, { id: m.id, attempts: m.attempts })
          if (then) later.push(then)
        }
        return () => {
          for (const then of later) then()
        }
      }
      handlers.set(topic, [...(handlers.get(topic) ?? []), each])
      if (options.alone) alone.add(topic)
    },
    /**
     * Registers a handler of a topic's messages a run at a time (`OutboxBatchHandler`); it runs in
     * registration order with the topic's other handlers. Not for topics registered `alone`.
     */
    onBatch(topic: string, handler: OutboxBatchHandler) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler])
    },
    /**
     * Registers an announcer of a topic: told of each batch of its messages as soon as they are
     * claimed (see `OutboxAnnouncer`). Not for topics registered `alone`.
     */
    announce(topic: string, announcer: OutboxAnnouncer) {
      announcers.set(topic, [...(announcers.get(topic) ?? []), announcer])
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
      await Promise.all(running.filter((r): r is Promise<number> => r !== null))
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
