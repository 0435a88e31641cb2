import { sql } from 'drizzle-orm'
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sha256Hex } from '../../db/types'

/**
 * Append-only audit trail. Writers insert rows with no `seq`/`hash`; the sealer later chains them in
 * `seq` order, each row's hash covering the previous hash and the row's content. Triggers (see the
 * migration `audit_chain`) refuse UPDATE, DELETE and TRUNCATE, except the sealer's one-time update.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** `user`, `api_key` or `system`. */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    /** What happened, `<module>.<verb>`: `auth.login`, `user.create`, `role.grant` … */
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    /** Before/after summary: field names and non-personal values only. */
    summary: jsonb('summary').notNull().default({}),
    seq: bigint('seq', { mode: 'number' }),
    prevHash: sha256Hex('prev_hash'),
    hash: sha256Hex('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_seq_key').on(t.seq),
    index('audit_log_unsealed_idx').on(t.id).where(sql`${t.seq} is null`),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
)
