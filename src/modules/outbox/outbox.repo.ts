import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

export const outboxRepo = {
  /** Adds a message in the caller's transaction: it is delivered only if that transaction commits. */
  async enqueue(ex: Executor, topic: string, payload: Record<string, unknown>): Promise<void> {
    await ex.execute(
      sql`insert into outbox (id, topic, payload) values (${uuidv7()}, ${topic}, ${JSON.stringify(payload)}::jsonb)`,
    )
  },
}
