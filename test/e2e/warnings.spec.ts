import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './csp-guard'
import { adminApi, type ChainGrid, createUser, gridAt, gridChain, json, signedInApi, signIn } from './journey'

// A run of its own: the chief and the events carry its mark.
const RUN = Date.now().toString(36)
const MARK = `预警${RUN}`
const CHIEF = { username: `warn_chief_${RUN}`, displayName: '钱街道', password: 'Chief#2026warn' }
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'
/** Points other journeys report at or work around: the warnings' street holds none of them. */
const BUSY = [
  { lng: 104.0603, lat: 30.6603 },
  { lng: 104.0452, lat: 30.6503 },
  { lng: 104.09, lat: 30.68 },
  { lng: 104.031, lat: 30.642 },
  { lng: 104.0712, lat: 30.6688 },
]
/** A hotspot is 8 events within 100 m in 72 hours: 9, a 3 × 3 square about 18 m across. */
const STEP = 0.00008

interface GridRow {
  code: string
  path: string
}

const grids = async (api: APIRequestContext, params: Record<string, string | number>) =>
  (await json<{ items: GridRow[] }>(await api.get('/api/grids', { params }))).items

/**
 * A street of the demo no other journey works in (not one of the first two, whose grids the ledger
 * journeys take from the top of the list, nor one holding a busy point), and a grid of it, a new one
 * each run, with a point inside.
 */
async function quietPlace(admin: APIRequestContext) {
  const busy = new Set<string>()
  for (const point of BUSY) busy.add(gridAt(await gridChain(admin, point), 'street').code)
  const street = (await grids(admin, { level: 'street', limit: 50 }))
    .slice(2)
    .filter((s) => !busy.has(s.code))
    .at(-1)
  if (!street) throw new Error('no quiet street in the demo')
  const community = (await grids(admin, { parent: street.code })).at(-1)
  const inside = await grids(admin, { parent: community?.code ?? '' })
  const grid = inside[Number.parseInt(RUN, 36) % inside.length]
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
  return { street: gridAt(chain, 'street'), point }
}

test('a hotspot of nine events reaches the street chief’s workbench, and one action makes it an event', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const { street, point } = await quietPlace(admin)
  await createUser(admin, CHIEF, 'street_chief', { type: 'grid', path: street.path })
  await admin.dispose()

  // Nine reports of exposed rubbish within about 10 m of one spot, as the chief's own patrol finds them.
  const chief = await signedInApi(base, CHIEF)
  const ids: string[] = []
  for (const [i, [dx, dy]] of [-1, 0, 1].flatMap((x) => [-1, 0, 1].map((y) => [x, y])).entries()) {
    const reported = await json<{ id: string }>(
      await chief.post('/api/cases', {
        data: {
          categoryCode: '06010',
          location: { lng: point.lng + (dx ?? 0) * STEP, lat: point.lat + (dy ?? 0) * STEP },
          description: `${MARK} 路边暴露垃圾 ${i + 1}`,
          source: 'worker',
        },
      }),
    )
    ids.push(reported.id)
  }

  // Detection runs every two seconds on the journeys' server: the ticker shows the hotspot soon.
  await page.setViewportSize({ width: 1280, height: 900 })
  await signIn(page, CHIEF)
  const ticker = page.getByTestId('warning-ticker')
  const line = ticker.locator('[data-testid="ticker-item"][data-rule="hotspot"]').filter({ hasText: '9 件' })
  await expect(async () => {
    await page.reload()
    await expect(line).toBeVisible({ timeout: 3_000 })
  }).toPass({ timeout: 60_000 })
  const id = (await line.getAttribute('data-warning-id')) ?? ''
  const raised = await json<{ rule: string; inputs: { cases: string[] }; abilities: string[] }>(
    await chief.get(`/api/warnings/${id}`),
  )
  expect(raised.rule).toBe('hotspot')
  expect([...raised.inputs.cases].sort()).toEqual([...ids].sort())
  await expect(line).toContainText('事件聚集')
  await expect(ticker.getByRole('link', { name: '全部' })).toHaveAttribute('href', '/warnings')
  await page.screenshot({ path: `${SHOTS}/warnings-workbench-desk.png`, fullPage: true })

  // The line opens the warning: what the rule measured, and each of the nine events as a link.
  await line.click()
  await expect(page).toHaveURL(new RegExp(`/warnings\\?id=${id}$`))
  const drawer = page.getByTestId('warning-drawer')
  await expect(drawer.getByTestId('warning-state-open')).toBeVisible()
  await expect(drawer.getByTestId('warning-sentence')).toContainText('72 小时内 9 件')
  await expect(drawer.getByTestId('warning-count')).toHaveText('9')
  await expect(drawer.getByTestId('warning-cases-count')).toHaveText('涉及事件 9 件')
  await expect(drawer.getByTestId('warning-case-link')).toHaveCount(9)
  // Each link names its event by number once the events are read.
  await expect(drawer.getByTestId('warning-case-link').filter({ hasText: /^#/ })).toHaveCount(0)
  await expect(page.getByTestId('warnings-page').locator(`[data-warning-id="${id}"]`)).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/warnings-drawer-desk.png` })

  // 排除 asks why first: without a reason it cannot be confirmed.
  await drawer.getByTestId('warning-dismiss').click()
  const dismiss = page.getByRole('dialog').filter({ hasText: '排除预警' })
  await expect(dismiss.locator('#warning-dismiss-dialog-ok')).toBeDisabled()
  await dismiss.getByTestId('warning-dismiss-dialog-reason').fill('重复上报')
  await expect(dismiss.locator('#warning-dismiss-dialog-ok')).toBeEnabled()
  await dismiss.getByRole('button', { name: /取\s*消/ }).click()
  await expect(dismiss).toBeHidden()

  // 转为事件: one action and its confirmation; the event it became shows as a link.
  await drawer.getByTestId('warning-convert').click()
  const confirm = page.getByRole('dialog').filter({ hasText: '将该预警转为事件？' })
  await confirm.getByRole('button', { name: '转为事件' }).click()
  await expect(confirm).toBeHidden()
  await expect(drawer.getByTestId('warning-state-converted')).toBeVisible()
  const caseLink = drawer.getByTestId('warning-case')
  await expect(caseLink).toHaveText(/\S+/)
  await expect(drawer.getByTestId('warning-outcome')).toContainText(`${CHIEF.displayName} 于`)
  await expect(drawer.getByTestId('warning-convert')).toHaveCount(0)
  const caseNo = (await caseLink.textContent()) ?? ''
  await page.screenshot({ path: `${SHOTS}/warnings-converted-desk.png` })

  // The new event is at the warning's place, its description saying where it came from.
  await caseLink.click()
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('case-no')).toHaveText(caseNo)
  await expect(page.getByText(/【预警转事件】/).first()).toBeVisible()

  // The warning left 待处理 and is under 已转事件.
  await page.getByTestId('menu-warnings').click()
  await expect(page).toHaveURL(/\/warnings$/)
  await expect(page.getByTestId('warnings-tab-open')).toBeVisible()
  await expect(page.getByTestId('warnings-table')).toBeVisible()
  await expect(page.locator(`[data-warning-id="${id}"]`)).toHaveCount(0)
  await page.getByTestId('warnings-tab-converted').click()
  await expect(page).toHaveURL(/state=converted/)
  const row = page.locator(`[data-warning-id="${id}"]`)
  await expect(row).toBeVisible()
  await expect(row).toContainText('事件聚集')
  await page.screenshot({ path: `${SHOTS}/warnings-list-desk.png`, fullPage: true })

  // At 390 px: the workbench's ticker, the list as cards, and the detail across the screen.
  await page.setViewportSize({ width: 390, height: 844 })
  await row.click()
  await expect(drawer.getByTestId('warning-case')).toHaveText(caseNo)
  // Across the whole screen, once it has slid in.
  await expect(async () => {
    const box = await drawer.locator('.ant-drawer-header').boundingBox()
    expect(box).toMatchObject({ x: 0, width: 390 })
  }).toPass({ timeout: 5_000 })
  await page.screenshot({ path: `${SHOTS}/warnings-drawer-phone.png` })
  await drawer.locator('.ant-drawer-close').click()
  await expect(drawer).toBeHidden()
  await expect(page.getByTestId('warning-row').filter({ hasText: '事件聚集' }).first()).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/warnings-list-phone.png`, fullPage: true })
  await page.goto('/')
  await expect(page.getByTestId('warning-ticker')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/warnings-workbench-phone.png`, fullPage: true })
  await chief.dispose()
})
