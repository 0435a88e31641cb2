// Locating a point to its grid chain on the city-scale demo (≈172,000 grids, 147,456 micro-grids):
// the in-memory locator against the same look-up in PostGIS (ST_Covers over the GiST index).
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { gridsRepo } from '../src/modules/grids/grids.repo'
import { createLocatorCache } from '../src/modules/grids/locate/locator-cache'
import { cityDemoIn } from './city-demo'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 10

function randomPoints(n: number, boxes: [number, number, number, number][]) {
  let a = 12345
  const next = () => {
    a = (a * 1103515245 + 12345) % 2147483648
    return a / 2147483648
  }
  return Array.from({ length: n }, () => {
    const [w, s, e, north] = boxes[Math.floor(next() * boxes.length)] as [number, number, number, number]
    // Kept off the edges, where a point is in two grids at once.
    return [w + (0.05 + next() * 0.9) * (e - w), s + (0.05 + next() * 0.9) * (north - s)] as const
  })
}

export async function benchLocate() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  const city = await cityDemoIn(database)
  // Points inside the micro-grids, so every look-up walks a whole chain (random points over the
  // city's extent mostly fall outside every grid, and an outside point is the cheapest answer).
  const micro = city.filter((g) => g.level === 'micro').map((g) => g.box)
  const points = randomPoints(100_000, micro)

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
  const missed = points.slice(0, 1000).filter(([x, y]) => locator.locate(x, y).length === 0).length
  if (missed > 0)
    throw new Error(`${missed} of 1,000 points inside micro-grids found no grid: the figure would be wrong`)

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
