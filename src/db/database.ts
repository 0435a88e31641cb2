import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type * as schema from './schema'

type Schema = typeof schema

/** A Drizzle handle over either driver (PGlite or node-postgres): the SQL is the same. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Anything a repository can run a statement on: the database or an open transaction. */
export type Executor = Db | Tx

export type DriverKind = 'pglite' | 'postgres'

export interface Database {
  db: Db
  kind: DriverKind
  /** A short description for logs: the data directory or the server's host/database. */
  where: string
  /**
   * A streaming replica for read-heavy aggregates (the big screen, statistics), when
   * DATABASE_READ_URL names one; absent, they read `db`. What it answers may lag by the replication
   * delay, so nothing that writes reads it.
   */
  read?: Db
  close(): Promise<void>
}

/** Rows of a raw SQL statement; both drivers answer with `{ rows }`. */
export async function queryRows<T>(ex: Executor, statement: SQL): Promise<T[]> {
  const result = (await ex.execute(statement)) as unknown as { rows: T[] }
  return result.rows
}
