// Where the big screen's first paint goes: one fresh Chromium on /screen over a database the
// bigscreen bench seeded, printing the network waterfall (each request's start, end, size) and the
// moments each panel was drawn. `DATABASE_URL=… npx tsx bench/bigscreen.profile.ts [runs]`.
import { loadavg } from 'node:os'
import { chromium } from '@playwright/test'
import { buildApp } from '../src/app'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { migrate } from '../src/db/migrate'
import { buildWebIfStale } from '../test/e2e/server'
import { makers } from '../test/support/make'

const RUNS = Number(process.argv[2] ?? 1)
const TRACE = process.env.TRACE

// Run in the page before its own scripts (a string: tsx would wrap named functions in a helper the page lacks).
const INIT = `
  const seen = {}
  window.__marks = seen
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-testid]')) {
      const id = el.dataset.testid || ''
      const key = el.dataset.drawn === 'true' ? id + ' drawn' : id
      if (/^(chart-|screen-map|kpi-reported|screen-body|screen-status|big-screen)/.test(id) && !(key in seen))
        seen[key] = Math.round(performance.now())
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] })
  // MapLibre's frames and what asked for each, when the map is left at window.__screenMap (add
  // 'window.__screenMap = made' to ScreenMap's onMap while profiling; it is not kept there).
  const log = []
  window.__mapLog = log
  const hook = setInterval(() => {
    const map = window.__screenMap
    if (!map) return
    clearInterval(hook)
    const t = () => Math.round(performance.now())
    log.push(t() + ' made')
    for (const type of ['style.load', 'load', 'idle'])
      map.on(type, () => log.push(t() + ' ' + type))
    map.on('data', (e) => log.push(t() + ' data ' + e.dataType + ' ' + (e.sourceId || '') + ' ' + (e.sourceDataType || '') + (e.tile ? ' tile ' + e.tile.tileID.key : '')))
    map.on('render', () => log.push(t() + ' render moving=' + map.isMoving() + ' loaded=' + map.loaded() + ' src=' + map._sourcesDirty + ' sty=' + map._styleDirty + ' pl=' + map._placementDirty))
  }, 5)
`

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WANGGE_LOGIN_RATE_LIMIT: '1000' })
const database = await connect(config)
await migrate(database)
buildWebIfStale()
const admin = await makers(database.db).user({ roles: [{ key: 'admin' }] })
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
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
/** Per run, when the last panel was drawn by the page's own clock. */
const done: number[] = []
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
  await context.addCookies([{ name: 'wangge_session', value: session, url: base }])
  // The moment each drawn mark appears, in the page's own clock (ms after navigation start).
  await context.addInitScript(INIT)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.log('page error:', error.message))
  page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()))
  if (TRACE && run === 0) await browser.startTracing(page, { path: TRACE, screenshots: true })
  const cdp = process.env.CPU && run === 0 ? await context.newCDPSession(page) : null
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  }
  const started = Date.now()
  // Every request with the worker's too (resource timing misses MapLibre's tile fetches).
  const requests: string[] = []
  page.on('requestfinished', async (request) => {
    const t = request.timing()
    const at = Math.round(t.startTime - started)
    const size = (await request.sizes().catch(() => null))?.responseBodySize ?? 0
    requests.push(
      `${String(at).padStart(6)} → ${String(Math.round(at + t.responseEnd)).padStart(6)} (wait ${String(Math.round(t.responseStart - t.requestStart)).padStart(5)}) ${String((size / 1024).toFixed(1)).padStart(7)} kB ${request.url().replace(base, '')}`,
    )
  })
  await page.goto(`${base}/screen`)
  for (const chart of ['chart-trend', 'chart-categories', 'chart-sources'])
    await page.locator(`[data-testid="${chart}"][data-drawn="true"]`).waitFor({ timeout: 60_000 })
  await page.getByTestId('kpi-reported').waitFor()
  await page.locator('[data-testid="screen-map"][data-drawn="true"]').waitFor({ timeout: 60_000 })
  const total = Date.now() - started
  // SHOT=<file.png>: what the first run drew, once drawn.
  if (process.env.SHOT && run === 0) await page.screenshot({ path: process.env.SHOT })
  if (TRACE && run === 0) await browser.stopTracing()
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop')
    await import('node:fs').then((fs) => fs.writeFileSync(process.env.CPU ?? '', JSON.stringify(profile)))
  }
  // Strings, not functions: this file is type-checked without the DOM's types.
  const marks = await page.evaluate<Record<string, number>>('window.__marks')
  const mapLog = await page.evaluate<string[]>('window.__mapLog')
  const map = marks['screen-map drawn'] ?? 0
  const charts = Math.max(...['trend', 'categories', 'sources'].map((c) => marks[`chart-${c} drawn`] ?? 0))
  done.push(Math.max(map, charts))
  console.log(
    `\nrun ${run + 1}: ${total} ms to Playwright; in the page: map drawn ${map} ms, charts ${charts} ms (load average ${loadavg()[0]?.toFixed(1)})`,
  )
  for (const line of mapLog) console.log(`map: ${line}`)
  console.log('requests (ms after goto, kB as sent):')
  for (const line of requests.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10)))
    console.log(line)
  for (const [k, v] of Object.entries(marks).sort((a, b) => a[1] - b[1]))
    console.log(`${String(v).padStart(6)} ${k}`)
  await context.close()
}
const sorted = [...done].sort((a, b) => a - b)
console.log(
  `\nall drawn (page clock): median ${sorted[sorted.length >> 1]} ms, runs ${done.join(', ')} (load average ${loadavg()[0]?.toFixed(1)})`,
)
await browser.close()
await app.close()
await database.close()
process.exit(0)
