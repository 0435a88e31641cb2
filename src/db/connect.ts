import { join } from 'node:path'
import type { Config } from '../config'
import type { Database } from './database'

/** The database the configuration names: a PostgreSQL server when DATABASE_URL is set, PGlite under the data directory otherwise. */
export async function connect(config: Config): Promise<Database> {
  if (config.DATABASE_URL) {
    const { openPostgres } = await import('./postgres')
    return openPostgres(config.DATABASE_URL, config.WANGGE_DB_POOL_SIZE)
  }
  const { openPglite } = await import('./pglite')
  return openPglite({ dataDir: join(config.WANGGE_DATA_DIR, 'pgdata') })
}
