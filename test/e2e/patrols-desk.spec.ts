import { randomUUID } from 'node:crypto'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './csp-guard'
import {
  ADMIN,
  adminApi,
  createUser,
  gridAt,
  gridChain,
  json,
  signedInApi,
  signIn,
  userIdOf,
} from './journey'

const RUN = Date.now().toString(36).slice(-5)
const CHIEF = { username: `pc${RUN}`, displayName: `巡查长${RUN}`, password: 'Patrol#2026c' }
/** Walks three hours in his micro-grid, past its check-in point. */
const WALKER = { username: `pa${RUN}`, displayName: `巡查甲${RUN}`, password: 'Patrol#2026a' }
/** Walks twenty minutes: one patrol, too little time in the grid. */
const STROLLER = { username: `pb${RUN}`, displayName: `巡查乙${RUN}`, password: 'Patrol#2026b' }
const CHECKPOINT = `社区服务站${RUN}`
const TRACKER = { code: `TRK-${RUN}`, name: `巡查终端${RUN}` }
/** In 合江街道 (510104003), a street no other journey works in. */
const HERE = { lng: 104.09, lat: 30.68 }
const SHOTS = '/tmp'

test.use({ viewport: { width: 1280, height: 900 } })

interface Grid {
  code: string
  path: string
  boundary: { type: string; coordinates: number[][][][] | number[][][] }
}
interface PatrolView {
  id: string
  distanceM: number
  durationS: number
  inGridS: number
  checkpointsReached: string[]
  flags: Record<string, number>
}
type Rules = {
  level: string
  minPatrolsPerDay: number
  minInGridShare: number
  coverageRadiusM: number
  checklist: unknown[]
  version: number
}

/** The middle of a (box-shaped demo) grid. */
async function centreOf(api: APIRequestContext, code: string) {
  const grid = await json<Grid>(await api.get(`/api/grids/${code}`))
  const points = grid.boundary.coordinates.flat(Number.POSITIVE_INFINITY) as unknown as number[]
  const lngs = points.filter((_, i) => i % 2 === 0)
  const lats = points.filter((_, i) => i % 2 === 1)
  return {
    lng: (Math.min(...lngs) + Math.max(...lngs)) / 2,
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
  }
}

const chinaDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10)
const at = (day: string, time: string) => `${day}T${time}:00+08:00`

/**
 * A patrol the worker records through the API as the phone would: a point every 30 s walking up and
 * down the middle of the grid, some points marked as simulated, then the end.
 */
async function patrol(
  api: APIRequestContext,
  centre: { lng: number; lat: number },
  from: string,
  minutes: number,
  mocked: number[] = [],
): Promise<PatrolView> {
  const id = randomUUID()
  await json(await api.post('/api/patrols', { data: { id, startedAt: from } }))
  const start = Date.parse(from)
  const points = Array.from({ length: minutes * 2 + 1 }, (_, seq) => ({
    seq,
    t: new Date(start + seq * 30_000).toISOString(),
    lng: centre.lng,
    lat: centre.lat + 0.0012 * Math.sin(seq / 20),
    acc: 8,
    ...(mocked.includes(seq) ? { mocked: true } : {}),
  }))
  const body = { points: points.map(({ lng, ...p }) => ({ ...p, lon: lng })) }
  await json(await api.post(`/api/patrols/${id}/points`, { data: body }))
  const endedAt = new Date(start + minutes * 60_000).toISOString()
  return json<PatrolView>(await api.post(`/api/patrols/${id}/end`, { data: { endedAt } }))
}

/** The compliance table's row of a worker. */
const rowOf = (page: Page, name: string) =>
  page.getByTestId('compliance-table').getByRole('row').filter({ hasText: name })

test('a chief sees who patrolled enough, opens a patrol with its figures and track, changes a rule and binds a tracker', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const chain = await gridChain(admin, HERE)
  const grid = gridAt(chain, 'grid')
  const micro = gridAt(chain, 'micro')
  const micros = await json<{ items: { code: string; path: string }[] }>(
    await admin.get('/api/grids', { params: { parent: grid.code, limit: 50 } }),
  )
  const other = micros.items.find((m) => m.code !== micro.code)
  if (!other) throw new Error(`${grid.code} has one micro-grid only`)

  // The chief of the grid 网格长, and a micro-grid leader 微网格长 in each of two of its micro-grids.
  await createUser(admin, CHIEF, 'community_chief', { type: 'grid', path: grid.path })
  await createUser(admin, WALKER, 'grid_worker', { type: 'grid', path: micro.path })
  await createUser(admin, STROLLER, 'grid_worker', { type: 'grid', path: other.path })
  for (const [user, code] of [
    [WALKER, micro.code],
    [STROLLER, other.code],
  ] as const)
    await json(
      await admin.post(`/api/grids/${code}/posts`, {
        data: { post: 'micro_leader', userId: await userIdOf(admin, user.username) },
      }),
    )

  // The chief puts a check-in point in the middle of the walker's micro-grid.
  const chiefApi = await signedInApi(base, CHIEF)
  const walkerCentre = await centreOf(admin, micro.code)
  const point = await json<{ id: string }>(
    await chiefApi.post('/api/patrols/checkpoints', {
      data: { grid: micro.code, name: CHECKPOINT, location: walkerCentre, radiusM: 50 },
    }),
  )

  // A recent working day: patrols are judged per China day against the working time of its calendar.
  const walker = await signedInApi(base, WALKER)
  const stroller = await signedInApi(base, STROLLER)
  let day = ''
  for (let back = 1; back <= 7 && !day; back++) {
    const c = await json<{ day: { workS: number } }>(
      await walker.get('/api/patrols/compliance', { params: { day: chinaDay(-back) } }),
    )
    if (c.day.workS > 0) day = chinaDay(-back)
  }
  expect(day, 'a working day in the last week').not.toBe('')

  const walked = await patrol(walker, walkerCentre, at(day, '09:00'), 180, [100, 101])
  expect(walked.checkpointsReached).toContain(point.id)
  expect(walked.flags).toEqual({ mocked: 2 })
  const strollerCentre = await centreOf(admin, other.code)
  await patrol(stroller, strollerCentre, at(day, '10:00'), 20)
  await json(
    await walker.put(`/api/patrols/checklist/${day}`, {
      data: { items: ['know.grid', 'visit.elderly', 'arrive.hazards'] },
    }),
  )

  // The chief's compliance page, on that day: the walker met both rules, the stroller did not.
  await signIn(page, CHIEF)
  await page.getByTestId('menu-patrols').click()
  await expect(page).toHaveURL(/\/patrols$/)
  // Typed into the date picker; typed again if the first keys landed while it was still opening.
  const picker = page.getByPlaceholder('请选择日期')
  await expect(async () => {
    await picker.click()
    await picker.fill(day)
    await picker.press('Enter')
    await expect(page).toHaveURL(new RegExp(`day=${day}`), { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  const walkerRow = rowOf(page, WALKER.displayName)
  const strollerRow = rowOf(page, STROLLER.displayName)
  await expect(walkerRow.getByTestId('day-patrols')).toContainText('1 次')
  await expect(walkerRow.getByTestId('day-met')).toHaveText('达标')
  await expect(walkerRow.getByTestId('day-in-grid')).toContainText('要求 ≥ 33.3%')
  await expect(strollerRow.getByTestId('day-patrols')).toContainText('1 次')
  await expect(strollerRow.getByTestId('day-met')).toHaveText('未达标')
  await expect(strollerRow.getByTestId('day-in-grid')).toContainText('20 分钟')
  await expect(walkerRow.getByTestId('week-tally')).toContainText('本周巡查 1 次')
  await page.screenshot({ path: `${SHOTS}/patrols-compliance.png`, fullPage: true })

  // The walker's week, his patrol in it, and the 553 items he ticked that day.
  await walkerRow.getByTestId('worker-link').click()
  await expect(page.getByTestId('worker-name')).toHaveText(WALKER.displayName)
  await expect(page.getByTestId('worker-day')).toContainText('达标')
  await expect(page.getByTestId('checklist')).toContainText('已勾选 3 / 13 项')
  const patrols = page.getByTestId('patrols-table').locator('tbody tr')
  await expect(patrols).toHaveCount(1)
  await page.screenshot({ path: `${SHOTS}/patrols-worker.png`, fullPage: true })

  // The patrol: its figures in words, the check-in point reached by name, the simulated points flagged.
  const tiles = page.waitForResponse((r) => r.url().includes('/tiles/grids/'))
  await patrols.first().click()
  await expect(page).toHaveURL(new RegExp(`/patrols/${walked.id}$`))
  await expect(page.getByTestId('patrol-title')).toHaveText(`${WALKER.displayName} 的巡查`)
  await expect(page.getByTestId('figure-duration')).toHaveText('3 小时 0 分')
  const km = walked.distanceM >= 1000
  const distance = km ? `${(walked.distanceM / 1000).toFixed(2)} 公里` : `${Math.round(walked.distanceM)} 米`
  await expect(page.getByTestId('figure-distance')).toHaveText(distance)
  await expect(page.getByTestId('figure-checkpoints')).toContainText(CHECKPOINT)
  await expect(page.getByTestId('flags')).toHaveText('模拟定位 ×2')
  await expect(page.getByTestId('track-map').locator('canvas')).toBeVisible()
  // The grid tiles arrive, and the map draws them before the picture.
  await tiles
  await page.waitForTimeout(1_000)
  await page.screenshot({ path: `${SHOTS}/patrols-patrol.png`, fullPage: true })

  // Settings: the rules are the whole deployment's (read only here); the check-in point is listed;
  // a tracker registered and bound to the walker.
  await page.goto('/patrols')
  await page.getByTestId('patrol-settings').click()
  await expect(page).toHaveURL(/\/patrols\/settings$/)
  await expect(page.getByTestId('rules-table')).toContainText('微网格')
  await expect(page.getByText('只有全域的巡查配置权限可以修改')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/patrols-settings-rules.png`, fullPage: true })

  await page.getByRole('tab', { name: '必到点' }).click()
  await expect(page.getByTestId('checkpoints-table')).toContainText(CHECKPOINT)
  await page.screenshot({ path: `${SHOTS}/patrols-settings-checkpoints.png`, fullPage: true })

  await page.getByRole('tab', { name: '定位终端' }).click()
  await page.getByTestId('tracker-create').click()
  const register = page.getByRole('dialog').filter({ hasText: '登记定位终端' })
  await register.getByTestId('tracker-code').fill(TRACKER.code)
  await register.getByTestId('tracker-name').fill(TRACKER.name)
  await register.getByRole('button', { name: '保存' }).click()
  await expect(register).toBeHidden()
  const trackerRow = page.getByTestId('trackers-table').getByRole('row').filter({ hasText: TRACKER.code })
  await expect(trackerRow).toContainText('未绑定')
  await trackerRow.getByTestId('tracker-bind').click()
  const bind = page.getByRole('dialog').filter({ hasText: '绑定' })
  await bind.getByTestId('tracker-worker').click()
  await page.keyboard.type(WALKER.username)
  await page.locator('.ant-select-item-option').filter({ hasText: WALKER.displayName }).click()
  await bind.getByRole('button', { name: '保存' }).click()
  await expect(bind).toBeHidden()
  await expect(trackerRow.getByTestId('tracker-worker-name')).toHaveText(WALKER.displayName)
  await expect(trackerRow).toContainText('在用')
  await page.screenshot({ path: `${SHOTS}/patrols-settings-trackers.png`, fullPage: true })

  // The administrator (rules are set for the whole deployment) lowers the micro-grids' share of time
  // in the grid to 4%; the stroller's next patrol that day is judged by it, the walker's day keeps its rules.
  const before = await json<{ items: Rules[] }>(await admin.get('/api/patrols/rules'))
  const microRules = before.items.find((r) => r.level === 'micro')
  if (!microRules) throw new Error('no rules for micro-grids')
  const adminDesk = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  try {
    const desk = await adminDesk.newPage()
    await signIn(desk, ADMIN)
    await desk.goto('/patrols/settings')
    await desk.getByTestId('rules-edit-micro').click()
    const edit = desk.getByRole('dialog').filter({ hasText: '修改巡查规则' })
    await edit.getByTestId('rules-min-share').fill('4')
    await edit.getByRole('button', { name: '保存' }).click()
    await expect(edit).toBeHidden()
    const microRow = desk.getByTestId('rules-table').getByRole('row').filter({ hasText: '微网格' })
    await expect(microRow.getByTestId('rules-share')).toHaveText('4%')

    await patrol(stroller, strollerCentre, at(day, '14:00'), 5)
    await page.goto(`/patrols?day=${day}`)
    await expect(strollerRow.getByTestId('day-patrols')).toContainText('2 次')
    await expect(strollerRow.getByTestId('day-in-grid')).toContainText('要求 ≥ 4%')
    await expect(strollerRow.getByTestId('day-met')).toHaveText('达标')
    await expect(walkerRow.getByTestId('day-in-grid')).toContainText('要求 ≥ 33.3%')
  } finally {
    await adminDesk.close()
    // The micro-grids' rules as they were (now as a stored row: the defaults have no row to go back to).
    const now = await json<{ items: Rules[] }>(await admin.get('/api/patrols/rules'))
    const stored = now.items.find((r) => r.level === 'micro')
    if (stored && stored.version !== microRules.version) {
      const { level: _, ...rules } = microRules
      await json(await admin.put('/api/patrols/rules/micro', { data: { ...rules, version: stored.version } }))
    }
  }
  for (const api of [admin, chiefApi, walker, stroller]) await api.dispose()
})
