import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { type Database, queryRows } from './database'

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

/** Number of migrations shipped with this build (drizzle-kit's journal). */
export function shippedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[]
  }
  return journal.entries.length
}

/** Applies pending migrations; on a server, an advisory lock keeps two starting nodes from racing. */
export async function migrate(database: Database): Promise<void> {
  if ((await appliedMigrationCount(database)) === shippedMigrationCount()) return
  // biome-ignore lint/suspicious/noExplicitAny: each migrator is typed for its own driver's handle
  const db = database.db as any
  if (database.kind === 'pglite') {
    await migratePglite(db, { migrationsFolder })
    return
  }
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('wangge.migrate'))`)
    await migratePostgres(db, { migrationsFolder })
  })
}

/** How many migrations the database has applied (0 before the first). */
export async function appliedMigrationCount(database: Database): Promise<number> {
  const [exists] = await queryRows<{ t: string | null }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  )
  if (!exists?.t) return 0
  const [result] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  )
  return Number(result?.n ?? 0)
}
