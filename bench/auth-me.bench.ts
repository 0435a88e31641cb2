// Authenticated `GET /api/auth/me` (session lookup with grants, one SQL round trip) against an empty
// Fastify route, both served by this process over loopback and driven by autocannon alike.
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { syncBuiltinRoles } from '../src/modules/auth/roles.service'
import { makers } from '../test/support/make'

const CONNECTIONS = 10
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)

async function measure(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers })
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
  return result.requests.average
}

export async function benchAuthMe(): Promise<{ name: string; value: number; limit: number; ratio: number }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WANGGE_LOGIN_RATE_LIMIT: '1000' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  await syncBuiltinRoles({ db: database.db, afterWrite: () => {} })
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

  const empty = Fastify()
  empty.get('/empty', async () => ({}))
  await empty.listen({ port: 0, host: '127.0.0.1' })
  const emptyUrl = `http://127.0.0.1:${(empty.server.address() as { port: number }).port}/empty`

  const limit = await measure(emptyUrl)
  const value = await measure(`${base}/api/auth/me`, { cookie })
  await empty.close()
  await app.close()
  await database.close()
  return { name: `GET /api/auth/me on ${database.kind}`, value, limit, ratio: value / limit }
}
