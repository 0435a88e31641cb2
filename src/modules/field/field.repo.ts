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

  /**
   * Deletes the changes logged before `before` and moves the horizon to the newest transaction
   * deleted, in one statement. Answers how many went.
   */
  async prune(ex: Executor, before: Date): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`with gone as (delete from field_changes where at < ${before} returning tx),
        newest as (select tx from gone order by tx desc limit 1),
        moved as (
          insert into field_sync_horizon (id, pruned_tx, pruned_at) select 1, tx, now() from newest
          on conflict (id) do update set pruned_tx = greatest(field_sync_horizon.pruned_tx, excluded.pruned_tx),
            pruned_at = excluded.pruned_at)
        select count(*)::int as n from gone`,
    )
    return row?.n ?? 0
  },

  /**
   * The log's epoch, and whether changes the snapshot did not hold were pruned (a phone at that
   * cursor may have missed some): the newest pruned transaction is not visible in it. (Not the
   * snapshot's xmin: any long transaction anywhere in the cluster holds that back, and every phone
   * would be reset.) The row is made on first use: a restored database starts a new epoch.
   */
  async standing(ex: Executor, snapshot: string): Promise<{ epoch: string; gap: boolean }> {
    const read = () =>
      queryRows<{ epoch: string; gap: boolean }>(
        ex,
        sql`select epoch::text as epoch,
            pruned_tx <> '0'::xid8 and not pg_visible_in_snapshot(pruned_tx, ${snapshot}::pg_snapshot) as gap
          from field_sync_horizon where id = 1`,
      )
    let [row] = await read()
    if (!row) {
      await ex.execute(sql`insert into field_sync_horizon (id) values (1) on conflict (id) do nothing`)
      ;[row] = await read()
    }
    if (!row) throw new Error('the field sync horizon is missing')
    return row
  },
}
