import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

export interface LoggedChange {
  kind: string
  id: string
  seq: number
}

/** `path <@ any(scopes)` for a list of subtrees (the root '' covers every path). */
const under = (column: string, scopes: string[]) =>
  sql`${sql.raw(column)} <@ any(array[${sql.join(
    scopes.map((p) => sql`${p}::ltree`),
    sql`, `,
  )}])`

/** Every SQL statement of the field feed (its change log; the records come from the ledgers). */
export const fieldRepo = {
  /** The database's current snapshot (`xmin:xmax:xip…`): a position in the change log. */
  async snapshot(ex: Executor): Promise<string> {
    const [row] = await queryRows<{ s: string }>(ex, sql`select pg_current_snapshot()::text as s`)
    if (!row) throw new Error('no snapshot')
    return row.s
  },

  /**
   * The records changed by transactions committed after snapshot `from` and by snapshot `to` (as
   * PgQ reads its batches), under the scopes before or after the change; each record once, at its
   * latest change, in the order of those changes, after `afterSeq`.
   */
  changed(
    ex: Executor,
    q: { from: string; to: string; afterSeq: number; scopes: string[]; limit: number },
  ): Promise<LoggedChange[]> {
    return queryRows<LoggedChange>(
      ex,
      sql`select kind, id, max(seq)::float8 as seq from field_changes
        where tx >= pg_snapshot_xmin(${q.from}::pg_snapshot) and tx < pg_snapshot_xmax(${q.to}::pg_snapshot)
          and pg_visible_in_snapshot(tx, ${q.to}::pg_snapshot)
          and not pg_visible_in_snapshot(tx, ${q.from}::pg_snapshot)
          and seq > ${q.afterSeq}
          and (${under('new_path', q.scopes)} or ${under('old_path', q.scopes)})
        group by kind, id order by max(seq) limit ${q.limit}`,
    )
  },
}
