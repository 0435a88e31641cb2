// The resident's report page on a phone over a slow network: what its first and its repeat visit
// transfer and when its map is there, in Chromium with the network emulated at 1.6 Mbps down,
// 150 ms latency, against the aims of issue 11 (first visit 600 KB, repeat 30 KB, 5 s).
import { chromium, type Page } from '@playwright/test'
import { buildWebIfStale, startServer, stopServer } from '../test/e2e/server'

const AIM_FIRST_KB = 600
const AIM_REPEAT_KB = 30
const AIM_READY_S = 5
const SLOW = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 }

/** Opens /report and answers the bytes it transferred (MapLibre's worker included) and the seconds until its map showed. */
async function visit(page: Page, base: string): Promise<{ kb: number; seconds: number }> {
  const started = Date.now()
  await page.goto(`${base}/report`)
  await page.getByTestId('report-map').locator('canvas').waitFor()
  const seconds = (Date.now() - started) / 1000
  await page.waitForLoadState('networkidle')
  const bytes = await page.evaluate(() => {
    // The browser's timing entries (this file is typed for Node, whose performance has no resources).
    const timing = performance as unknown as { getEntriesByType(type: string): { transferSize: number }[] }
    const entries = [...timing.getEntriesByType('navigation'), ...timing.getEntriesByType('resource')]
    return entries.reduce((sum, entry) => sum + entry.transferSize, 0)
  })
  return { kb: bytes / 1024, seconds }
}

export async function benchReportPage() {
  buildWebIfStale()
  const server = await startServer()
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', SLOW)
    const first = await visit(page, server.baseUrl)
    const repeat = await visit(page, server.baseUrl)
    return {
      name: '/report first visit at 1.6 Mbps',
      value: first.kb,
      limit: AIM_FIRST_KB,
      ratio: first.kb / AIM_FIRST_KB,
      extra: `map shown after ${first.seconds.toFixed(1)} s (aim ${AIM_READY_S} s); repeat visit ${repeat.kb.toFixed(0)} KB (aim ${AIM_REPEAT_KB} KB), map after ${repeat.seconds.toFixed(1)} s`,
    }
  } finally {
    await browser.close()
    await stopServer(server)
  }
}
