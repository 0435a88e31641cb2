import { randomUUID } from 'node:crypto'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './csp-guard'
import { ADMIN, adminApi, createUser, gridAt, gridChain, json, signedInApi, signIn } from './journey'

// 事件一张图: the command centre's live map. Two events drawn where they were reported, a third
// arriving over the live socket while the page is open (no reload), an event's and a grid's card.
const run = Date.now().toString(36)
const MARK = `一张图${run}`
const WALKER = { username: `lm_worker_${run}`, displayName: '李巡查', password: 'Walker#2026lm' }
const shots = process.env.SHOTS_DIR ?? 'test-results'
/** Close enough to see single events (no clusters above zoom 15), far enough to tell them apart. */
const ZOOM = 17
const STEP = 0.0004

interface Reported {
  id: string
  no: string
}

/** A grid of the demo district that the other journeys leave alone: its centre, inside it. */
async function quietGrid(admin: APIRequestContext) {
  const { items } = await json<{ items: { code: string }[] }>(
    await admin.get('/api/grids', { params: { level: 'grid', limit: 50 } }),
  )
  // The first grids hold the district's centre and the demo's ledger; the last are field-visits'.
  for (const { code } of items.slice(20, 40)) {
    const { boundary } = await json<{ boundary: { coordinates: number[][][][] } | null }>(
      await admin.get(`/api/grids/${code}`),
    )
    const ring = boundary?.coordinates[0]?.[0] ?? []
    if (ring.length < 4) continue
    const point = {
      lng: ring.reduce((s, p) => s + (p[0] ?? 0), 0) / ring.length,
      lat: ring.reduce((s, p) => s + (p[1] ?? 0), 0) / ring.length,
    }
    const chain = await gridChain(admin, point)
    if (chain.some((g) => g.code === code)) return { grid: gridAt(chain, 'grid'), point }
  }
  throw new Error('no quiet grid in the demo')
}

async function report(api: APIRequestContext, location: { lng: number; lat: number }, text: string) {
  return json<Reported>(
    await api.post('/api/cases', {
      data: { categoryCode: '06010', location, description: `${MARK} ${text}`, source: 'hotline' },
    }),
  )
}

/** A worker of the grid out on patrol there now: the map shows them by name. */
async function startPatrol(baseURL: string, at: { lng: number; lat: number }) {
  const walker = await signedInApi(baseURL, WALKER)
  const id = randomUUID()
  const now = new Date()
  await json(await walker.post('/api/patrols', { data: { id, startedAt: now.toISOString() } }))
  const points = [{ seq: 0, t: now.toISOString(), lon: at.lng, lat: at.lat, acc: 8 }]
  await json(await walker.post(`/api/patrols/${id}/points`, { data: { points } }))
  await walker.dispose()
}

const mapOf = (page: Page) => page.getByTestId('live-map')

test('the live map draws the events in view, takes a new one from the socket, and opens its card', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const admin = await adminApi(baseURL ?? '')
  const { grid, point } = await quietGrid(admin)
  const first = await report(admin, point, '垃圾桶满溢')
  await report(admin, { lng: point.lng + STEP, lat: point.lat + STEP }, '暴露垃圾')
  await createUser(admin, WALKER, 'grid_worker', { type: 'grid', path: grid.path })
  await startPatrol(baseURL ?? '', { lng: point.lng - STEP, lat: point.lat + 2 * STEP })

  await page.setViewportSize({ width: 1280, height: 900 })
  await signIn(page, ADMIN)
  await expect(page.getByTestId('menu-command')).toHaveText('一张图')
  await page.goto(`/command/map?lng=${point.lng}&lat=${point.lat}&z=${ZOOM}`)
  await expect(
    page.getByRole('heading', { name: '事件一张图' }).or(page.getByText('事件一张图')),
  ).toBeVisible()
  await expect(mapOf(page).locator('canvas')).toBeVisible()
  await expect(mapOf(page)).toHaveAttribute('data-count', '2', { timeout: 15_000 })
  await expect(page.getByTestId('live-status')).toHaveText('实时')
  await expect(page.getByTestId('live-legend')).toContainText('超期')

  // A third event while the page is open: the socket brings it within a few seconds, without a reload.
  await page.evaluate('window.stayed = true')
  await report(admin, { lng: point.lng + STEP, lat: point.lat - STEP }, '建筑垃圾堆放')
  await expect(mapOf(page)).toHaveAttribute('data-count', '3', { timeout: 8_000 })
  expect(await page.evaluate('window.stayed')).toBe(true)

  // The first event sits at the map's centre: a click there opens its card, with the way to its page.
  const box = await mapOf(page).boundingBox()
  if (!box) throw new Error('the map has no box')
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  await page.mouse.click(centre.x, centre.y)
  const card = page.getByTestId('event-card')
  await expect(card).toBeVisible()
  await expect(card.getByTestId('event-card-no')).toHaveText(first.no)
  await expect(card).toContainText('待受理')
  await expect(card.getByTestId('event-card-link')).toHaveAttribute('href', `/cases/${first.id}`)
  await page.screenshot({ path: `${shots}/live-map-event.png` })

  // A click away from the events opens the grid's card: its open events and the list of them.
  await card.getByRole('button', { name: '关闭' }).click()
  await page.mouse.click(centre.x - 160, centre.y + 120)
  const gridCard = page.getByTestId('grid-card')
  await expect(gridCard).toBeVisible()
  await expect(gridCard).toContainText('在办事件')
  await expect(gridCard.getByRole('link', { name: '查看事件' })).toHaveAttribute('href', /queue=all&grid=\d+/)
  await page.screenshot({ path: `${shots}/live-map-grid.png` })

  // Zoomed out, the three gather in one cluster that counts them; the heat map draws the same points.
  await page.goto(`/command/map?lng=${point.lng}&lat=${point.lat}&z=14`)
  await expect(mapOf(page)).toHaveAttribute('data-count', /^\d+$/, { timeout: 15_000 })
  // The clusters are built in MapLibre's worker after the data is set: a moment before the picture.
  await page.waitForTimeout(1_500)
  await page.screenshot({ path: `${shots}/live-map-clusters.png` })
  await page.getByTestId('layer-heat').click()
  await page.waitForTimeout(1_000)
  await page.screenshot({ path: `${shots}/live-map-heat.png` })

  // Without a point in the URL the map opens on the reader's area: the whole district for the admin.
  await page.goto('/command/map')
  await expect(mapOf(page)).toHaveAttribute('data-count', /^([3-9]|\d{2,})$/, { timeout: 15_000 })
  await page.waitForTimeout(1_500)
  await page.screenshot({ path: `${shots}/live-map-area.png` })

  // Zoomed out past 2° a side, the map asks to zoom in rather than load the whole country.
  await page.goto(`/command/map?lng=${point.lng}&lat=${point.lat}&z=7`)
  await expect(page.getByTestId('live-hint')).toContainText('请放大地图')
  await expect(mapOf(page)).toHaveAttribute('data-count', '0')

  // A phone: the filters stack, the map keeps its events, the card goes under it.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`/command/map?lng=${point.lng}&lat=${point.lat}&z=${ZOOM}`)
  await expect(mapOf(page)).toHaveAttribute('data-count', '3', { timeout: 15_000 })
  await page.waitForTimeout(1_000)
  await page.screenshot({ path: `${shots}/live-map-phone-map.png` })
  const phoneBox = await mapOf(page).boundingBox()
  if (!phoneBox) throw new Error('the map has no box')
  expect(phoneBox.width).toBeLessThanOrEqual(390)
  await page.mouse.click(phoneBox.x + phoneBox.width / 2, phoneBox.y + phoneBox.height / 2)
  await expect(page.getByTestId('event-card')).toBeVisible()
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth')
  expect(overflow).toBeLessThanOrEqual(390)
  await page.screenshot({ path: `${shots}/live-map-phone.png`, fullPage: true })
  await admin.dispose()
})
