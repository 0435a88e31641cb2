import type { APIRequestContext, BrowserContext, Page } from '@playwright/test'
import { request } from '@playwright/test'
import sharp from 'sharp'
import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain, json } from './journey'

const run = Date.now().toString(36)
const WORKER = { username: `field_${run}`, displayName: '司马巡查', password: 'Field#2026x' }
/** Where the worker starts: inside his grid in the demo district (锦华第5网格). */
const HERE = { longitude: 104.0452, latitude: 30.6503 }
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'
const DESCRIPTION = `沿街护栏上晾挂被褥 ${run}`

test.use({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  geolocation: HERE,
  permissions: ['geolocation'],
  serviceWorkers: 'allow',
})

/** A real JPEG, as a phone's camera would give (larger than the app's 1600 px, so it is shrunk first). */
async function cameraPhoto() {
  const buffer = await sharp({
    create: { width: 2400, height: 1800, channels: 3, background: { r: 120, g: 160, b: 90 } },
  })
    .jpeg({ quality: 90 })
    .toBuffer()
  return { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer }
}

/** The worker's own API session (for what the server says about his records). */
async function workerApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
  await json(
    await api.post('/api/auth/login', { data: { username: WORKER.username, password: WORKER.password } }),
  )
  return api
}

/** Whether the server answers a route at all (a part of the field work may not be there yet). */
async function hasRoute(api: APIRequestContext, path: string) {
  const response = await api.get(path)
  if (response.status() !== 404) return true
  const body = (await response.json().catch(() => ({}))) as { code?: string }
  return body.code !== 'route.not_found'
}

/** The header's unsent counter. */
const unsent = (page: Page) => page.getByTestId('unsent-count')

/** The running (or last) patrol as the phone keeps it. */
function phonePatrol(page: Page) {
  return page.evaluate<{ nextSeq: number; last?: { lon: number; lat: number } }>(`new Promise((resolve) => {
    const open = indexedDB.open('wangge-field')
    open.onsuccess = () => {
      const all = open.result.transaction('patrols').objectStore('patrols').getAll()
      all.onsuccess = () => resolve(all.result.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0])
    }
  })`)
}

/**
 * Moves the phone and waits until the patrol has kept a point there. (Standing still for the sampling
 * interval keeps a point too, so the count may grow by more than one across a reload.)
 */
async function walkTo(page: Page, context: BrowserContext, point: { lng: number; lat: number }) {
  const before = (await phonePatrol(page)).nextSeq
  await context.setGeolocation({ longitude: point.lng, latitude: point.lat, accuracy: 8 })
  await expect
    .poll(async () => {
      const patrol = await phonePatrol(page)
      return patrol.nextSeq > before && patrol.last?.lon === point.lng && patrol.last?.lat === point.lat
    })
    .toBe(true)
}

test('a grid worker patrols, reports an event with a photo offline, reloads offline, and everything reaches the server once', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const grid = gridAt(await gridChain(admin, { lng: HERE.longitude, lat: HERE.latitude }), 'grid')
  await createUser(admin, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  const { boundary } = await json<{ boundary: { coordinates: number[][][][] } }>(
    await admin.get(`/api/grids/${grid.code}`),
  )
  const ring = boundary.coordinates[0]?.[0] ?? []
  const lngs = ring.map((p) => p[0] ?? 0)
  const lats = ring.map((p) => p[1] ?? 0)
  const east = Math.max(...lngs)
  const mid = (Math.min(...lngs) + east) / 2
  // The walk stays within the grid's south and north edges.
  expect(Math.min(...lats)).toBeLessThan(HERE.latitude - 0.001)
  expect(Math.max(...lats)).toBeGreaterThan(HERE.latitude)
  const worker = await workerApi(base)
  // Parts of the field work whose server APIs may not be there yet: those steps run once they are.
  const patrols = await hasRoute(worker, '/api/patrols/compliance')

  // Sign in on /m/ as a device; the service worker takes over the page (the app shell is precached).
  await page.goto('/m/')
  await page.getByLabel('用户名', { exact: true }).fill(WORKER.username)
  await page.getByLabel('密码', { exact: true }).fill(WORKER.password)
  await page.getByLabel('本机名称', { exact: true }).fill('司马的手机')
  await page.screenshot({ path: `${SHOTS}/app-sign-in-390.png` })
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByText(`${WORKER.displayName}，你好`)).toBeVisible()
  await expect(page.getByTestId('network-state')).toHaveText('在线')
  await expect(unsent(page)).toHaveText('0')
  await page.evaluate('navigator.serviceWorker.ready')
  await expect.poll(() => page.evaluate<boolean>('!!navigator.serviceWorker.controller')).toBe(true)
  // The categories are cached for offline use as soon as the app is online.
  await expect
    .poll(() =>
      page.evaluate<number>(`new Promise((resolve) => {
      const open = indexedDB.open('wangge-field')
      open.onsuccess = () => {
        const get = open.result.transaction('cache').objectStore('cache').get('categories')
        get.onsuccess = () => resolve(get.result ? 1 : 0)
      }
    })`),
    )
    .toBe(1)
  await page.screenshot({ path: `${SHOTS}/app-today-390.png`, fullPage: true })

  // A patrol: started inside the grid, walked north inside it, then out of it to the east.
  const track = [
    { lng: mid, lat: HERE.latitude - 0.001 },
    { lng: mid, lat: HERE.latitude - 0.0005 },
    { lng: mid, lat: HERE.latitude },
    { lng: east + 0.0008, lat: HERE.latitude },
    { lng: east + 0.0016, lat: HERE.latitude },
  ]
  let patrolId = ''
  if (patrols) {
    await page.getByTestId('field-nav-patrol').click()
    await page.getByTestId('patrol-start').click()
    await expect(page.getByTestId('patrol-points')).toBeVisible()
    // The position the phone had before the start is not part of the patrol: the first point is the next fix.
    await context.setGeolocation({ longitude: track[0]?.lng ?? 0, latitude: track[0]?.lat ?? 0, accuracy: 8 })
    await expect(page.getByTestId('patrol-points')).toHaveText('1')
    for (const point of track.slice(1, 3)) await walkTo(page, context, point)
    await expect(page.getByTestId('wake-lock')).toBeVisible()
    patrolId = await page.evaluate<string>(`new Promise((resolve) => {
      const open = indexedDB.open('wangge-field')
      open.onsuccess = () => {
        const all = open.result.transaction('patrols').objectStore('patrols').getAll()
        all.onsuccess = () => resolve(all.result.find((p) => p.state === 'running').id)
      }
    })`)
    await expect(page.getByTestId('track-map').locator('canvas')).toBeVisible()
    await page.waitForTimeout(2_000) // the map's tiles, for the picture
    await page.screenshot({ path: `${SHOTS}/app-patrol-390.png`, fullPage: true })
  }

  // The network goes: the worker reports laundry on the railings with a photo from the camera.
  await context.setOffline(true)
  await expect(page.getByTestId('network-state')).toHaveText('离线')
  if (patrols) await walkTo(page, context, track[3] ?? { lng: 0, lat: 0 })
  await page.getByTestId('field-nav-report').click()
  await page.getByTestId('report-category').click()
  await page.keyboard.type('沿街晾挂')
  await page.locator('.ant-select-item-option').filter({ hasText: '06007 沿街晾挂' }).click()
  await page.getByLabel('事件描述').fill(DESCRIPTION)
  await page.getByTestId('report-photo-input').setInputFiles(await cameraPhoto())
  await expect(page.getByTestId('report-photo')).toHaveCount(1)
  await expect(page.getByTestId('report-location')).toContainText('经度')
  if (patrols) await expect(page.getByText('将关联到进行中的巡查')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/app-report-390.png`, fullPage: true })
  await page.getByTestId('report-submit').click()
  await expect(page.getByTestId('today')).toBeVisible()
  const report = page.getByTestId('report-row').filter({ hasText: DESCRIPTION })
  await expect(report.getByTestId('sync-state')).toHaveText('待发送')
  const queued = Number(await unsent(page).textContent())
  expect(queued).toBeGreaterThanOrEqual(2) // the report and its photo (and the patrol's entries)

  // The photo was shrunk on the phone to at most 1600 px before it was queued.
  const stored = await page.evaluate<{ type: string; size: number; sha: number }>(`new Promise((resolve) => {
    const open = indexedDB.open('wangge-field')
    open.onsuccess = () => {
      const all = open.result.transaction('photos').objectStore('photos').getAll()
      all.onsuccess = () => {
        const p = all.result[0]
        resolve({ type: p.blob.type, size: p.blob.size, sha: p.sha256.length })
      }
    }
  })`)
  expect(stored.type).toBe('image/jpeg')
  expect(stored.sha).toBe(64)

  // Reloaded with no network: the service worker serves the app, the store keeps everything.
  await page.reload()
  await expect(page.getByText(`${WORKER.displayName}，你好`)).toBeVisible()
  await expect(unsent(page)).toHaveText(String(queued))
  await expect(report.getByTestId('sync-state')).toHaveText('待发送')
  await page.getByTestId('field-nav-outbox').click()
  await expect(page.getByTestId('outbox-entry').filter({ hasText: DESCRIPTION }).first()).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/app-outbox-offline-390.png`, fullPage: true })
  if (patrols) {
    // The running patrol came back with the page: it goes on recording, then ends (still offline).
    await page.getByTestId('field-nav-patrol').click()
    await walkTo(page, context, track[4] ?? { lng: 0, lat: 0 })
    await page.getByTestId('patrol-end').click()
    await page.getByRole('button', { name: /确\s*定|OK/ }).click()
    await expect(page.getByTestId('patrol-start')).toBeVisible()
    await expect(page.getByTestId('patrol-row').first().getByTestId('sync-state')).toHaveText('待发送')
    await page.screenshot({ path: `${SHOTS}/app-patrol-ended-offline-390.png`, fullPage: true })
  }

  // The session ended meanwhile (e.g. ended from another device): the app says so and keeps the items.
  await context.clearCookies()
  await context.setOffline(false)
  await page.getByTestId('field-nav-today').click()
  await expect(page.getByTestId('signed-out')).toBeVisible()
  await expect(page.getByTestId('signed-out')).toContainText('未发送')
  expect(Number(await unsent(page).textContent())).toBeGreaterThanOrEqual(2)
  await page.screenshot({ path: `${SHOTS}/app-signed-out-390.png`, fullPage: true })
  await page.getByRole('button', { name: '重新登录' }).click()
  await expect(page.getByLabel('用户名', { exact: true })).toHaveValue(WORKER.username)
  await page.getByLabel('密码', { exact: true }).fill(WORKER.password)
  await page.getByRole('button', { name: '登录' }).click()

  // Back online and signed in: everything goes out, the counter drops to 0, the report is synced.
  await expect(unsent(page)).toHaveText('0', { timeout: 30_000 })
  await expect(page.getByTestId('signed-out')).toHaveCount(0)
  await expect(report.getByTestId('sync-state')).toHaveText('已同步')
  await page.screenshot({ path: `${SHOTS}/app-today-synced-390.png`, fullPage: true })

  // The server holds the case exactly once, with its one photo (the shrunk JPEG).
  const { items } = await json<{ items: { id: string; no: string }[] }>(
    await worker.get('/api/cases', { params: { q: DESCRIPTION } }),
  )
  expect(items).toHaveLength(1)
  const caseId = items[0]?.id ?? ''
  const { items: attachments } = await json<{ items: { contentType: string; size: number }[] }>(
    await worker.get(`/api/cases/${caseId}/attachments`),
  )
  expect(attachments).toHaveLength(1)
  expect(attachments[0]?.contentType).toBe('image/jpeg')
  expect(attachments[0]?.size).toBe(stored.size)

  if (patrols) {
    // The patrol's points are stored once each, and the report is linked to the patrol.
    const patrol = await json<{ pointCount: number; state: string; cases: { id: string }[] }>(
      await worker.get(`/api/patrols/${patrolId}`),
    )
    // Every point the phone kept counts, no fewer than the walk's stops.
    const kept = (await phonePatrol(page)).nextSeq
    expect(kept).toBeGreaterThanOrEqual(track.length)
    expect(patrol.pointCount).toBe(kept)
    expect(patrol.state).toBe('ended')
    expect(patrol.cases.map((c) => c.id)).toContain(caseId)
    await page.getByTestId('field-nav-patrol').click()
    await expect(page.getByTestId('patrol-row').first().getByTestId('sync-state')).toHaveText('已同步')
    await page.screenshot({ path: `${SHOTS}/app-patrol-synced-390.png`, fullPage: true })
  }

  // At a desk's width the app stays a phone column.
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: `${SHOTS}/app-today-1280.png` })
  await worker.dispose()
  await admin.dispose()
})
