import type { Page } from '@playwright/test'
import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain, json } from './journey'

const run = Date.now().toString(36)
const FIRST = { username: `phonea_${run}`, displayName: '欧阳甲', password: 'PhoneA#2026x' }
const SECOND = { username: `phoneb_${run}`, displayName: '诸葛乙', password: 'PhoneB#2026x' }
const HERE = { longitude: 104.0452, latitude: 30.6503 }
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'

test.use({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  geolocation: HERE,
  permissions: ['geolocation'],
  serviceWorkers: 'block',
})

async function signInAs(page: Page, who: { username: string; password: string }) {
  await page.getByLabel('用户名', { exact: true }).fill(who.username)
  await page.getByLabel('密码', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: '登录' }).click()
}

async function report(page: Page, description: string) {
  await page.getByTestId('field-nav-report').click()
  await page.getByTestId('report-category').click()
  await page.keyboard.type('沿街晾挂')
  await page.locator('.ant-select-item-option').filter({ hasText: '06007 沿街晾挂' }).click()
  await page.getByLabel('事件描述').fill(description)
  await expect(page.getByTestId('report-location')).toContainText('经度')
  await page.getByTestId('report-submit').click()
  await expect(page.getByTestId('today')).toBeVisible()
}

/** Whether the phone keeps the categories for reporting offline (loaded once it is online). */
function categoriesKept(page: Page) {
  return page.evaluate<boolean>(`new Promise((resolve) => {
    const open = indexedDB.open('wangge-field')
    open.onsuccess = () => {
      const get = open.result.transaction('cache').objectStore('cache').get('categories')
      get.onsuccess = () => resolve(Boolean(get.result))
    }
  })`)
}

/** Who the server says reported a case (the first step's actor), or null when no such case is there. */
async function reporterOf(api: Awaited<ReturnType<typeof adminApi>>, description: string) {
  const { items } = await json<{ items: { id: string }[] }>(
    await api.get('/api/cases', { params: { q: description } }),
  )
  if (items.length === 0) return null
  expect(items).toHaveLength(1)
  const detail = await json<{ timeline: { actor: string | null }[] }>(
    await api.get(`/api/cases/${items[0]?.id}`),
  )
  return detail.timeline[0]?.actor ?? null
}

test('a phone passed to another worker never sends the first one’s queue in the second one’s name', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(150_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const grid = gridAt(await gridChain(admin, { lng: HERE.longitude, lat: HERE.latitude }), 'grid')
  await createUser(admin, FIRST, 'grid_worker', { type: 'grid', path: grid.path })
  await createUser(admin, SECOND, 'grid_worker', { type: 'grid', path: grid.path })
  const firstText = `楼道堆放杂物 ${run}`
  const secondText = `护栏晾晒被褥 ${run}`

  // The first worker reports with no network; then their session ends before anything went out.
  await page.goto('/m/')
  await signInAs(page, FIRST)
  await expect(page.getByText(`${FIRST.displayName}，你好`)).toBeVisible()
  await expect.poll(() => categoriesKept(page)).toBe(true)
  await context.setOffline(true)
  await report(page, firstText)
  await expect(page.getByTestId('report-row').filter({ hasText: firstText })).toBeVisible()
  await expect(page.getByTestId('unsent-count')).toHaveText('1')
  await context.clearCookies()
  await context.setOffline(false)
  await expect(page.getByTestId('signed-out')).toBeVisible()

  // The second worker signs in on the same phone: the first one's report is neither theirs to see nor to send.
  await page.getByRole('button', { name: '重新登录' }).click()
  await page.getByLabel('用户名', { exact: true }).fill('')
  await signInAs(page, SECOND)
  await expect(page.getByText(`${SECOND.displayName}，你好`)).toBeVisible()
  await expect(page.getByTestId('unsent-count')).toHaveText('0')
  await expect(page.getByTestId('report-row').filter({ hasText: firstText })).toHaveCount(0)
  await page.getByTestId('field-nav-outbox').click()
  await expect(page.getByTestId('outbox-others')).toContainText(`${FIRST.displayName}在本机还有 1 条未发送`)
  await expect(page.getByTestId('outbox-entry')).toHaveCount(0)
  await page.screenshot({ path: `${SHOTS}/app-outbox-others-390.png`, fullPage: true })

  // Their own report goes out in their name; the first worker's stays on the phone, unsent.
  await report(page, secondText)
  await expect(
    page.getByTestId('report-row').filter({ hasText: secondText }).getByTestId('sync-state'),
  ).toHaveText('已同步', { timeout: 20_000 })
  await expect.poll(() => reporterOf(admin, secondText)).toBe(SECOND.displayName)
  expect(await reporterOf(admin, firstText)).toBeNull()

  // Nothing of theirs is unsent, so the second worker may sign out; the first signs in and theirs goes.
  await page.getByTestId('field-nav-today').click()
  await page.getByTestId('field-sign-out').click()
  await signInAs(page, FIRST)
  await expect(page.getByText(`${FIRST.displayName}，你好`)).toBeVisible()
  await expect(page.getByTestId('unsent-count')).toHaveText('0', { timeout: 20_000 })
  await expect(
    page.getByTestId('report-row').filter({ hasText: firstText }).getByTestId('sync-state'),
  ).toHaveText('已同步')
  await expect(page.getByTestId('report-row').filter({ hasText: secondText })).toHaveCount(0)
  await expect.poll(() => reporterOf(admin, firstText)).toBe(FIRST.displayName)

  await admin.dispose()
})
