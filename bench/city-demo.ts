// The city demo the grid benchmarks name: seeded into an empty database, or checked to be what the
// database holds. A figure measured on other data (the district demo, a real city) would be printed
// under the city demo's name, so the benchmark refuses instead.
import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../src/db/database'
import { type DemoGrid, generateDemo } from '../src/modules/demo/demo.generate'
import { seedDemo } from '../src/modules/demo/demo.seed'

export async function cityDemoIn(database: Database): Promise<DemoGrid[]> {
  const city = generateDemo('city')
  const current = async () => {
    const [row] = await queryRows<{ n: number; micro: number }>(
      database.db,
      sql`select count(*)::int as n, count(*) filter (where level = 'micro')::int as micro
        from grids where valid_to is null`,
    )
    return { n: Number(row?.n ?? 0), micro: Number(row?.micro ?? 0) }
  }
  if ((await current()).n === 0) await seedDemo({ db: database.db, afterWrite: () => {} }, 'city')
  const held = await current()
  const micro = city.filter((g) => g.level === 'micro').length
  if (held.n !== city.length || held.micro !== micro)
    throw new Error(
      `this database holds ${held.n.toLocaleString('en')} grids (${held.micro.toLocaleString('en')} micro-grids), not the city demo's ${city.length.toLocaleString('en')} (${micro.toLocaleString('en')}): run the benchmark on an empty database, which it seeds, or on one holding the city demo`,
    )
  return city
}
