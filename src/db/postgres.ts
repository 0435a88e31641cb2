import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Database, Db } from './database'
import * as schema from './schema'

export class PostgisMissingError extends Error {}

// int8 (bigint, count(*)) as a JS number: every count here fits; ids are uuids.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))

/** Connects to a PostgreSQL server; stops early with one line when PostGIS or ltree is not installed there. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database & { pool: pg.Pool }> {
  // JIT off: our statements are short and indexed; compiling one took longer (≈140 ms) than the
  // query itself whenever the planner overestimated a table (the rollup's queue after a fold).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c jit=off' })
  pool.on('error', () => {}) // an idle client's lost connection; the next query reconnects
  const { rows } = await pool.query<{ name: string }>(
    "select name from pg_available_extensions where name in ('postgis', 'ltree')",
  )
  const available = new Set(rows.map((r) => r.name))
  if (!available.has('postgis') || !available.has('ltree')) {
    const { rows: v } = await pool.query<{ major: string }>(
      "select current_setting('server_version_num')::int / 10000 as major",
    )
    await pool.end()
    const missing = ['postgis', 'ltree'].filter((n) => !available.has(n)).join(' and ')
    throw new PostgisMissingError(
      `the PostgreSQL server lacks ${missing}: install it there, e.g. apt-get install postgresql-${v[0]?.major}-postgis-3 (ltree ships with postgresql-contrib)`,
    )
  }
  const db = drizzle({ client: pool, schema }) as unknown as Db
  const u = new URL(url)
  return {
    db,
    pool,
    kind: 'postgres',
    where: `${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => pool.end(),
  }
}
