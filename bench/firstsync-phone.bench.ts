// The first sync measured on the phone app itself: Chromium at 390 px with Chrome DevTools' "Slow 3G"
// (400 kbit/s down and up, 400 ms latency) applied to the page, the worker signing in on /m/ (the
// app already on the phone), until the 500 households and 1,500 people are in IndexedDB — the
// server's pages, the network, the phone's JSON parsing and its writes, and the today screen's
// other requests sharing the link, all counted.
import { spawnSync } from 'node:child_process'
import { chromium } from '@playwright/test'
import { FIRST_SYNC, firstSyncServer } from './firstsync.bench'

/** What the phone holds: households and people stored, and whether the pull has finished. */
const HELD = `new Promise((resolve) => {
  const open = indexedDB.open('wangge-field')
  open.onsuccess = () => {
    const tx = open.result.transaction(['households', 'people', 'meta'])
    const h = tx.objectStore('households').count()
    const p = tx.objectStore('people').count()
    const m = tx.objectStore('meta').get('sync.state')
    tx.oncomplete = () => resolve({ households: h.result, people: p.result, state: m.result?.value ?? null })
  }
  open.onerror = () => resolve({ households: 0, people: 0, state: null })
})`

export async function benchFirstSyncPhone() {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('building the web app failed')
  const server = await firstSyncServer()
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  try {
    // No service worker: DevTools' throttling applies to the page's own requests.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      serviceWorkers: 'block',
    })
    const page = await context.newPage()
    await page.goto(`${server.base}/m/`)
    await page.getByLabel('密码', { exact: true }).waitFor()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: FIRST_SYNC.slow3g.rttS * 1000,
      downloadThroughput: FIRST_SYNC.slow3g.bytesPerS,
      uploadThroughput: FIRST_SYNC.slow3g.bytesPerS,
    })
    await page.getByLabel('用户名', { exact: true }).fill(server.worker.username)
    await page.getByLabel('密码', { exact: true }).fill(server.worker.password)
    await page.getByLabel('本机名称', { exact: true }).fill('bench')
    const started = performance.now()
    await page.getByRole('button', { name: '登录' }).click()
    let held = { households: 0, people: 0, state: null as string | null }
    while (performance.now() - started < 120_000) {
      held = await page.evaluate<typeof held>(HELD)
      if (held.state === 'ok' && held.households >= FIRST_SYNC.households && held.people >= FIRST_SYNC.people)
        break
      await page.waitForTimeout(100)
    }
    const seconds = (performance.now() - started) / 1000
    if (held.households < FIRST_SYNC.households || held.people < FIRST_SYNC.people)
      throw new Error(`after ${seconds.toFixed(0)} s the phone holds only ${JSON.stringify(held)}`)
    return {
      name: `first sync on the phone app in Chromium (390 px, DevTools Slow 3G), ${held.households} households and ${held.people} people on ${server.kind}`,
      value: seconds * 1000,
      limit: FIRST_SYNC.aimS * 1000,
      ratio: seconds / FIRST_SYNC.aimS,
      extra:
        'from the sign-in tap until every record is in IndexedDB; the sign-in and the today screen’s requests share the link',
    }
  } finally {
    await browser.close()
    await server.close()
  }
}
