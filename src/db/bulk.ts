import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from './database'

/**
 * A table's secondary indexes dropped for a bulk load inside the caller's transaction (an index
 * built once from sorted rows is many times cheaper than one maintained row by row); with
 * `primaryKey`, its primary key too, for a load into an empty table with no conflicts to detect.
 * Unique indexes other than the key stay: they are constraints. Answers the statement that builds
 * them all again, to run before the transaction commits; a rolled-back load leaves them as they were.
 */
export async function dropIndexesFor(
  tx: Executor,
  table: string,
  options: { primaryKey?: boolean } = {},
): Promise<() => Promise<void>> {
  const key = options.primaryKey
    ? await queryRows<{ name: string; def: string }>(
        tx,
        sql`select quote_ident(conname) as name, pg_get_constraintdef(oid) as def from pg_constraint
          where conrelid = to_regclass(quote_ident(${table})) and contype = 'p'`,
      )
    : []
  const indexes = await queryRows<{ name: string; def: string }>(
    tx,
    sql`select quote_ident(indexname) as name, indexdef as def from pg_indexes
      where tablename = ${table} and schemaname = current_schema() and indexdef not like 'CREATE UNIQUE %'`,
  )
  for (const c of key)
    await tx.execute(sql`alter table ${sql.identifier(table)} drop constraint ${sql.raw(c.name)}`)
  for (const index of indexes) await tx.execute(sql`drop index ${sql.raw(index.name)}`)
  return async () => {
    for (const c of key)
      await tx.execute(
        sql`alter table ${sql.identifier(table)} add constraint ${sql.raw(c.name)} ${sql.raw(c.def)}`,
      )
    for (const index of indexes) await tx.execute(sql.raw(index.def))
  }
}
