// Dashboards over many events: the command centre's figures read from the events rollup against the
// same figures read from the cases themselves, p95 each, on BENCH_EVENTS events (1,000,000 by default;
// 10,000,000 for the aim, on PostgreSQL) over a year in a city-sized tree of grid paths
// (10 districts × 15 streets × 12 communities × 10 grids × 8 micro-grids = 144,000 leaves). Also how
// fast the rollup's fold takes in a bulk load.
import { sql } from 'drizzle-orm'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { type Db, queryRows } from '../src/db/database'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { type StatsQuery, statsRepo } from '../src/modules/cases/cases.stats.repo'
import { syncCategories } from '../src/modules/cases/categories/categories.sync'
import { rollupRepo } from '../src/modules/cases/rollup/rollup.repo'
import { statsFromRollup } from '../src/modules/cases/rollup/rollup.stats'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const AIM_MS = 100
const everything = { within: null, departments: [] }
const p95 = (ms: number[]) =>
  [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))] ?? 0
const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
const midnight = (d: string) => new Date(`${d}T00:00:00+08:00`)

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run()
  const ms: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    await run()
    ms.push(performance.now() - t)
  }
  return p95(ms)
}

/** BENCH_EVENTS cases over the last 365 days, in every state, spread over the tree, in batches. */
async function load(db: Db, tag: string) {
  const batch = 250_000
  for (let from = 1; from <= EVENTS; from += batch) {
    const to = Math.min(EVENTS, from + batch - 1)
    await db.execute(sql`insert into cases (id, no, category_code, source, state, description, level, grid_path,
        location, reported_at, accepted_at, handled_at, closed_at, deferred, handle_overdue, rating)
      select gen_random_uuid(), ${tag} || i, (array['06010', '06007', '01001', '02006', '03008', '06022', '08004', '09009'])[1 + i % 8],
        (array['worker', 'worker', 'resident', 'hotline', 'integration', 'department'])[1 + i / 7 % 6],
        (array['reported', 'accepted', 'dispatched', 'handled', 'closed', 'closed', 'closed', 'rejected'])[1 + i / 3 % 8],
        '压测', 'grid',
        ('d' || m % 10 || '.s' || m / 10 % 15 || '.c' || m / 150 % 12 || '.g' || m / 1800 % 10 || '.m' || m / 18000 % 8)::ltree,
        ST_SetSRID(ST_MakePoint(103.9 + (m % 997) / 2000.0, 30.5 + (m % 991) / 2000.0), 4326),
        r, case when i / 3 % 8 between 1 and 6 then r + interval '2 hours' end,
        case when i / 3 % 8 between 3 and 6 then r + interval '20 hours' end,
        case when i / 3 % 8 between 4 and 6 then r + interval '30 hours' end,
        i % 50 = 0, case when i / 3 % 8 between 4 and 6 then i % 9 = 0 end,
        case when i / 3 % 8 between 4 and 6 and i % 3 = 0 then 1 + i % 5 end
      from generate_series(${from}::int, ${to}::int) i,
        lateral (select ((i::bigint * 7919) % 144000)::int as m, now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second' as r) t`)
  }
}

export async function benchDashboards() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  const { db } = database
  await syncCategories(db)
  const tag = `D${Date.now().toString(36)}-`
  const [before] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases`)
  const loadStart = performance.now()
  await load(db, tag)
  const loadedS = (performance.now() - loadStart) / 1000
  const foldStart = performance.now()
  let folded = 0
  for (let n = -1; n !== 0; folded += n) n = await rollupRepo.fold(db, 20_000)
  const foldS = (performance.now() - foldStart) / 1000
  // What autovacuum does after a bulk load and its fold.
  for (const table of ['cases', 'case_rollup', 'case_rollup_queue'])
    await db.execute(sql.raw(database.kind === 'postgres' ? `vacuum analyze ${table}` : `analyze ${table}`))

  const today = day(new Date())
  const monthStart = `${today.slice(0, 7)}-01`
  const tomorrow = day(new Date(Date.now() + 86_400_000))
  const ago30 = day(new Date(Date.now() - 29 * 86_400_000))
  const queries: [string, StatsQuery][] = [
    ['today, whole city', { groupBy: 'none', from: midnight(today), to: midnight(tomorrow) }],
    [
      'this month, districts ranked',
      { groupBy: 'child', from: midnight(monthStart), to: midnight(tomorrow) },
    ],
    [
      'this month, a street by category',
      { groupBy: 'category', gridPath: 'd3.s4', from: midnight(monthStart), to: midnight(tomorrow) },
    ],
    [
      '30 days, a district by state',
      { groupBy: 'state', gridPath: 'd2', from: midnight(ago30), to: midnight(tomorrow) },
    ],
  ]
  const lines: string[] = []
  let worst = 0
  for (const [name, q] of queries) {
    const fromRollup = await timed(() => statsFromRollup(db, q, everything))
    const fromCases = await timed(() => statsRepo.counts(db, q, everything))
    worst = Math.max(worst, fromRollup)
    lines.push(`${name} ${fromRollup.toFixed(1)} ms (cases ${fromCases.toFixed(0)} ms)`)
  }
  // The 30-day trend and the source mix, which the statistics page does not group by.
  const trend = await timed(() =>
    rollupRepo.counts(db, { nodes: [''], dim: 'all', from: ago30, to: tomorrow, groupBy: 'day' }),
  )
  const trendRaw = await timed(() =>
    queryRows(
      db,
      sql`select (reported_at at time zone 'Asia/Shanghai')::date as d, count(*) from cases
      where reported_at >= ${midnight(ago30)} group by 1`,
    ),
  )
  const sources = await timed(() =>
    rollupRepo.counts(db, { nodes: ['d1'], dim: 'source', from: monthStart, to: tomorrow, groupBy: 'value' }),
  )
  const sourcesRaw = await timed(() =>
    queryRows(
      db,
      sql`select source, count(*) from cases where grid_path <@ 'd1'::ltree
      and reported_at >= ${midnight(monthStart)} group by 1`,
    ),
  )
  worst = Math.max(worst, trend, sources)
  lines.push(`30-day trend ${trend.toFixed(1)} ms (cases ${trendRaw.toFixed(0)} ms)`)
  lines.push(`a district's sources this month ${sources.toFixed(1)} ms (cases ${sourcesRaw.toFixed(0)} ms)`)
  const [rollupRows] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from case_rollup`)
  await database.close()
  return {
    name: `dashboard queries over ${(EVENTS + (before?.n ?? 0)).toLocaleString('en')} events (${database.kind}), slowest p95`,
    value: worst,
    limit: AIM_MS,
    ratio: worst / AIM_MS,
    extra: `${lines.join('; ')}; loaded in ${loadedS.toFixed(0)} s, folded ${folded.toLocaleString('en')} changes in ${foldS.toFixed(0)} s (${Math.round(folded / foldS).toLocaleString('en')}/s) into ${rollupRows?.n.toLocaleString('en')} rollup rows`,
  }
}
