import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { sha256Hex } from '../lib/tokens'
import { type Executor, queryRows } from './database'

const dialect = new PgDialect()
const names = new Map<string, string>()

/**
 * Rows of a hot path's statement. On the PostgreSQL server it runs as a named prepared statement,
 * named by its text: parsed and planned once per connection, and sent afterwards as its parameters
 * only (a long statement's text costs more to send than to run). On PGlite it runs as usual.
 * The statement's shape must not vary without bound (values are parameters, never text). In a
 * transaction it is prepared on the transaction's connection.
 */
export async function preparedRows<T>(ex: Executor, statement: SQL): Promise<T[]> {
  const client = clientOf(ex)
  if (!client) return queryRows<T>(ex, statement)
  const query = dialect.sqlToQuery(statement)
  let name = names.get(query.sql)
  if (!name) {
    name = `wg_${sha256Hex(query.sql).slice(0, 24)}`
    names.set(query.sql, name)
  }
  try {
    const result = await client.query({ name, text: query.sql, values: query.params as unknown[] })
    return result.rows as T[]
  } catch (cause) {
    // Shaped as Drizzle's query errors, so logs keep the statement and SQLSTATE, never the driver's
    // detail ("Failing row contains …" holds a report's text and place).
    throw Object.assign(new Error('Failed query'), { name: 'PreparedQueryError', query: query.sql, cause })
  }
}

/** The pool (a database) or the connection (a transaction) under a node-postgres handle; null on PGlite. */
function clientOf(ex: Executor): pg.Pool | pg.Client | null {
  const handle = ex as unknown as { $client?: unknown; session?: { client?: unknown } }
  const client = handle.$client ?? handle.session?.client
  return client instanceof pg.Pool || client instanceof pg.Client ? client : null
}
