import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { ltree } from '../../db/types'

/** PostgreSQL's 64-bit transaction id: orders a change against the snapshots the feed reads by. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' })

/**
 * The change log of what the field app keeps on the phone: one row per building, household or person
 * written, moved or deleted (statement triggers on those tables, migration 0023), with the grid path
 * before and after, so the feed finds the changes of the reader's subtrees and the records that left
 * them. `tx` is the writing transaction: the feed reads the rows committed between two snapshots,
 * so a transaction that commits late is never skipped (see README).
 */
export const fieldChanges = pgTable(
  'field_changes',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tx: xid8('tx').notNull().default(sql`pg_current_xact_id()`),
    kind: text('kind').notNull(),
    id: uuid('id').notNull(),
    oldPath: ltree('old_path'),
    newPath: ltree('new_path'),
    deleted: boolean('deleted').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('field_changes_tx_idx').on(t.tx, t.seq),
    check('field_changes_kind_check', sql`${t.kind} in ('building', 'household', 'person')`),
  ],
)
