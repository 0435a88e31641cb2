import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  pgTable,
  smallint,
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
    // The daily prune deletes by age.
    index('field_changes_at_idx').on(t.at),
    check('field_changes_kind_check', sql`${t.kind} in ('building', 'household', 'person')`),
  ],
)

/**
 * The log's standing, one row. `epoch` names this database's log: a cursor from another (a restored
 * backup starts a new log; transaction ids mean nothing across databases) is answered with a full
 * reset. `pruned_tx` is the newest transaction whose changes were pruned: a cursor whose snapshot does
 * not hold it may have missed a pruned change, and is answered with a full reset too, never a gap.
 */
export const fieldSyncHorizon = pgTable(
  'field_sync_horizon',
  {
    id: smallint('id').primaryKey().default(1),
    epoch: uuid('epoch').notNull().defaultRandom(),
    prunedTx: xid8('pruned_tx').notNull().default(sql`'0'::xid8`),
    prunedAt: timestamp('pruned_at', { withTimezone: true }),
  },
  (t) => [check('field_sync_horizon_one_row', sql`${t.id} = 1`)],
)
