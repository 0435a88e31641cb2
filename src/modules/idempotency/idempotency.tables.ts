import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { createdAt } from '../../db/types'

/**
 * The answers to creating requests sent with an `Idempotency-Key`, per caller: a retry after a lost
 * response gets the same answer instead of a second record. Written in the service's own transaction
 * (the key commits with the change or not at all); forgotten after 30 days.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who sent it: `user:<id>` or `api_key:<id>` (one caller's key never answers another's). */
    caller: text('caller').notNull(),
    /** The client's UUID (the outbox entry's id on the phone). */
    key: text('key').notNull(),
    /** SHA-256 of the operation and the body in canonical JSON: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
)
