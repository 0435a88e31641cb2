// Event intake through HTTP (validation, locate, transition row, audit row, outbox row, one
// transaction) against the raw single-row insert rate into the same database over the same pool.
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { type Db, queryRows } from '../src/db/database'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { uuidv7 } from '../src/lib/ids'
import { syncBuiltinRoles } from '../src/modules/auth/roles.service'
import { syncCategories } from '../src/modules/cases/categories/categories.sync'
import { loadDemoIfEmpty } from '../src/modules/demo/demo.seed'
import { makers } from '../test/support/make'
import { jsonClient } from './json-client'

const CONNECTIONS = 10
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)

/** Runs `one` from CONNECTIONS loops for SECONDS; answers the rate and the p95 latency in ms. */
async function drive(one: (i: number) => Promise<void>): Promise<{ rate: number; p95: number }> {
  const latencies: number[] = []
  const end = Date.now() + SECONDS * 1000
  let n = 0
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const started = performance.now()
        await one(n++)
        latencies.push(performance.now() - started)
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  return { rate: latencies.length / SECONDS, p95: latencies[Math.floor(latencies.length * 0.95)] ?? 0 }
}

async function districtBox(db: Db) {
  const [box] = await queryRows<{ w: number; s: number; e: number; n: number }>(
    db,
    sql`select ST_XMin(boundary) as w, ST_YMin(boundary) as s, ST_XMax(boundary) as e, ST_YMax(boundary) as n
      from grids where level = 'district' and valid_to is null order by code limit 1`,
  )
  if (!box) throw new Error('no district to report in')
  return box
}

export async function benchIntake(): Promise<{
  name: string
  value: number
  limit: number
  ratio: number
  extra: string
}> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  const deps = { db: database.db, afterWrite: () => {} }
  await syncBuiltinRoles(deps)
  await syncCategories(database.db)
  await loadDemoIfEmpty(deps)
  const box = await districtBox(database.db)
  const user = await makers(database.db).user({ roles: [{ key: 'grid_worker' }] })

  const app = await buildApp({ database, config })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: user.username, password: user.password }),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const point = (i: number) => ({
    lng: box.w + ((i * 7919) % 1000) * ((box.e - box.w) / 1000),
    lat: box.s + ((i * 104729) % 997) * ((box.n - box.s) / 997),
  })

  const client = jsonClient(base, { origin: base, cookie }, CONNECTIONS)
  const intake = await drive(async (i) => {
    const res = await client.post('/api/cases', {
      categoryCode: '06010',
      location: point(i),
      description: '路边暴露垃圾',
      source: 'worker',
    })
    if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.body}`)
  })
  client.close()

  // The limit: one plain insert of a row as wide as a case's, over the application's own pool.
  await database.db.execute(sql`create table if not exists bench_raw_cases (id uuid primary key, no text, category_code text,
    description text, source text, state text, location geometry(Point, 4326), reported_at timestamptz)`)
  const raw = await drive(async (i) => {
    const p = point(i)
    await database.db.execute(sql`insert into bench_raw_cases values (${uuidv7()}, ${`R${i}`}, '06010', '路边暴露垃圾', 'worker',
      'reported', ST_SetSRID(ST_MakePoint(${p.lng}, ${p.lat}), 4326), now())`)
  })
  await database.db.execute(sql`drop table bench_raw_cases`)
  await app.close()
  await database.close()
  return {
    name: `POST /api/cases on ${database.kind}`,
    value: intake.rate,
    limit: raw.rate,
    ratio: intake.rate / raw.rate,
    extra: `intake p95 ${intake.p95.toFixed(1)} ms, raw insert p95 ${raw.p95.toFixed(1)} ms`,
  }
}
