import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import type { Database } from '../../src/db/database'
import { PGLITE_TEMPLATE, serverTemplateName, serverUrl } from './template'

/**
 * A fresh migrated database for one test file: a copy of the run's template, on PGlite or on the
 * PostgreSQL server (WANGGE_TEST_DRIVER). Close it in afterAll; a server copy is dropped then.
 */
export async function testDatabase(): Promise<Database> {
  if (process.env.WANGGE_TEST_DRIVER === 'postgres') return serverCopy()
  const { openPglite } = await import('../../src/db/pglite')
  return openPglite({ loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) })
}

async function serverCopy(): Promise<Database> {
  const name = `wangge_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  await admin.connect()
  await admin.query(`create database ${name} template ${serverTemplateName()}`)
  await admin.end()
  const { openPostgres } = await import('../../src/db/postgres')
  const database = await openPostgres(serverUrl(name), 4)
  return {
    ...database,
    close: async () => {
      await database.close()
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}
