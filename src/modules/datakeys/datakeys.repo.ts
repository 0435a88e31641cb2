import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import type { SealedTable } from './datakeys.columns'

export interface RotationRow {
  id: string
  target_key_id: string
  status: 'running' | 'done' | 'failed'
  progress: Record<string, { after: string; done: number }>
  started_by: string
  started_at: string
  finished_at: string | null
  failure: string | null
  rows_done: number
}

const FIRST_UUID = '00000000-0000-0000-0000-000000000000'
const id = sql.identifier

/** A sealed value not under the current key (the key id is the third dot-separated part). */
const notUnder = (column: string, keyId: string): SQL =>
  sql`(${id(column)} is not null and split_part(${id(column)}, '.', 3) <> ${keyId})`

export const dataKeysRepo = {
  /** The next page of a table's rows after `after` (by primary key): only rows with a value to move, for sealed tables. */
  async page(ex: Executor, t: SealedTable, after: string | undefined, keyId: string | null, limit: number) {
    const stale = keyId
      ? sql`and (${sql.join(
          t.columns.map((c) => notUnder(c, keyId)),
          sql` or `,
        )})`
      : sql``
    const columns = sql.join(
      t.columns.map((c) => id(c)),
      sql`, `,
    )
    return queryRows<Record<string, string | null>>(
      ex,
      sql`select ${id(t.key)}::text as row_key, ${columns} from ${id(t.table)}
        where ${id(t.key)} > ${after ?? FIRST_UUID}::uuid ${stale}
        order by ${id(t.key)} limit ${limit}`,
    )
  },

  /** Replaces one row's values, only if they are still those read (a write in between wins). */
  async replace(
    ex: Executor,
    t: SealedTable,
    rowKey: string,
    before: Record<string, string | null>,
    after: Record<string, string | null>,
  ): Promise<boolean> {
    const sets = Object.entries(after).map(([c, v]) => sql`${id(c)} = ${v}`)
    const same = t.columns.map((c) => sql`${id(c)} is not distinct from ${before[c] ?? null}`)
    const rows = await queryRows(
      ex,
      sql`update ${id(t.table)} set ${sql.join(sets, sql`, `)}
        where ${id(t.key)} = ${rowKey}::uuid and ${sql.join(same, sql` and `)} returning 1`,
    )
    return rows.length === 1
  },

  /** How many values each key holds, per table and column (legacy values: under the key id `legacy`). */
  async countsByKey(ex: Executor, tables: readonly SealedTable[], legacy: boolean) {
    const parts = tables.flatMap((t) =>
      t.columns.map(
        (c) => sql`select ${t.table}::text as "table", ${c}::text as "column",
          ${legacy ? sql`'legacy'` : sql`split_part(${id(c)}, '.', 3)`} as key_id, count(*)::int as count
          from ${id(t.table)} where ${id(c)} is not null group by 3`,
      ),
    )
    return queryRows<{ table: string; column: string; key_id: string; count: number }>(
      ex,
      sql.join(parts, sql` union all `),
    )
  },

  async insertRotation(ex: Executor, row: { id: string; targetKeyId: string; startedBy: string }) {
    await ex.execute(sql`insert into key_rotations (id, target_key_id, status, started_by)
      values (${row.id}, ${row.targetKeyId}, 'running', ${row.startedBy})`)
  },

  async saveProgress(ex: Executor, rotationId: string, progress: RotationRow['progress'], rowsDone: number) {
    await ex.execute(sql`update key_rotations set progress = ${JSON.stringify(progress)}::jsonb, rows_done = ${rowsDone}
      where id = ${rotationId}`)
  },

  async finish(ex: Executor, rotationId: string, failure: string | null) {
    await ex.execute(sql`update key_rotations set status = ${failure ? 'failed' : 'done'}, failure = ${failure},
      finished_at = now() where id = ${rotationId}`)
  },

  async latest(ex: Executor): Promise<RotationRow | null> {
    const [row] = await queryRows<RotationRow>(
      ex,
      sql`select id, target_key_id, status, progress, started_by, started_at::text, finished_at::text, failure,
        rows_done::int as rows_done from key_rotations order by started_at desc, id desc limit 1`,
    )
    return row ?? null
  },
}
