// Track ingest: trackers' batches of 100–500 points through the real HTTP server (API key, the
// tracker's patrol, idempotent insert into the day partitions, the latest positions) from several
// concurrent streams, against PostgreSQL's COPY of the very rows stored, in the same run.
// The city's load is about 5,000 points/s (150,000 workers, a point every 30 s).
import type { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { queryRows } from '../src/db/database'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { syncBuiltinRoles } from '../src/modules/auth/roles.service'
import { makers } from '../test/support/make'
import { jsonClient } from './json-client'

const STREAMS = Number(process.env.BENCH_TRACK_STREAMS ?? 8)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const BATCHES = [100, 250, 500]
const AIM = { pointsPerSecond: 5_000, p95Ms: 1_000 }

async function signIn(base: string, user: { username: string; password: string }) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(user),
  })
  if (res.status !== 200) throw new Error(`sign-in of ${user.username}: ${res.status}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/**
 * COPY … FROM STDIN over node-postgres's own protocol handling (pg-copy-streams is not a
 * dependency): the statement, one CopyData of the whole text, CopyDone.
 */
function copyFromStdin(client: pg.Client, statement: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | null = null
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(statement)
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
        connection.sendCopyFromChunk(data)
        connection.endCopyFrom()
      },
      handleCommandComplete() {},
      handleError(error: Error) {
        failed = error
      },
      handleReadyForQuery() {
        if (failed) reject(failed)
        else resolve()
      },
    }
    client.query(submittable as unknown as pg.QueryConfig)
  })
}

interface StoredRow {
  stream_id: string
  seq: string
  recorded_at: string
  user_id: string
  patrol_id: string
  lon: number
  lat: number
  accuracy_m: number | null
  mocked: boolean
}

export async function benchTrackIngest(): Promise<{
  name: string
  value: number
  limit: number
  ratio: number
  extra: string
}> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WANGGE_DEMO: 'false' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  await syncBuiltinRoles({ db: database.db, afterWrite: () => {} })
  const make = makers(database.db)
  // A district of its own each run, beside the earlier runs' on a kept server database.
  const n = Date.now() % 10_000
  const d = `79${String(n).padStart(4, '0')}`
  const place = await make.place({ d, x: -179 + (n % 850) * 0.42 })
  const admin = await make.user({ roles: [{ key: 'admin' }] })
  const security = await make.user({ roles: [{ key: 'security_admin' }] })
  const workers = []
  for (let i = 0; i < STREAMS; i++)
    workers.push(
      await make.user({ roles: [{ key: 'grid_worker', scope: { type: 'grid', path: place.paths.grid } }] }),
    )

  const app = await buildApp({ database, config })
  await app.trackPartitions.run()
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const desk = jsonClient(base, { origin: base, cookie: await signIn(base, admin) }, STREAMS)
  const keys = jsonClient(base, { origin: base, cookie: await signIn(base, security) }, STREAMS)
  const roleId = (await make.role('grid_worker')).id
  const issued = await keys.send('POST', '/api/api-keys', {
    name: 'tracker gateway',
    roleId,
    scope: { type: 'grid', path: '' },
  })
  if (issued.status !== 201) throw new Error(`key: ${issued.status} ${issued.body}`)
  const streams: { id: string; code: string }[] = []
  for (const [i, worker] of workers.entries()) {
    const code = `BENCH-${d}-${i}`
    const created = await desk.send('POST', '/api/trackers', { code, name: `终端${i}` })
    const { id } = JSON.parse(created.body)
    const bound = await desk.send('PUT', `/api/trackers/${id}/binding`, { userId: worker.id, version: 1 })
    if (bound.status !== 200) throw new Error(`binding: ${bound.status} ${bound.body}`)
    streams.push({ id, code })
  }
  desk.close()
  keys.close()

  // (a) HTTP: each stream posts its next batch as soon as the last one is answered.
  const device = jsonClient(base, { authorization: `Bearer ${JSON.parse(issued.body).key}` }, STREAMS)
  const start = Date.now() - 3_600_000
  const latencies: number[] = []
  let stored = 0
  const began = performance.now()
  const end = Date.now() + SECONDS * 1000
  await Promise.all(
    streams.map(async (stream, s) => {
      let seq = 0
      for (let b = s; Date.now() < end; b++) {
        const size = BATCHES[b % BATCHES.length] ?? 250
        const points = Array.from({ length: size }, () => {
          const n = seq++
          return {
            seq: n,
            t: new Date(start + n * 100).toISOString(),
            lon: place.point.lng + (n % 1000) / 100_000,
            lat: place.point.lat + s / 10_000,
            acc: 5 + (n % 20),
          }
        })
        const sent = performance.now()
        const res = await device.send('POST', `/api/trackers/${stream.code}/points`, { points })
        latencies.push(performance.now() - sent)
        if (res.status !== 200) throw new Error(`intake answered ${res.status}: ${res.body}`)
        stored += JSON.parse(res.body).stored
      }
    }),
  )
  const seconds = (performance.now() - began) / 1000
  device.close()
  latencies.sort((a, b) => a - b)
  const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0
  const rate = stored / seconds

  // (b) COPY of the same rows into a table of track_points' columns and indexes (not partitioned).
  const rows = await queryRows<StoredRow>(
    database.db,
    sql`select stream_id::text, seq::text, recorded_at::text, user_id::text, patrol_id::text, lon, lat,
        accuracy_m, mocked
      from track_points where stream_id = any(${`{${streams.map((s) => s.id).join(',')}}`}::uuid[])`,
  )
  const csv = Buffer.from(
    rows
      .map(
        (r) =>
          `${r.stream_id},${r.seq},${r.recorded_at},${r.user_id},${r.patrol_id},${r.lon},${r.lat},${r.accuracy_m ?? ''},${r.mocked}`,
      )
      .join('\n'),
  )
  await database.db.execute(sql`drop table if exists bench_track_copy`)
  await database.db.execute(
    sql`create table bench_track_copy (like track_points including defaults including indexes)`,
  )
  const copy = `copy bench_track_copy (stream_id, seq, recorded_at, user_id, patrol_id, lon, lat, accuracy_m, mocked) from`
  const copyBegan = performance.now()
  if (config.DATABASE_URL) {
    const client = new pg.Client({ connectionString: config.DATABASE_URL })
    await client.connect()
    try {
      await copyFromStdin(client, `${copy} stdin with (format csv)`, csv)
    } finally {
      await client.end()
    }
  } else {
    const client = (database as unknown as { client: PGlite }).client
    await client.query(`${copy} '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) })
  }
  const copySeconds = (performance.now() - copyBegan) / 1000
  const [copied] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from bench_track_copy`,
  )
  if (copied?.n !== rows.length) throw new Error(`COPY stored ${copied?.n} of ${rows.length} rows`)
  await database.db.execute(sql`drop table bench_track_copy`)
  const copyRate = rows.length / copySeconds
  await app.close()
  await database.close()
  const met = rate >= AIM.pointsPerSecond && p95 < AIM.p95Ms
  return {
    name: `POST /api/trackers/{code}/points on ${database.kind}`,
    value: rate,
    limit: copyRate,
    ratio: rate / copyRate,
    extra: `${STREAMS} streams, batches of ${BATCHES.join('/')}, ${latencies.length} batches in ${seconds.toFixed(1)} s, p95 batch ${p95.toFixed(1)} ms; COPY ${rows.length} rows in ${copySeconds.toFixed(2)} s (${config.DATABASE_URL ? 'COPY FROM STDIN' : "PGlite COPY FROM '/dev/blob'"}); aim ≥ ${AIM.pointsPerSecond} points/s with p95 < ${AIM.p95Ms} ms: ${met ? 'met' : 'not met'}`,
  }
}
