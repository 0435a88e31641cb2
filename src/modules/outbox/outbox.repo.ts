import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

/** A message due for delivery. */
export interface PendingMessage {
  id: string
  topic: string
  payload: Record<string, unknown>
  attempts: number
}

/** The advisory lock class of the outbox's per-case locks (two-key locks: apart from one-key ones). */
const CASE_LOCKS = 7_101

export const outboxRepo = {
  /** Adds a message in the caller's transaction: it is delivered only if that transaction commits. */
  async enqueue(ex: Executor, topic: string, payload: Record<string, unknown>): Promise<void> {
    await ex.execute(
      sql`insert into outbox (id, topic, payload) values (${uuidv7()}, ${topic}, ${JSON.stringify(payload)}::jsonb)`,
    )
  },

  /** Records a message already delivered (a log of what was sent), in the caller's transaction. */
  async insertDelivered(ex: Executor, topic: string, payload: Record<string, unknown>): Promise<void> {
    await ex.execute(sql`insert into outbox (id, topic, payload, delivered_at, attempts)
      values (${uuidv7()}, ${topic}, ${JSON.stringify(payload)}::jsonb, now(), 1)`)
  },

  /**
   * The same message as a sub-statement (a CTE) of a change written as one statement: one message
   * per row of `from`, its payload a jsonb expression that may name that row's columns.
   */
  enqueueFrom(topic: string, payload: SQL, from: SQL): SQL {
    return sql`insert into outbox (id, topic, payload) select ${uuidv7()}, ${topic}, ${payload} from ${from}`
  },

  /**
   * Locks up to `limit` due messages of these topics, oldest first, until the transaction ends;
   * rows another node or lane holds are skipped (`skip locked`), so they share the work.
   * `oneLanePerCase`: a message about a case another transaction is delivering a message of is
   * skipped too (a transaction-scoped advisory lock per case), so a case's messages are delivered
   * in the order they were written however many lanes drain.
   */
  async claimDue(
    tx: Executor,
    topics: readonly string[],
    limit: number,
    options: { oneLanePerCase?: boolean } = {},
  ): Promise<PendingMessage[]> {
    const listed = sql.join(
      topics.map((t) => sql`${t}`),
      sql`, `,
    )
    const due = sql`select id, topic, payload, attempts, created_at from outbox
      where delivered_at is null and available_at <= now() and topic in (${listed})
      order by created_at, id limit ${limit} for update skip locked`
    if (!options.oneLanePerCase) return queryRows<PendingMessage>(tx, due)
    // The case's lock is tried only on the rows claimed (a filter beside the scan would try it on
    // every due row); a row left out is unlocked when this transaction ends.
    return queryRows<PendingMessage>(
      tx,
      sql`select id, topic, payload, attempts from (${due}) c
        where pg_try_advisory_xact_lock(${CASE_LOCKS}, hashtext(coalesce(c.payload->>'caseId', c.id::text)))
        order by c.created_at, c.id`,
    )
  },

  /** Marks these messages delivered, in one statement. */
  async markDelivered(tx: Executor, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    await tx.execute(sql`update outbox set delivered_at = now(), attempts = attempts + 1
      where id = any(${pgTextArray(ids)}::uuid[])`)
  },

  /** Keeps the error and backs off: 2, 4, 8 … seconds after each failure, at most an hour. */
  async markFailed(tx: Executor, id: string, error: string): Promise<void> {
    await tx.execute(sql`update outbox set attempts = attempts + 1, last_error = ${error},
      available_at = now() + make_interval(secs => least(power(2, attempts + 1), 3600)) where id = ${id}`)
  },
}
