import { randomUUID } from 'node:crypto'
import { type APIRequestContext, type Page, request } from '@playwright/test'
import { expect, test } from './csp-guard'
import { ADMIN, adminApi, createUser, gridAt, gridChain, json, pickInTree, signIn, userIdOf } from './journey'

const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `cw${RUN}`, displayName: `入户员${RUN}`, password: 'Campaign#2026w' }
const COLLEAGUE = { username: `cc${RUN}`, displayName: `接替员${RUN}`, password: 'Campaign#2026c' }
const TITLE = `燃气安全入户排查${RUN}`

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)

/** A point of the demo in a grid other than `avoid` (which holds a micro-grid), found by stepping away from `from`. */
async function pointInAnotherGrid(api: APIRequestContext, from: { lng: number; lat: number }, avoid: string) {
  for (const d of [0.004, 0.008, 0.012, 0.02, 0.03, 0.05])
    for (const [dx, dy] of [
      [d, 0],
      [0, d],
      [-d, 0],
      [0, -d],
    ] as const) {
      const point = { lng: from.lng + dx, lat: from.lat + dy }
      const chain = await gridChain(api, point)
      const grid = chain.find((g) => g.level === 'grid')
      if (grid && grid.code !== avoid && chain.some((g) => g.level === 'micro')) return { point, chain }
    }
  throw new Error('no other grid near the demo buildings')
}

async function fillDates(page: Page) {
  const dialog = page.getByRole('dialog')
  await dialog.getByPlaceholder('开始日期').click()
  await dialog.getByPlaceholder('开始日期').fill(day(-1))
  await dialog.getByPlaceholder('结束日期').fill(day(20))
  await dialog.getByPlaceholder('结束日期').press('Enter')
}

test('a chief starts a building campaign, the worker’s door moves its progress, and an open door is reassigned', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  // A grid of the demo away from the one the grids journey counts the staff of, two buildings in it,
  // and a worker holding its full-time post.
  const buildings = await json<{ items: { point: { lng: number; lat: number } }[] }>(
    await admin.get('/api/buildings', { params: { limit: 1 } }),
  )
  const near = buildings.items[0]?.point
  if (!near) throw new Error('the demo has no buildings')
  const { point, chain } = await pointInAnotherGrid(
    admin,
    near,
    gridAt(await gridChain(admin, near), 'grid').code,
  )
  const grid = gridAt(chain, 'grid')
  for (const n of [1, 2])
    await json(
      await admin.post('/api/buildings', {
        data: { code: `CW${RUN}${n}`, name: `排查楼${RUN}-${n}`, address: `东大街${n}号`, point },
      }),
    )
  await createUser(admin, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await createUser(admin, COLLEAGUE, 'grid_worker', { type: 'grid', path: grid.path })
  await json(
    await admin.post(`/api/grids/${grid.code}/posts`, {
      data: { post: 'full_time_worker', userId: await userIdOf(admin, WORKER.username) },
    }),
  )

  await signIn(page, ADMIN)
  await page.goto('/campaigns')
  await page.getByTestId('campaign-create').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByTestId('campaign-title').fill(TITLE)
  await dialog.getByText('每栋楼').click()
  await dialog.getByTestId('campaign-grid').click()
  await pickInTree(
    page,
    chain.slice(0, chain.indexOf(grid) + 1).map((g) => g.code),
  )
  await expect(dialog.getByTestId('campaign-grid')).toContainText(grid.code)
  await fillDates(page)
  await dialog.getByTestId('campaign-add-field').click()
  await dialog.getByPlaceholder('问题').fill('燃气表正常')
  await dialog.getByPlaceholder('字段名').fill('meter_ok')
  await dialog.getByText('必填', { exact: true }).click()
  await page.screenshot({ path: '/tmp/shots/campaign-new.png' })
  await dialog.getByRole('button', { name: '保存' }).click()

  // Its page: every building of the grid is a door, none done yet.
  await expect(page.getByTestId('campaign-title-text')).toHaveText(TITLE)
  const doors = Number(await page.getByTestId('campaign-doors').textContent())
  expect(doors).toBe(2)
  const summary = page.getByTestId('campaign-summary')
  await expect(summary.getByTestId('count-open')).toContainText(String(doors))

  // The worker, at a door, records it done with the form's answer (as the phone app sends it).
  const worker = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } })
  await json(await worker.post('/api/auth/login', { data: WORKER }))
  const mine = await json<{ items: { id: string; campaignTitle: string }[] }>(
    await worker.get('/api/campaigns/tasks/mine'),
  )
  const door = mine.items.find((t) => t.campaignTitle === TITLE)
  if (!door) throw new Error('the worker got no door')
  const outcome = {
    id: randomUUID(),
    outcome: 'done',
    answers: { meter_ok: true },
    recordedAt: new Date().toISOString(),
  }
  const sent = await worker.post(`/api/campaigns/tasks/${door.id}/outcomes`, { data: outcome })
  expect(sent.status(), await sent.text()).toBe(201)
  // Sent again after a lost answer: the same outcome, not a second visit.
  const again = await worker.post(`/api/campaigns/tasks/${door.id}/outcomes`, { data: outcome })
  expect(again.status()).toBe(200)

  await page.reload()
  await expect(summary.getByTestId('count-done')).toContainText('1')
  await page.getByRole('tab', { name: '按网格员' }).click()
  await expect(page.getByTestId('progress-worker')).toContainText(WORKER.displayName)
  await page.screenshot({ path: '/tmp/shots/campaign-page.png', fullPage: true })

  // An open door goes to the colleague.
  await page.getByRole('tab', { name: '任务明细' }).click()
  const open = page.getByTestId('campaign-tasks').locator('tr').filter({ hasText: '待入户' }).first()
  await open.locator('.ant-checkbox-input').check()
  await page.getByTestId('tasks-reassign').click()
  const move = page.getByRole('dialog')
  await move.getByTestId('reassign-to').click()
  await page.keyboard.type(COLLEAGUE.username)
  await page.locator('.ant-select-item-option').filter({ hasText: COLLEAGUE.displayName }).click()
  await move.getByRole('button', { name: '保存' }).click()
  await expect(move).toBeHidden()
  await expect(page.getByTestId('campaign-tasks')).toContainText(COLLEAGUE.displayName)

  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/campaigns')
  await expect(page.getByText(TITLE)).toBeVisible()
  await page.screenshot({ path: '/tmp/shots/campaigns-phone.png', fullPage: true })
  await worker.dispose()
  await admin.dispose()
})
