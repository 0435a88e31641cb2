// The big screen 大屏 on the city demo (48 districts, 147,456 micro-grids) with BENCH_EVENTS events
// (100,000 by default) over the last 60 days on its micro-grids: GET /api/dashboard/screen's p95
// through the HTTP app over scopes at every depth (the whole city, a district, a street, a
// community from the rollup; a grid below it from the cases) and periods, against 100 ms; and the
// screen's first paint in Chromium — from navigation to every panel drawn (the KPI strip, the three
// charts' first frames, the map idle with its tiles) — in a fresh browser each time, against 3 s.
import { availableParallelism, loadavg } from 'node:os'
import { chromium } from '@playwright/test'
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { queryRows } from '../src/db/database'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import { syncBuiltinRoles } from '../src/modules/auth/roles.service'
import { syncCategories } from '../src/modules/cases/categories/categories.sync'
import { rollupRepo } from '../src/modules/cases/rollup/rollup.repo'
import { summaryRepo } from '../src/modules/dashboard/dashboard.summary.repo'
import { buildWebIfStale } from '../test/e2e/server'
import { makers } from '../test/support/make'
import { cityDemoIn } from './city-demo'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const PAINTS = Number(process.env.BENCH_PAINTS ?? 3)
const API_AIM_MS = 100
const PAINT_AIM_MS = 3000

const p95 = (ms: number[]) =>
  [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))] ?? 0

/** `events` cases on the city's micro-grids (at their centres), in every state, over 60 days. */
async function loadEvents(db: Parameters<typeof queryRows>[0], tag: string, events: number) {
  await db.execute(sql`create temporary table bench_micro as
    select (row_number() over (order by code))::int - 1 as k, path, ST_X(c) as x, ST_Y(c) as y
    from (select code, path, ST_PointOnSurface(boundary) as c from grids where level = 'micro' and valid_to is null) g`)
  const [m] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bench_micro`)
  const n = m?.n ?? 1
  const batch = 50_000
  for (let from = 1; from <= events; from += batch) {
    const to = Math.min(events, from + batch - 1)
    await db.execute(sql`insert into cases (id, no, category_code, source, state, description, level, grid_path,
        location, reported_at, accepted_at, handled_at, closed_at, deferred, handle_overdue, rating, accept_due, handle_due)
      select gen_random_uuid(), ${tag} || i, (array['06010', '06007', '01001', '02006', '03008', '06022', '08004', '09009'])[1 + i % 8],
        (array['worker', 'worker', 'resident', 'hotline', 'integration', 'department'])[1 + i / 7 % 6],
        (array['reported', 'accepted', 'dispatched', 'handled', 'closed', 'closed', 'closed', 'rejected'])[1 + i / 3 % 8],
        '压测', 'grid', m.path, ST_SetSRID(ST_MakePoint(m.x, m.y), 4326),
        r, case when i / 3 % 8 between 1 and 6 then r + interval '2 hours' end,
        case when i / 3 % 8 between 3 and 6 then r + interval '20 hours' end,
        case when i / 3 % 8 between 4 and 6 then r + interval '30 hours' end,
        i % 50 = 0, case when i / 3 % 8 between 4 and 6 then i % 9 = 0 end,
        case when i / 3 % 8 between 4 and 6 and i % 3 = 0 then 1 + i % 5 end,
        r + interval '1 hour', r + interval '3 days'
      from generate_series(${from}::int, ${to}::int) i
        join bench_micro m on m.k = (i::bigint * 7919 % ${n})::int,
        lateral (select now() - (i % 60) * interval '1 day' - (i % 86400) * interval '1 second' as r) t`)
  }
}

export async function benchBigScreen() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WANGGE_LOGIN_RATE_LIMIT: '1000' })
  const database = config.DATABASE_URL ? await connect(config) : await openPglite({})
  await migrate(database)
  const { db } = database
  await syncBuiltinRoles({ db, afterWrite: () => {} })
  await syncCategories(db)
  const seedStart = performance.now()
  const city = await cityDemoIn(database)
  const tag = `S${Date.now().toString(36)}-`
  // A database that holds the events from an earlier run is used as it is.
  const [held] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases`)
  if ((held?.n ?? 0) < EVENTS) await loadEvents(db, tag, EVENTS - (held?.n ?? 0))
  for (let n = -1; n !== 0; ) n = await rollupRepo.fold(db, 20_000)
  // The base-data summary's queue after a fresh seed, folded as the server's job does every second
  // (readers add what is queued, so a screen asked before the fold sums the whole city's seed).
  while ((await summaryRepo.fold(db, 20_000)) === 20_000);
  for (const table of ['cases', 'case_rollup', 'grids', 'grid_posts'])
    await db.execute(sql.raw(database.kind === 'postgres' ? `vacuum analyze ${table}` : `analyze ${table}`))
  const seededS = (performance.now() - seedStart) / 1000
  const [events] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases`)

  buildWebIfStale()
  const admin = await makers(db).user({ roles: [{ key: 'admin' }] })
  const app = await buildApp({ database, config })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: 'http://localhost:80' },
    payload: { username: admin.username, password: admin.password },
  })
  const session = login.cookies.find((c) => c.name === 'wangge_session')?.value ?? ''

  // A district, street and community from the middle of the city, and a grid below the rollup.
  const grid = city.find(
    (g) => g.level === 'grid' && g.code.startsWith(city[city.length >> 1]?.code.slice(0, 2) ?? ''),
  )
  const chain = city.filter((g) => grid?.path.startsWith(`${g.path}.`))
  const scopes = [undefined, ...chain.map((g) => g.code), grid?.code]
  const perScope: string[] = []
  const all: number[] = []
  for (const code of scopes) {
    const ms: number[] = []
    for (const period of ['day', 'week', 'month']) {
      const url = `/api/dashboard/screen?period=${period}${code ? `&grid=${code}` : ''}`
      const ask = () => app.inject({ method: 'GET', url, headers: { cookie: `wangge_session=${session}` } })
      const first = await ask()
      if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`)
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now()
        await ask()
        ms.push(performance.now() - started)
      }
    }
    all.push(...ms)
    const level = code ? (city.find((g) => g.code === code)?.level ?? code) : 'city'
    perScope.push(`${level} ${p95(ms).toFixed(1)} ms`)
  }
  const apiP95 = p95(all)

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  const paints: number[] = []
  const steps: string[] = []
  try {
    for (let i = 0; i < PAINTS; i++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
      await context.addCookies([{ name: 'wangge_session', value: session, url: base }])
      const page = await context.newPage()
      const started = Date.now()
      const answered = page
        .waitForResponse((r) => r.url().includes('/api/dashboard/screen'), { timeout: 60_000 })
        .then(() => Date.now() - started)
        .catch(() => Number.NaN)
      await page.goto(`${base}/screen`)
      for (const chart of ['chart-trend', 'chart-categories', 'chart-sources'])
        await page.locator(`[data-testid="${chart}"][data-drawn="true"]`).waitFor({ timeout: 60_000 })
      const charts = Date.now() - started
      await page.getByTestId('kpi-reported').waitFor()
      await page.locator('[data-testid="screen-map"][data-drawn="true"]').waitFor({ timeout: 60_000 })
      paints.push(Date.now() - started)
      steps.push(`answer ${await answered} ms, charts ${charts} ms, map ${paints.at(-1)} ms`)
      await context.close()
    }
  } finally {
    await browser.close()
    await app.close()
    await database.close()
  }
  const paint = Math.max(...paints)
  const median = [...paints].sort((a, b) => a - b)[paints.length >> 1] ?? 0
  return {
    name: `big screen first paint on the city demo with ${(events?.n ?? 0).toLocaleString('en')} events (${database.kind}), slowest of ${PAINTS} fresh browsers (median ${median} ms; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
    value: paint,
    limit: PAINT_AIM_MS,
    ratio: paint / PAINT_AIM_MS,
    extra: `paints: ${steps.join('; ')}; /api/dashboard/screen p95 ${apiP95.toFixed(1)} ms (aim ${API_AIM_MS} ms, ratio ${(apiP95 / API_AIM_MS).toFixed(2)}): ${perScope.join(', ')}; seeded and folded in ${seededS.toFixed(0)} s`,
  }
}
