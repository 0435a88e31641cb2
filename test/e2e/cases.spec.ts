import { type APIRequestContext, type Page, request } from '@playwright/test'
import { expect, test } from './csp-guard'
import {
  ADMIN,
  firstPassword,
  openCreatePage,
  pickMapCentre,
  settlePassword,
  signIn,
  signOut,
} from './journey'

// The journeys share one server: names carry the run so that a reused server (E2E_BASE_URL) takes them too.
const run = Date.now().toString(36)
const HANDLER = { username: `sanitation_${run}`, displayName: '李环卫', password: 'Sanit#2026x' }
const VERIFIER = { username: `verifier_${run}`, displayName: '王核查', password: 'Verify#2026x' }
/** A 1×1 PNG: 06010's filing standard asks for a photo of the result at handle and at verify. */
const PHOTO = {
  name: 'scene.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
}
/** The demo district's centre (generateDemo), inside one of its micro-grids. */
const DISTRICT_CENTRE = { lng: 104.06, lat: 30.66 }

/** An administrator's API session; cookie-authenticated writes must name the site as their origin. */
async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
  const login = await api.post('/api/auth/login', { data: ADMIN })
  expect(login.status()).toBe(200)
  return api
}

async function json<T>(response: { ok(): boolean; status(): number; text(): Promise<string> }): Promise<T> {
  const body = await response.text()
  expect(response.ok(), body).toBe(true)
  return JSON.parse(body) as T
}

async function createUser(
  api: APIRequestContext,
  user: { username: string; displayName: string; password: string },
  roleKey: string,
  scope: { type: 'grid'; path: string } | { type: 'department'; id: string },
) {
  const roles = await json<{ id: string; key: string }[]>(await api.get('/api/roles'))
  const role = roles.find((r) => r.key === roleKey)
  if (!role) throw new Error(`no role ${roleKey}`)
  const password = firstPassword(user)
  await json(
    await api.post('/api/users', { data: { ...user, password, grants: [{ roleId: role.id, scope }] } }),
  )
  await settlePassword(user)
}

/** Opens a case from the inbox tab a person works from, as they would; a running stage shows its light. */
async function openFromQueue(page: Page, tab: string, no: string, running = true) {
  await page.getByTestId('menu-cases').click()
  await page.getByRole('tab', { name: tab }).click()
  const row = page.getByRole('row').filter({ hasText: no })
  await expect(row).toBeVisible()
  if (running)
    await expect(row.getByTestId('case-light')).toHaveAttribute('data-light', /^(green|yellow|red)$/)
  await row.click()
  await expect(page.getByTestId('case-no')).toHaveText(no)
}

async function act(
  page: Page,
  button: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByTestId('case-actions').getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: button })
  await expect(dialog).toBeVisible()
  if (fill) await fill(dialog)
  await dialog.getByRole('button', { name: '确定' }).click()
  await expect(dialog).toBeHidden()
}

test('a reported pile of waste runs the loop: accept, dispatch by rule, handle, verify, close', async ({
  page,
  baseURL,
}) => {
  // Four people sign in one after another, and the map loads twice.
  test.setTimeout(180_000)
  const api = await adminApi(baseURL ?? '')
  await signIn(page, ADMIN)

  // Report 暴露垃圾 on the create page: the class shows its filing condition, the map gives the point.
  await openCreatePage(page, { code: '06010', name: '暴露垃圾' })
  await expect(page.getByTestId('case-standard')).toContainText('未入桶')
  await page.getByLabel('事件描述').fill('路口绿地边有一堆生活垃圾未入桶')
  await page.getByLabel('地址', { exact: true }).fill('演示区中心路口')

  await pickMapCentre(page)
  await page.getByTestId('case-submit').click()

  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/)
  const id = page.url().split('/').at(-1) ?? ''
  await expect(page.getByTestId('case-state')).toHaveText('待受理')
  await expect(page.getByTestId('case-marker')).toBeVisible()
  await expect(page.getByTestId('case-grids')).toBeVisible()
  const no = (await page.getByTestId('case-no').textContent()) ?? ''
  expect(no).toMatch(/^E\d{14}$/)

  await act(page, '受理立案', (d) => d.getByLabel('公开说明').fill('已受理，正在安排清运'))
  await expect(page.getByTestId('case-state')).toHaveText('已立案')
  await act(page, '派遣', async (d) => {
    await expect(d.getByLabel('按默认规则')).toBeChecked()
  })
  await expect(page.getByTestId('case-state')).toHaveText('已派遣')
  // 06010 goes to the sanitation kind of department serving the district.
  await expect(page.getByTestId('case-department')).toHaveText('环境卫生管理所')

  // The people of the next steps: the sanitation department's staff, and a worker of the point's grid.
  const departments = await json<{ id: string; code: string }[]>(await api.get('/api/departments'))
  const sanitation = departments.find((d) => d.code === 'sanitation')
  if (!sanitation) throw new Error('the demo has no sanitation department')
  await createUser(api, HANDLER, 'department_staff', { type: 'department', id: sanitation.id })
  const view = await json<{ grids: { code: string; level: string }[] }>(await api.get(`/api/cases/${id}`))
  const gridCode = view.grids.find((g) => g.level === 'grid')?.code
  if (!gridCode) throw new Error('the case has no grid-level grid')
  const grid = await json<{ path: string }>(await api.get(`/api/grids/${gridCode}`))
  await createUser(api, VERIFIER, 'grid_worker', { type: 'grid', path: grid.path })
  await api.dispose()
  await signOut(page)

  await signIn(page, HANDLER)
  await openFromQueue(page, '待处置', no)
  await act(page, '处置完成', async (d) => {
    await d.getByLabel('处置结果').fill('垃圾已清运，现场已清扫干净')
    await d.locator('input[type=file]').setInputFiles(PHOTO)
  })
  await expect(page.getByTestId('case-state')).toHaveText('待核查')
  await signOut(page)

  await signIn(page, VERIFIER)
  await openFromQueue(page, '待核查', no)
  await act(page, '核查', async (d) => {
    await expect(d.getByLabel('通过', { exact: true })).toBeChecked()
    await d.getByLabel('内部备注').fill('现场复核，已清理')
    await d.locator('input[type=file]').setInputFiles(PHOTO)
  })
  await expect(page.getByTestId('case-state')).toHaveText('待结案')
  await signOut(page)

  await signIn(page, ADMIN)
  // Verified, no clock runs until it is closed: no light.
  await openFromQueue(page, '待结案', no, false)
  await act(page, '结案')
  await expect(page.getByTestId('case-state')).toHaveText('已结案')
  await expect(page.getByTestId('case-actions').getByRole('button', { name: '结案' })).toHaveCount(0)

  // The whole trail, in Chinese, one step per row.
  const steps = page.getByTestId('case-timeline-item')
  await expect(steps).toHaveCount(6)
  const expected = ['上报', '受理立案', '派遣', '处置完成', '核查', '结案']
  for (const [i, step] of expected.entries()) {
    await expect(steps.nth(i).locator('strong')).toHaveText(step)
  }
  await expect(steps.nth(1)).toContainText('已受理，正在安排清运')
  await expect(steps.nth(2)).toContainText('派至 环境卫生管理所')
  await expect(steps.nth(3)).toContainText(HANDLER.displayName)
  await expect(steps.nth(3)).toContainText('部门工作人员')
  await expect(steps.nth(4)).toContainText('核查通过')
  await expect(steps.nth(4)).toContainText('网格员')
  await expect(steps.nth(5)).toContainText('待结案 → 已结案')
})

test('an action on a case someone else changed meanwhile says so and shows the case as it is now', async ({
  page,
  baseURL,
}) => {
  const api = await adminApi(baseURL ?? '')
  const created = await json<{ id: string; version: number }>(
    await api.post('/api/cases', {
      data: {
        categoryCode: '06010',
        location: DISTRICT_CENTRE,
        description: '垃圾桶旁散落垃圾',
        source: 'hotline',
      },
    }),
  )
  await signIn(page, ADMIN)
  await page.goto(`/cases/${created.id}`)
  await expect(page.getByTestId('case-state')).toHaveText('待受理')

  // Another desk accepts it first.
  await json(
    await api.post(`/api/cases/${created.id}/actions/accept`, { data: { version: created.version } }),
  )
  await api.dispose()

  await page.getByTestId('case-actions').getByRole('button', { name: '不予立案' }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: '不予立案' })
  await dialog.getByLabel('原因').fill('重复上报')
  await dialog.getByRole('button', { name: '确定' }).click()
  await expect(page.getByText('事件已被他人更新，已重新加载，请确认后再操作')).toBeVisible()
  await expect(page.getByTestId('case-state')).toHaveText('已立案')
  await expect(page.getByTestId('case-actions').getByRole('button', { name: '不予立案' })).toHaveCount(0)
})
