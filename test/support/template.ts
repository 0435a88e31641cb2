import { join } from 'node:path'
import type { Database } from '../../src/db/database'

export const TEST_TMP = join(process.cwd(), '.test-tmp')
export const PGLITE_TEMPLATE = join(TEST_TMP, 'pglite-template.tar')

/** The template database of this run on the PostgreSQL server (one per run, so parallel runs don't collide). */
export function serverTemplateName(): string {
  return `wangge_template_${process.env.WANGGE_TEST_RUN ?? 'main'}`
}

export function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL as string)
  url.pathname = `/${database}`
  return url.toString()
}

export async function withDatabase<T>(name: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const { openPostgres } = await import('../../src/db/postgres')
  const database = await openPostgres(serverUrl(name), 4)
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}
