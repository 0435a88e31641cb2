// Locating a point to its grid chain on the city-scale demo (≈172,000 grids, 147,456 micro-grids):
// the in-memory locator against the same look-up in PostGIS (ST_Covers over the GiST index).
import { sql } from 'drizzle-orm'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { queryRows } from '../src/db/database'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { generateDemo } from '../src/modules/demo/demo.generate'
import { seedDemo } from '../src/modules/demo/demo.seed'
import { gridsRepo } from '../src/modules/grids/grids.repo'
import { createLocatorCache } from '../src/modules/grids/locate/locator-cache'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 10

function randomPoints(n: number, [w, s, e, north]: [number, number, number, number]) {
  let a = 12345
  const next = () => {
    a = (a * 1103515245 + 12345) % 2147483648
    return a / 2147483648
  }
  return Array.from({ length: n }, () => [w + next() * (e - w), s + next() * (north - s)] as const)
}

export async function benchLocate() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  const deps = { db: database.db, afterWrite: () => {} }
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from grids`,
  )
  if (Number(n) === 0) await seedDemo(deps, 'city')
  const city = generateDemo('city')
  const boxes = city.filter((g) => g.level === 'district').map((g) => g.box)
  const extent: [number, number, number, number] = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ]
  const points = randomPoints(100_000, extent)

  const started = Date.now()
  const locator = await createLocatorCache(database.db).current()
  const buildSeconds = (Date.now() - started) / 1000

  let done = 0
  const until = Date.now() + SECONDS * 1000
  while (Date.now() < until) {
    for (let i = 0; i < 1000; i++) locator.locate(...(points[(done + i) % points.length] as [number, number]))
    done += 1000
  }
  const memoryRate = done / SECONDS

  let sqlDone = 0
  const sqlUntil = Date.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let i = c; Date.now() < sqlUntil; i += CONNECTIONS) {
        await gridsRepo.locate(database.db, ...(points[i % points.length] as [number, number]))
        sqlDone += 1
      }
    }),
  )
  const sqlRate = sqlDone / SECONDS
  await database.close()
  return {
    name: `locate on the city demo (${locator.size.toLocaleString('en')} grids, ${database.kind}; index built in ${buildSeconds.toFixed(1)} s)`,
    value: memoryRate,
    limit: sqlRate,
    ratio: memoryRate / sqlRate,
  }
}
