import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain } from './journey'

const run = Date.now().toString(36)
const WORKER = { username: `fieldui_${run}`, displayName: '上官网格', password: 'FieldUi#2026x' }
const HERE = { longitude: 104.0452, latitude: 30.6503 }
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'

test.use({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  geolocation: HERE,
  permissions: ['geolocation'],
  // The server's refusal below is played by the test: requests must reach page.route, not a service worker.
  serviceWorkers: 'block',
})

test('a report the server refuses is held as "needs attention" with its reason, kept, and sent on retry; the app speaks English too', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const admin = await adminApi(baseURL ?? '')
  const grid = gridAt(await gridChain(admin, { lng: HERE.longitude, lat: HERE.latitude }), 'grid')
  await createUser(admin, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await admin.dispose()

  await page.goto('/m/')
  await page.getByLabel('用户名', { exact: true }).fill(WORKER.username)
  await page.getByLabel('密码', { exact: true }).fill(WORKER.password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByText(`${WORKER.displayName}，你好`)).toBeVisible()

  // The server refuses the first report (as it would a category retired meanwhile).
  let refuse = true
  await page.route('**/api/cases', async (route) => {
    if (route.request().method() !== 'POST' || !refuse) return route.fallback()
    await route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({ title: '事件类别已停用', status: 422, code: 'case.category_inactive' }),
    })
  })
  await page.getByTestId('field-nav-report').click()
  await page.getByTestId('report-category').click()
  await page.keyboard.type('沿街晾挂')
  await page.locator('.ant-select-item-option').filter({ hasText: '06007 沿街晾挂' }).click()
  await page.getByLabel('事件描述').fill(`护栏晾晒 ${run}`)
  await expect(page.getByTestId('report-location')).toContainText('经度')
  await page.getByTestId('report-submit').click()

  const report = page.getByTestId('report-row').filter({ hasText: `护栏晾晒 ${run}` })
  await expect(report.getByTestId('sync-state')).toHaveText('需处理')
  await expect(page.getByTestId('unsent-count')).toHaveText('1')
  await page.getByTestId('unsent-count').click()
  const entry = page.getByTestId('outbox-entry').filter({ hasText: `护栏晾晒 ${run}` })
  await expect(entry.getByTestId('outbox-problem')).toContainText('case.category_inactive')
  await page.screenshot({ path: `${SHOTS}/app-outbox-attention-390.png`, fullPage: true })
  // Nothing is dropped by itself: a later sync leaves it held.
  await page.getByRole('button', { name: '立即发送' }).click()
  await expect(entry.getByTestId('sync-state')).toHaveText('需处理')

  // The cause is gone: the worker retries and it is sent.
  refuse = false
  await entry.getByRole('button', { name: '重试' }).click()
  await expect(page.getByTestId('unsent-count')).toHaveText('0')
  await expect(page.getByText('全部已发送')).toBeVisible()

  // Handled on the spot 自行处置: reported, then closed as self-handled once it reaches the server.
  await page.getByTestId('field-nav-report').click()
  await page.getByTestId('report-category').click()
  await page.keyboard.type('沿街晾挂')
  await page.locator('.ant-select-item-option').filter({ hasText: '06007 沿街晾挂' }).click()
  await page.getByLabel('事件描述').fill(`当场劝离晾晒 ${run}`)
  // The category asks for a photo of the result before a case closes.
  await page.getByTestId('report-photo-input').setInputFiles({
    name: 'done.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  })
  await expect(page.getByTestId('report-photo')).toHaveCount(1)
  await page.getByTestId('report-self-handle').check()
  await page.getByLabel('处置情况').fill('已劝说店主收回被褥')
  await expect(page.getByTestId('report-location')).toContainText('经度')
  // A Wi-Fi login page answers in the server's place (200, HTML): the report is not counted as sent.
  let portal = true
  await page.route('**/api/cases', async (route) => {
    if (route.request().method() !== 'POST' || !portal) return route.fallback()
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<html>请登录 Wi-Fi</html>' })
  })
  await page.getByTestId('report-submit').click()
  const handled = page.getByTestId('report-row').filter({ hasText: `当场劝离晾晒 ${run}` })
  await page.getByTestId('unsent-count').click()
  const waiting = page
    .locator('[data-testid="outbox-entry"][data-kind="case.report"]')
    .filter({ hasText: `当场劝离晾晒 ${run}` })
  await expect(waiting).toContainText('已尝试 1 次')
  await expect(waiting.getByTestId('sync-state')).toHaveText('待发送')
  portal = false
  await page.getByRole('button', { name: '立即发送' }).click()
  await expect(page.getByText('全部已发送')).toBeVisible()
  await page.getByTestId('field-nav-today').click()
  await expect(handled.getByTestId('sync-state')).toHaveText('已同步')
  const found = await page.request.get('/api/cases', { params: { q: `当场劝离晾晒 ${run}` } })
  const { items } = (await found.json()) as { items: { state: string }[] }
  expect(items.map((c) => c.state)).toEqual(['closed'])

  // The household look-up (empty until the sync feed has filled it) and the patrol screen before a start.
  await page.getByTestId('field-nav-households').click()
  await expect(page.getByTestId('households-screen')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/app-households-390.png`, fullPage: true })
  await page.getByTestId('field-nav-patrol').click()
  await expect(page.getByTestId('patrol-start')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/app-patrol-idle-390.png`, fullPage: true })

  // English, chosen under "me", holds after a reload.
  await page.getByTestId('field-nav-today').click()
  await page.getByTestId('field-lang').getByText('English').click()
  await expect(page.getByTestId('field-nav-outbox')).toHaveText('Outbox')
  await page.reload()
  await expect(page.getByText(`Hello, ${WORKER.displayName}`)).toBeVisible()
  await expect(report.getByTestId('sync-state')).toHaveText('Synced')
  await page.screenshot({ path: `${SHOTS}/app-today-en-390.png`, fullPage: true })
  await page.getByTestId('field-lang').getByText('中文').click()
})
