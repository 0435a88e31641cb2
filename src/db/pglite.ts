import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { ltree } from '@electric-sql/pglite/contrib/ltree'
import { drizzle } from 'drizzle-orm/pglite'
import type { Database, Db } from './database'
import { postgisOnly } from './postgis-bundle'
import * as schema from './schema'

const extensions = { postgis: postgisOnly, ltree }

/**
 * Opens the embedded database in `dataDir` (or in memory); `loadDataDir`, a dump made by
 * `dumpDataDir`, fills a new one (an existing one refuses it).
 */
export async function openPglite(options: {
  dataDir?: string
  loadDataDir?: Blob
}): Promise<Database & { client: PGlite }> {
  let client: PGlite
  if (options.dataDir) {
    const dir = resolve(options.dataDir)
    mkdirSync(dir, { recursive: true })
    client = await PGlite.create(dir, { extensions, loadDataDir: options.loadDataDir })
  } else {
    client = await PGlite.create({ extensions, loadDataDir: options.loadDataDir })
  }
  const db = drizzle({ client, schema }) as unknown as Db
  return {
    db,
    client,
    kind: 'pglite',
    where: options.dataDir ? resolve(options.dataDir) : 'memory',
    close: () => client.close(),
  }
}
