import { type SQL, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

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
}
