import { join } from 'node:path'
import type { Config } from '../config'
import type { Database } from './database'

/** The database the configuration names: a PostgreSQL server when DATABASE_URL is set, PGlite under the data directory otherwise. */
export async function connect(config: Config): Promise<Database> {
  if (config.DATABASE_URL) {
    const { openPostgres } = await import('./postgres')
    const primary = await openPostgres(config.DATABASE_URL, config.WANGGE_DB_POOL_SIZE)
    if (!config.DATABASE_READ_URL) return primary
    const replica = await openPostgres(config.DATABASE_READ_URL, config.WANGGE_DB_POOL_SIZE).catch(
      async (error: unknown) => {
        await primary.close()
        throw error
      },
    )
    return {
      ...primary,
      read: replica.db,
      where: `${primary.where} (reads: ${replica.where})`,
      close: async () => {
        await Promise.all([primary.close(), replica.close()])
      },
    }
  }
  const { openPglite } = await import('./pglite')
  return openPglite({ dataDir: join(config.WANGGE_DATA_DIR, 'pgdata') })
}
