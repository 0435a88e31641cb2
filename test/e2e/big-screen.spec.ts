import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './csp-guard'
import { ADMIN, adminApi, type ChainGrid, gridAt, gridChain, json, signIn } from './journey'

// 大屏: the command centre's wall at 1920×1080. Its KPI strip says what the statistics say, and a
// drill-down from the district to a grid moves every panel (and the breadcrumb) to the new scope.
const RUN = Date.now().toString(36)
const MARK = `大屏${RUN}`
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'
/** Points other journeys report at or work around (as warnings.spec.ts lists them). */
const BUSY = [
  { lng: 104.0603, lat: 30.6603 },
  { lng: 104.0452, lat: 30.6503 },
  { lng: 104.09, lat: 30.68 },
  { lng: 104.031, lat: 30.642 },
  { lng: 104.0712, lat: 30.6688 },
]
/** Nine events within about 18 m: a hotspot (8 within 100 m in 72 h), which the ticker then shows. */
const STEP = 0.00008

const grids = async (api: APIRequestContext, params: Record<string, string | number>) =>
  (await json<{ items: { code: string }[] }>(await api.get('/api/grids', { params }))).items

/** A grid of a street no other journey works in (the warnings journey takes the last such street). */
async function quietGrid(admin: APIRequestContext) {
  const busy = new Set<string>()
  for (const point of BUSY) busy.add(gridAt(await gridChain(admin, point), 'street').code)
  const street = (await grids(admin, { level: 'street', limit: 50 }))
    .slice(2)
    .filter((s) => !busy.has(s.code))
    .at(-2)
  const community = (await grids(admin, { parent: street?.code ?? '' })).at(0)
  const grid = (await grids(admin, { parent: community?.code ?? '' })).at(1)
  const { boundary } = await json<{ boundary: { coordinates: number[][][][] } }>(
    await admin.get(`/api/grids/${grid?.code}`),
  )
  const ring = (boundary.coordinates[0]?.[0] ?? []).slice(0, -1)
  const point = {
    lng: ring.reduce((s, p) => s + (p[0] ?? 0), 0) / ring.length,
    lat: ring.reduce((s, p) => s + (p[1] ?? 0), 0) / ring.length,
  }
  const chain: ChainGrid[] = await gridChain(admin, point)
  expect(chain.map((g) => g.code)).toContain(grid?.code)
  return { chain, point }
}

interface Workers {
  total: number
  online: number
  offline: unknown[]
  outsideGrid: unknown[]
}

const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

/** Today's reports in a scope as GET /api/cases/stats counts them (the whole area without a grid). */
async function reportedToday(api: APIRequestContext, grid: string | null) {
  const today = chinaDay(new Date())
  const tomorrow = chinaDay(new Date(Date.now() + 86_400_000))
  const { rows } = await json<{ rows: { key: string | null; received: number }[] }>(
    await api.get('/api/cases/stats', {
      params: {
        from: `${today}T00:00:00+08:00`,
        to: `${tomorrow}T00:00:00+08:00`,
        ...(grid ? { grid } : {}),
      },
    }),
  )
  return rows.find((r) => r.key === null)?.received ?? 0
}

/** The screen shows this scope, freshly loaded, its KPI strip equal to the statistics'. */
async function showsScope(page: Page, admin: APIRequestContext, grid: ChainGrid | null) {
  const body = page.getByTestId('screen-body')
  await expect(body).toHaveAttribute('data-scope', grid?.code ?? '')
  await expect(body).toHaveAttribute('data-fresh', 'true')
  const crumbs = page.getByTestId('crumb')
  await expect(crumbs.last()).toHaveText(grid?.name ?? '全域')
  const expected = await reportedToday(admin, grid?.code ?? null)
  await expect(page.getByTestId('kpi-reported')).toHaveText(expected.toLocaleString('en-US'))
  for (const panel of ['panel-base', 'panel-groups', 'panel-workers', 'panel-ranking', 'panel-warnings'])
    await expect(page.getByTestId(panel)).toBeVisible()
  for (const chart of ['chart-trend', 'chart-categories', 'chart-sources'])
    await expect(page.getByTestId(chart)).toHaveAttribute('data-drawn', 'true')
  return expected
}

test('the big screen follows a drill-down from the district to a grid, its figures the statistics’', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000)
  const admin = await adminApi(baseURL ?? '')
  const { chain, point } = await quietGrid(admin)
  for (let i = 0; i < 9; i++) {
    const location = { lng: point.lng + (i % 3) * STEP, lat: point.lat + Math.floor(i / 3) * STEP }
    await json(
      await admin.post('/api/cases', {
        data: { categoryCode: '06010', location, description: `${MARK} 垃圾 ${i}`, source: 'hotline' },
      }),
    )
  }

  await page.setViewportSize({ width: 1920, height: 1080 })
  await signIn(page, ADMIN)
  await expect(page.getByTestId('menu-bigscreen')).toHaveText('大屏')
  await page.getByTestId('menu-bigscreen').click()
  await expect(page).toHaveURL(/\/screen$/)
  await expect(page.getByTestId('big-screen')).toHaveAttribute('data-scale', '1.000')
  await showsScope(page, admin, null)

  // Down the chain: each step by a row of the ranking, every panel asked again for the new scope.
  let last = 0
  for (const level of ['district', 'street', 'community', 'grid']) {
    const grid = gridAt(chain, level)
    const asked = page.waitForResponse(
      (r) => r.url().includes('/api/dashboard/screen') && r.url().includes(`grid=${grid.code}`),
    )
    await page.locator(`[data-testid="ranking-row"][data-code="${grid.code}"]`).click()
    const answer = await asked
    expect(answer.status()).toBe(200)
    await expect(page).toHaveURL(new RegExp(`grid=${grid.code}`))
    last = await showsScope(page, admin, grid)
    // With nobody to name, the workers' panel says why, by the answer it was drawn from.
    const { workers } = (await answer.json()) as { workers: Workers }
    if (workers.offline.length === 0 && workers.outsideGrid.length === 0)
      await expect(page.getByTestId('workers-status')).toHaveAttribute(
        'data-status',
        workers.online > 0 ? 'allWell' : workers.total === 0 ? 'noAccounts' : 'nobodyOnPatrol',
      )
    const crumbs = await page.getByTestId('crumb').allTextContents()
    expect(crumbs).toEqual(['全域', ...chain.slice(0, chain.indexOf(grid) + 1).map((g) => g.name)])
    if (level === 'district') await page.screenshot({ path: `${SHOTS}/big-screen-district.png` })
  }
  expect(last).toBeGreaterThanOrEqual(9)

  // The grid's nine events make a hotspot: early warning raises it, and the ticker shows it.
  await expect(page.getByTestId('panel-warnings').getByTestId('warning-ticker')).toBeVisible()
  await expect(page.getByTestId('panel-warnings').getByTestId('ticker-item').first()).toBeVisible({
    timeout: 45_000,
  })
  await page.screenshot({ path: `${SHOTS}/big-screen-grid.png` })

  // A step of the breadcrumb goes back up; the period switch asks for the week.
  const community = gridAt(chain, 'community')
  await page.locator(`[data-testid="crumb"][data-code="${community.code}"]`).click()
  await showsScope(page, admin, community)
  await page.getByTestId('period-week').click()
  await expect(page.getByTestId('screen-body')).toHaveAttribute('data-period', 'week')
  await expect(page).toHaveURL(/period=week/)

  // Scaled to a smaller window, the same 1920×1080 design.
  await page.setViewportSize({ width: 1280, height: 720 })
  await expect(page.getByTestId('big-screen')).toHaveAttribute('data-scale', '0.667')
  await page.screenshot({ path: `${SHOTS}/big-screen-1280.png` })

  // A wall opened at its address: its answer and its map's events are asked for once each, by the
  // early script, before the app has even checked the session.
  const wall = await page.context().newPage()
  const asked: string[] = []
  wall.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (path.startsWith('/api/')) asked.push(path)
  })
  await wall.setViewportSize({ width: 1920, height: 1080 })
  await wall.goto(`/screen?grid=${community.code}&period=week`)
  await expect(wall.getByTestId('screen-body')).toHaveAttribute('data-scope', community.code)
  await expect(wall.getByTestId('screen-body')).toHaveAttribute('data-period', 'week')
  await expect(wall.locator('[data-testid="screen-map"][data-drawn="true"]')).toBeVisible({ timeout: 30_000 })
  const count = (path: string) => asked.filter((p) => p === path).length
  expect(count('/api/dashboard/screen')).toBe(1)
  expect(count('/api/cases/map')).toBe(1)
  expect(asked.indexOf('/api/dashboard/screen')).toBeLessThan(asked.indexOf('/api/auth/me'))
  await wall.close()
})
