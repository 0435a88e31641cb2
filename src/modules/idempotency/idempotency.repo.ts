import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

/** Days a key is remembered: longer than a device session lasts, so a phone's retry always finds it. */
export const KEEP_DAYS = 30
/** Expired keys removed by each new key: more than one, so the table stays bounded without a timer. */
const FORGET_PER_KEY = 100

export interface StoredAnswer {
  request_hash: string
  status: number | null
  response: unknown
}

/** Every SQL statement of the idempotency store. */
export const idempotencyRepo = {
  /**
   * Claims the key for this transaction: true when it is new. A concurrent claim of the same key
   * waits on the unique index until the first transaction ends, then finds the committed row (or,
   * after a rollback, claims it itself).
   */
  async claim(ex: Executor, caller: string, key: string, requestHash: string): Promise<boolean> {
    const rows = await queryRows<{ key: string }>(
      ex,
      sql`insert into idempotency_keys (caller, key, request_hash) values (${caller}, ${key}, ${requestHash})
        on conflict (caller, key) do nothing returning key`,
    )
    return rows.length === 1
  },

  async find(ex: Executor, caller: string, key: string): Promise<StoredAnswer | undefined> {
    const [row] = await queryRows<StoredAnswer>(
      ex,
      sql`select request_hash, status, response from idempotency_keys where caller = ${caller} and key = ${key}`,
    )
    return row
  },

  async answer(ex: Executor, caller: string, key: string, status: number, response: unknown): Promise<void> {
    await ex.execute(sql`update idempotency_keys set status = ${status}, response = ${JSON.stringify(response)}::jsonb
      where caller = ${caller} and key = ${key}`)
  },

  /** Forgets a batch of keys older than KEEP_DAYS (skipping rows another transaction holds). */
  async forgetExpired(ex: Executor, limit = FORGET_PER_KEY): Promise<number> {
    const rows = await queryRows<{ key: string }>(
      ex,
      sql`delete from idempotency_keys where (caller, key) in (select caller, key from idempotency_keys
          where created_at < now() - make_interval(days => ${KEEP_DAYS}) order by created_at
          limit ${limit} for update skip locked)
        returning key`,
    )
    return rows.length
  },
}
