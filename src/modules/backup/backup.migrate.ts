import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { Database } from '../../db/database'
import { migrationsFolder } from '../../db/migrate'

interface Journal {
  entries: { tag: string }[]
}

/** The tags of the migrations this build ships, in order. */
export function shippedMigrationTags(): string[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal
  return journal.entries.map((e) => e.tag)
}

/**
 * Applies the first `count` shipped migrations to an empty database: a backup's rows go into the
 * schema they were taken from, and the later migrations then carry them forward like any upgrade.
 */
export async function migrateTo(database: Database, count: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'wangge-migrations-'))
  try {
    cpSync(migrationsFolder, folder, { recursive: true })
    const journalFile = join(folder, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }))
    // biome-ignore lint/suspicious/noExplicitAny: each migrator is typed for its own driver's handle
    const db = database.db as any
    if (database.kind === 'pglite') await migratePglite(db, { migrationsFolder: folder })
    else await migratePostgres(db, { migrationsFolder: folder })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
