import { mkdirSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrate } from '../../src/db/migrate'
import { syncBuiltinRoles } from '../../src/modules/auth/roles.service'
import { syncCategories } from '../../src/modules/cases/categories/categories.sync'
import { syncLedgerCodes } from '../../src/modules/ledgers/codes/codes.sync'
import { PGLITE_TEMPLATE, serverTemplateName, TEST_TMP, withDatabase } from './template'

/**
 * Migrates once per run: a dump of a migrated PGlite, or a template database on the PostgreSQL server.
 * Each test file then starts from its own copy (see db.ts).
 */
export default async function setup(project: TestProject) {
  mkdirSync(TEST_TMP, { recursive: true })
  const driver = project.config.env?.WANGGE_TEST_DRIVER
  if (driver === 'postgres') return setupServer()
  const { openPglite } = await import('../../src/db/pglite')
  const database = await openPglite({})
  await migrate(database)
  await syncBuiltinRoles({ db: database.db, afterWrite: () => {} })
  await syncCategories(database.db)
  await syncLedgerCodes(database.db)
  const dump = await database.client.dumpDataDir('none')
  writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()))
  await database.close()
}

async function setupServer() {
  const url = process.env.TEST_DATABASE_URL as string
  const name = serverTemplateName()
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  await admin.end()
  await withDatabase(name, async (database) => {
    await migrate(database)
    await syncBuiltinRoles({ db: database.db, afterWrite: () => {} })
    await syncCategories(database.db)
    await syncLedgerCodes(database.db)
  })
  return async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(`drop database if exists ${name}`)
    await c.end()
  }
}
