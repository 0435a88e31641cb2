// The first sync of a grid worker's phone: 500 households and 1,500 people (and their buildings) in
// the worker's grid, pulled page by page over HTTP from a listening server, as the field app does.
// The slow-3G figure is an estimate from the bytes and round trips measured here, under Chrome
// DevTools' "Slow 3G" preset (400 kbit/s down, 400 ms round trip); the server's own time is added.
import { randomBytes, randomUUID } from 'node:crypto'
import http from 'node:http'
import { gunzipSync } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { fieldCipher } from '../src/lib/field-crypto'
import { syncBuiltinRoles } from '../src/modules/auth/roles.service'
import { idCheckCharacter } from '../src/modules/ledgers/validate/id-number'
import { makers } from '../test/support/make'

const HOUSEHOLDS = 500
const PEOPLE = 1500
const BUILDINGS = 60
const PAGE = Number(process.env.BENCH_SYNC_PAGE ?? 1000)
const AIM_S = 10
/** Chrome's "Slow 3G": 400 kbit/s down (50,000 bytes/s), 400 ms latency per request. */
const SLOW3G = { bytesPerS: 400_000 / 8, rttS: 0.4 }

/**
 * A listening server on a fresh database whose grid worker has 500 households, 1,500 people and their
 * buildings in their grid: the first sync's data (shared with the phone's measurement).
 */
export async function firstSyncServer() {
  const dataKey = randomBytes(32)
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WANGGE_LOGIN_RATE_LIMIT: '1000' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  await syncBuiltinRoles({ db: database.db, afterWrite: () => {} })
  const make = makers(database.db)
  const d = String(610000 + Math.floor(Math.random() * 9000)).slice(0, 6)
  const place = await make.place({ d, x: 104 })
  const worker = await make.user({
    roles: [{ key: 'grid_worker', scope: { type: 'grid', path: place.paths.grid } }],
  })
  await fill(database.db, place.micro, dataKey, config.WANGGE_DATA_CIPHER)

  const app = await buildApp({ database, config, dataKey })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  return {
    base,
    worker,
    kind: database.kind,
    async close() {
      await app.close()
      await database.close()
    },
  }
}

export const FIRST_SYNC = { households: HOUSEHOLDS, people: PEOPLE, aimS: AIM_S, slow3g: SLOW3G }

export async function benchFirstSync() {
  const { base, worker, kind, close } = await firstSyncServer()
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: worker.username, password: worker.password, device: { name: 'bench' } }),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

  const started = performance.now()
  let cursor: string | undefined
  let requests = 0
  let bytes = 0
  let jsonBytes = 0
  let records = 0
  const agent = new http.Agent({ keepAlive: true })
  for (;;) {
    const q = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) })
    const res = await get(`${base}/api/field/sync?${q}`, { cookie, 'accept-encoding': 'gzip' }, agent)
    if (res.status !== 200) throw new Error(`sync answered ${res.status}: ${res.body.toString()}`)
    if (res.encoding !== 'gzip') throw new Error('the feed was not gzipped')
    const text = gunzipSync(res.body).toString('utf8')
    requests += 1
    bytes += res.body.length + res.headerBytes
    jsonBytes += Buffer.byteLength(text) + res.headerBytes
    const page = JSON.parse(text) as { changes: unknown[]; cursor: string; more: boolean }
    records += page.changes.length
    cursor = page.cursor
    if (!page.more) break
  }
  const serverS = (performance.now() - started) / 1000
  agent.destroy()
  await close()
  if (records < HOUSEHOLDS + PEOPLE) throw new Error(`only ${records} records synced`)
  // One round trip per page (the connection is kept alive), plus the bytes at the link's rate.
  const slow3g = (b: number) => serverS + requests * SLOW3G.rttS + b / SLOW3G.bytesPerS
  const estimate = slow3g(bytes)
  return {
    name: `first sync, ${records} records in ${requests} pages of ≤${PAGE} on ${kind}, estimated on slow 3G`,
    value: estimate * 1000,
    limit: AIM_S * 1000,
    ratio: estimate / AIM_S,
    extra: `whole pull ${serverS.toFixed(2)} s over loopback; ${(bytes / 1024).toFixed(0)} KiB transferred gzipped (${(jsonBytes / 1024).toFixed(0)} KiB of JSON: ${slow3g(jsonBytes).toFixed(1)} s uncompressed); slow 3G = loopback time + ${requests} × 400 ms + bytes at 400 kbit/s, an estimate, not a measured link`,
  }
}

/** A GET answering the raw body (still gzipped), its encoding and the size of its headers. */
function get(url: string, headers: Record<string, string>, agent: http.Agent) {
  return new Promise<{ status: number; body: Buffer; encoding?: string; headerBytes: number }>(
    (resolve, reject) => {
      http
        .get(url, { headers, agent }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks),
              encoding: res.headers['content-encoding'],
              headerBytes: res.rawHeaders.reduce((n, h) => n + h.length + 2, 20),
            }),
          )
          res.on('error', reject)
        })
        .on('error', reject)
    },
  )
}

/** Buildings, households of three and people with sealed ID numbers and phones, in the leaf grid `path`. */
async function fill(
  db: Parameters<typeof makers>[0],
  path: string,
  dataKey: Buffer,
  algorithm: never | string,
) {
  const cipher = fieldCipher(dataKey, [], algorithm as Parameters<typeof fieldCipher>[2])
  const seal = (column: string, rowId: string, value: string) =>
    cipher.seal(value, { table: 'people', column, rowId })
  await db.execute(sql`insert into buildings (id, grid_id, grid_path, code, name, address, point)
    select gen_random_uuid(), g.id, g.path, 'B' || i, i || '栋', '锦江区东大街' || i || '号',
      ST_SetSRID(ST_MakePoint(104.01 + i * 0.0001, 30.01), 4326)
    from grids g, generate_series(1, ${BUILDINGS}) i where g.path = ${path}::ltree and g.valid_to is null`)
  const people: string[] = []
  for (let i = 0; i < PEOPLE; i += 500) {
    const rows = []
    for (let j = i; j < Math.min(PEOPLE, i + 500); j++) {
      const id = randomUUID()
      people.push(id)
      const first17 = `51010419${String(60 + (j % 40)).padStart(2, '0')}0101${String(j % 1000).padStart(3, '0')}`
      rows.push(
        sql`(${id}::uuid, ${`居民${j}号`}, ${seal('id_number_sealed', id, first17 + idCheckCharacter(first17))},
          ${seal('phone_sealed', id, `139${String(10_000_000 + j).slice(-8)}`)}, ${j % 2 ? '1' : '2'})`,
      )
    }
    await db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name, id_number_sealed, phone_sealed, sex)
      select v.id, g.id, g.path, 'registered', 'resident', v.name, v.idn, v.phone, v.sex
      from grids g, (values ${sql.join(rows, sql`, `)}) as v(id, name, idn, phone, sex)
      where g.path = ${path}::ltree and g.valid_to is null`)
  }
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const hid = randomUUID()
    const [head, ...others] = people.slice(h * 3, h * 3 + 3)
    await db.execute(sql`insert into households (id, grid_id, grid_path, number, head_person_id)
      select ${hid}, g.id, g.path, ${`H${h}`}, ${head} from grids g where g.path = ${path}::ltree and g.valid_to is null`)
    await db.execute(sql`insert into household_members (household_id, person_id, relation) values
      (${hid}, ${head}, '01'), ${sql.join(
        others.map((p) => sql`(${hid}, ${p}, '20')`),
        sql`, `,
      )}`)
  }
}
