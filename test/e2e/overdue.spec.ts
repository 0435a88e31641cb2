import { rmSync } from 'node:fs'
import { expect, test } from './csp-guard'
import { ADMIN, adminApi, json, signIn } from './journey'
import { type RunningServer, startServerWith, stopServerKeepingData } from './server'

// A Monday: reported at 10:00, 06010's accept limit (1 working hour) ends at 11:00. At 14:00 two and a half
// working hours have run (10:00–12:00 and 13:30–14:00; the lunch break does not count): red.
const REPORTED_AT = '2026-11-23T10:00:00+08:00'
const LOOKED_AT = '2026-11-23T14:00:00+08:00'
/** The demo district's centre (src/modules/demo/demo.generate.ts), inside one of its micro-grids. */
const POINT = { lng: 104.06, lat: 30.66 }

interface Summary {
  id: string
  no: string
  light: string | null
  deadlines: { accept: string | null }
}

test('a case nobody accepted turns red under a frozen clock, in the overdue inbox and on its page', async ({
  browser,
}) => {
  // Its own server, started twice on one database (a first start loads the demo district): the shared
  // server's clock is the real one, and its cases are other journeys'.
  test.setTimeout(300_000)
  let server: RunningServer | null = null
  let dataDir: string | null = null
  try {
    server = await startServerWith({ env: { WANGGE_CLOCK: REPORTED_AT } })
    dataDir = server.dataDir
    const api = await adminApi(server.baseUrl)
    const created = await json<Summary>(
      await api.post('/api/cases', {
        data: {
          categoryCode: '06010',
          location: POINT,
          address: '演示区中心路口',
          description: '路口绿地边有一堆生活垃圾未入桶',
          source: 'hotline',
        },
      }),
    )
    // Just reported: green, and not overdue.
    expect(new Date(created.deadlines.accept ?? '').toISOString()).toBe('2026-11-23T03:00:00.000Z')
    const fresh = await json<Summary>(await api.get(`/api/cases/${created.id}`))
    expect(fresh.light).toBe('green')
    const early = await json<{ items: Summary[] }>(
      await api.get('/api/cases', { params: { queue: 'overdue' } }),
    )
    expect(early.items).toEqual([])
    await api.dispose()
    await stopServerKeepingData(server)
    server = null

    server = await startServerWith({ dataDir, env: { WANGGE_CLOCK: LOOKED_AT } })
    const desk = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    const page = await desk.newPage()
    await signIn(page, ADMIN)
    await page.getByTestId('menu-cases').click()
    await page.getByTestId('case-queues').getByRole('tab', { name: '超期' }).click()
    await expect(page).toHaveURL(/\/cases\?queue=overdue$/)
    const row = page.getByRole('row').filter({ hasText: created.no })
    await expect(row).toBeVisible()
    await expect(row).toContainText('待受理')
    const light = row.getByTestId('case-light')
    await expect(light).toHaveAttribute('data-light', 'red')
    // The deadline it missed, in China time.
    await expect(light).toContainText('2026/11/23 11:00')

    await row.click()
    await expect(page.getByTestId('case-no')).toHaveText(created.no)
    const accept = page.getByTestId('case-deadlines').getByRole('row').filter({ hasText: '受理' })
    await expect(accept.getByTestId('case-light')).toHaveAttribute('data-light', 'red')
    await expect(accept.getByTestId('case-light')).toHaveText('超期')
    // The later stages have not started: no light.
    await expect(page.getByTestId('case-deadlines').getByTestId('case-light')).toHaveCount(1)
    await desk.close()
  } finally {
    if (server) await stopServerKeepingData(server)
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
})
