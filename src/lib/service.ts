import type { Db, Tx } from '../db/database'

/** What every service is built with. */
export interface ServiceDeps {
  db: Db
  /** The replica read-heavy aggregates read (Database.read), or absent: `db`. */
  read?: Db
  /** Called after a transaction that wrote audit rows commits (wakes the audit sealer). */
  afterWrite: () => void
}

/** Runs `fn` in one transaction; the change, its audit row and (later) its outbox row commit together. */
export async function inTransaction<T>(deps: ServiceDeps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await deps.db.transaction(fn)
  deps.afterWrite()
  return result
}
