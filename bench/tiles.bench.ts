// Grid vector tiles on the city-scale demo: p95 latency of `GET /tiles/grids/{z}/{x}/{y}.mvt` through
// the HTTP app (session, scope, ETag) against the database's part of the work: the tile query on
// PostgreSQL; on PGlite, whose PostGIS cannot write tiles, the query clipping the features.
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { syncBuiltinRoles } from '../src/modules/auth/roles.service'
import { tileBounds } from '../src/modules/grids/tiles/tiles.encode'
import { levelsAtZoom, tileOf } from '../src/modules/grids/tiles/tiles.levels'
import { tilesRepo } from '../src/modules/grids/tiles/tiles.repo'
import { makers } from '../test/support/make'
import { cityDemoIn } from './city-demo'

const TILES = Number(process.env.BENCH_TILES ?? 300)

const p95 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.95)] ?? 0

export async function benchTiles() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WANGGE_LOGIN_RATE_LIMIT: '1000' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  const deps = { db: database.db, afterWrite: () => {} }
  await syncBuiltinRoles(deps)
  await cityDemoIn(database)
  const admin = await makers(database.db).user({ roles: [{ key: 'admin' }] })
  const app = await buildApp({ database, config })
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: 'http://localhost:80' },
    payload: { username: admin.username, password: admin.password },
  })
  const cookie = `wangge_session=${login.cookies.find((c) => c.name === 'wangge_session')?.value}`

  // Tiles at zooms 12–16 over the central districts, where every level has grids.
  let a = 7
  const next = () => {
    a = (a * 1103515245 + 12345) % 2147483648
    return a / 2147483648
  }
  const tiles = Array.from({ length: TILES }, () => {
    const z = 12 + Math.floor(next() * 5)
    return { z, ...tileOf(103.9 + next() * 0.3, 30.55 + next() * 0.2, z) }
  })

  const viaHttp: number[] = []
  for (const t of tiles) {
    const started = performance.now()
    const res = await app.inject({
      method: 'GET',
      url: `/tiles/grids/${t.z}/${t.x}/${t.y}.mvt`,
      headers: { cookie },
    })
    if (res.statusCode !== 200) throw new Error(`tile ${t.z}/${t.x}/${t.y}: ${res.statusCode}`)
    viaHttp.push(performance.now() - started)
  }
  const direct: number[] = []
  for (const t of tiles) {
    const started = performance.now()
    // PGlite's PostGIS cannot write tiles: there the database's part is clipping the features.
    await tilesRepo
      .mvt(database.db, t, levelsAtZoom(t.z), null, 'staff')
      .catch(() =>
        tilesRepo.features(
          database.db,
          tileBounds(t.z, t.x, t.y, 64 / 4096),
          levelsAtZoom(t.z),
          null,
          'staff',
        ),
      )
    direct.push(performance.now() - started)
  }
  await app.close()
  await database.close()
  const value = p95(viaHttp)
  const limit = p95(direct)
  return {
    name: `grid tile p95 on the city demo (${TILES} tiles, z12–16, ${database.kind})`,
    value,
    limit,
    ratio: value / limit,
  }
}
