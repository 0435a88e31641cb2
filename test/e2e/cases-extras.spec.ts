import { type APIRequestContext, type Browser, type Locator, type Page, request } from '@playwright/test'
import { expect, test } from './csp-guard'
import { ADMIN, firstPassword, settlePassword, signIn, signOut } from './journey'

// The journeys share one server: names carry the run so that a reused server (E2E_BASE_URL) takes them too.
const run = Date.now().toString(36)
const HANDLER = { username: `sanit_x_${run}`, displayName: '赵环卫', password: 'Sanit#2026x' }
const CHIEF = { username: `chief_x_${run}`, displayName: '钱主任', password: 'Chief#2026x' }
/** A 1×1 PNG, attached to the case as its photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
/** Near the demo district's centre (generateDemo), inside one of its micro-grids. */
const POINT = { lng: 104.0601, lat: 30.6601 }

interface CaseJson {
  id: string
  no: string
  version: number
  state: string
  grids: { code: string; level: string }[]
  deadlines: { handle: string | null }
}

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

const report = (api: APIRequestContext, description: string, at = POINT) =>
  api
    .post('/api/cases', { data: { categoryCode: '06010', location: at, description, source: 'hotline' } })
    .then((r) => json<CaseJson>(r))

async function actApi(api: APIRequestContext, c: { id: string }, action: string, body: object = {}) {
  const now = await json<CaseJson>(await api.get(`/api/cases/${c.id}`))
  return json<CaseJson>(
    await api.post(`/api/cases/${c.id}/actions/${action}`, { data: { version: now.version, ...body } }),
  )
}

/** A second person at another desk: their own browser context, signed in through the form. */
async function desk(browser: Browser, baseURL: string, account: { username: string; password: string }) {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  await signIn(page, account)
  return page
}

async function act(page: Page, button: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId('case-actions').getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: button })
  await expect(dialog).toBeVisible()
  if (fill) await fill(dialog)
  await dialog.getByRole('button', { name: '确定' }).click()
  await expect(dialog).toBeHidden()
}

/** The bell's unread count, once its WebSocket is open (so that what comes next arrives live). */
async function liveBell(page: Page) {
  const bell = page.getByTestId('notify-bell')
  await expect(bell).toHaveAttribute('data-live', 'true')
  return Number(await bell.getAttribute('data-unread'))
}

test('an extension asked and granted, a yellow card issued, and the bell rings as others act', async ({
  page,
  browser,
  baseURL,
}) => {
  // Three people sign in, two of them side by side.
  test.setTimeout(180_000)
  const base = baseURL ?? ''
  const api = await adminApi(base)

  // Reported through the API with a photo, accepted and dispatched to the sanitation department.
  const created = await report(api, '桥下堆放的生活垃圾无人清运')
  await json(
    await api.post(`/api/cases/${created.id}/attachments`, {
      data: PNG,
      headers: { 'content-type': 'image/png' },
    }),
  )
  await actApi(api, created, 'accept')
  await actApi(api, created, 'dispatch', { department: 'sanitation' })

  const departments = await json<{ id: string; code: string }[]>(await api.get('/api/departments'))
  const sanitation = departments.find((d) => d.code === 'sanitation')
  if (!sanitation) throw new Error('the demo has no sanitation department')
  await createUser(api, HANDLER, 'department_staff', { type: 'department', id: sanitation.id })
  // 06010 is handled at street level: the street's chief decides on extensions and supervises.
  const street = created.grids.find((g) => g.level === 'street')
  if (!street) throw new Error('the case has no street')
  const streetGrid = await json<{ path: string }>(await api.get(`/api/grids/${street.code}`))
  await createUser(api, CHIEF, 'street_chief', { type: 'grid', path: streetGrid.path })

  // The administrator sees the case with its photo, served from the case.
  await signIn(page, ADMIN)
  await page.goto(`/cases/${created.id}`)
  await expect(page.getByTestId('case-no')).toHaveText(created.no)
  await expect(page.getByTestId('case-state')).toHaveText('已派遣')
  const photo = page.getByTestId('case-photo').locator('img')
  await expect(photo).toHaveCount(1)
  await expect(photo).toHaveJSProperty('naturalWidth', 1)
  await expect(page.getByTestId('case-supervision')).toHaveCount(0)
  await signOut(page)

  // The chief watches from another desk; the handler asks for two more working hours.
  const chief = await desk(browser, base, CHIEF)
  const chiefUnread = await liveBell(chief)

  await signIn(page, HANDLER)
  await page.goto(`/cases/${created.id}`)
  await expect(page.getByTestId('case-actions').getByRole('button', { name: '延期审批' })).toHaveCount(0)
  await act(page, '延期申请', async (d) => {
    await d.getByLabel('延期时长').fill('2')
    await d.getByLabel('原因').fill('需要协调清运车辆')
  })
  await expect(page.getByTestId('case-pending-extension')).toContainText('延长 2 个工作时')
  await expect(page.getByTestId('case-pending-extension')).toContainText('需要协调清运车辆')
  // One request at a time: no second button while it waits.
  await expect(page.getByTestId('case-actions').getByRole('button', { name: '延期申请' })).toHaveCount(0)

  // The chief's bell rings (the outbox drains every second) and a toast says what came.
  await expect(chief.getByTestId('notify-bell')).toHaveAttribute('data-unread', String(chiefUnread + 1), {
    timeout: 15_000,
  })
  await expect(
    chief.locator('.ant-notification-notice').filter({ hasText: `延期申请待审批：${created.no}` }),
  ).toBeVisible()
  // Another case in the chief's street, reported at the hotline desk: to accept.
  const another = await report(api, '绿化带内倾倒的生活垃圾')
  await expect(chief.getByTestId('notify-bell')).toHaveAttribute('data-unread', String(chiefUnread + 2), {
    timeout: 15_000,
  })

  // The extension's message opens its case and is read from then on.
  await chief.getByTestId('notify-bell').click()
  const item = chief.getByTestId('notify-item').filter({ hasText: created.no }).first()
  await expect(item).toHaveAttribute('data-unread', 'true')
  await item.click()
  await expect(chief).toHaveURL(new RegExp(`/cases/${created.id}$`))
  await expect(chief.getByTestId('notify-bell')).toHaveAttribute('data-unread', String(chiefUnread + 1))

  // The chief grants it: the handling deadline moves.
  const before = await json<CaseJson>(await api.get(`/api/cases/${created.id}`))
  await act(chief, '延期审批', async (d) => {
    await expect(d).toContainText('2 个工作时')
    await expect(d.getByLabel('批准', { exact: true })).toBeChecked()
  })
  await expect(chief.getByTestId('case-pending-extension')).toHaveCount(0)
  await expect(chief.getByTestId('case-timeline-item').last()).toContainText('批准延长 2 个工作时')
  const after = await json<CaseJson>(await api.get(`/api/cases/${created.id}`))
  expect(Date.parse(after.deadlines.handle ?? '')).toBeGreaterThan(Date.parse(before.deadlines.handle ?? ''))

  // A yellow card through the dialog: the tag shows on the case.
  await act(chief, '督办', async (d) => {
    await d.getByText('黄牌', { exact: true }).click()
    await d.getByLabel('内部备注').fill('请今日内清运完毕')
  })
  await expect(chief.getByTestId('case-supervision')).toHaveText('黄牌')
  await expect(chief.getByTestId('case-timeline-item').last()).toContainText('黄牌')

  // What is left unread (the new case among it) is marked read at once.
  await chief.getByTestId('notify-bell').click()
  await expect(
    chief.locator('[data-testid=notify-item][data-unread=true]').filter({ hasText: another.no }),
  ).toBeVisible()
  await chief.getByTestId('notify-all-read').click()
  await expect(chief.getByTestId('notify-bell')).toHaveAttribute('data-unread', '0')
  await expect(chief.locator('[data-testid=notify-item][data-unread=true]')).toHaveCount(0)

  await chief.context().close()
  await api.dispose()
})

test('a case reported twice merges into the first; a report nearby says "me too" instead', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const at = { lng: 104.0605, lat: 30.6595 }
  const first = await report(api, '人行道上散落的垃圾袋', at)
  const second = await report(api, '人行道垃圾袋没人管', at)
  await signIn(page, ADMIN)

  // The second lists the first as a duplicate, and merges into it.
  await page.goto(`/cases/${second.id}`)
  const row = page.getByTestId('case-duplicates').getByRole('row').filter({ hasText: first.no })
  await expect(row).toContainText('0 m')
  await row.getByRole('button', { name: '合并到此' }).click()
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click()
  await expect(page.getByTestId('case-state')).toHaveText('已合并')

  // On the report form, a point next to an open case of the class offers to follow it.
  await page.getByTestId('menu-cases').click()
  await page.getByTestId('case-report').click()
  await page.getByTestId('case-category').click()
  await page.keyboard.type('暴露垃圾')
  await page.getByRole('menuitemcheckbox', { name: /06010 暴露垃圾/ }).click()
  const map = page.getByTestId('case-map')
  await expect(map.locator('canvas')).toBeVisible()
  const box = await map.boundingBox()
  if (!box) throw new Error('the map has no box')
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  const picked = (await page.getByTestId('case-picked').textContent()) ?? ''
  const [lng, lat] = (picked.match(/\d+\.\d+/g) ?? []).map(Number)
  if (lng === undefined || lat === undefined) throw new Error(`no point in ${picked}`)
  // Someone reported it there a moment ago; a click a pixel away asks again.
  const there = await report(api, '路口垃圾', { lng, lat })
  await page.mouse.click(box.x + box.width / 2 + 1, box.y + box.height / 2)
  await expect(page.getByTestId('case-nearby')).toContainText(there.no)
  await page.getByTestId(`case-follow-${there.no}`).click()
  await expect(page).toHaveURL(new RegExp(`/cases/${there.id}$`))
  await expect(page.getByTestId('case-no')).toHaveText(there.no)
  const followed = await json<{ followers: number }>(await api.get(`/api/cases/${there.id}`))
  expect(followed.followers).toBe(1)
  await api.dispose()
})

test('the street whistles two departments, the lead reports in, and the detail shows who came', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const created = await report(api, '河道边大量垃圾，需多部门协同清理', { lng: 104.0597, lat: 30.6605 })
  await actApi(api, created, 'accept')
  const departments = await json<{ id: string; code: string; name: string }[]>(
    await api.get('/api/departments'),
  )
  const sanitation = departments.find((d) => d.code === 'sanitation')
  const other = departments.find((d) => d.code !== 'sanitation')
  if (!sanitation || !other) throw new Error('the demo has too few departments')
  const chief = { ...CHIEF, username: `${CHIEF.username}_w` }
  const handler = { ...HANDLER, username: `${HANDLER.username}_w` }
  const street = created.grids.find((g) => g.level === 'street')
  if (!street) throw new Error('the case has no street')
  const streetGrid = await json<{ path: string }>(await api.get(`/api/grids/${street.code}`))
  await createUser(api, chief, 'street_chief', { type: 'grid', path: streetGrid.path })
  await createUser(api, handler, 'department_staff', { type: 'department', id: sanitation.id })
  await api.dispose()

  await signIn(page, chief)
  await page.goto(`/cases/${created.id}`)
  await expect(page.getByTestId('case-state')).toHaveText('已立案')
  await act(page, '吹哨', async (d) => {
    await d.getByTestId('whistle-departments').click()
    for (const name of [sanitation.name, other.name]) {
      await page.keyboard.type(name)
      await page.keyboard.press('Enter')
    }
    await page.keyboard.press('Escape')
    // The first chosen leads until another is marked.
    await expect(d.getByLabel(sanitation.name, { exact: true })).toBeChecked()
    await d.getByLabel('报到时限').fill('3')
  })
  await expect(page.getByTestId('case-state')).toHaveText('已派遣')
  await expect(page.getByTestId('case-department')).toHaveText(sanitation.name)
  const rows = page.getByTestId('case-participants').locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toContainText(`${sanitation.name} 牵头`)
  await expect(rows.nth(1)).toContainText(`${other.name} 协办`)
  await expect(rows.first()).toContainText('待报到')
  // Not summoned himself, the chief has no report-in to make.
  await expect(page.getByTestId('case-actions').getByRole('button', { name: '报到' })).toHaveCount(0)
  await signOut(page)

  await signIn(page, handler)
  await page.goto(`/cases/${created.id}`)
  await act(page, '报到')
  await expect(rows.first()).not.toContainText('待报到')
  await expect(rows.nth(1)).toContainText('待报到')
  await expect(page.getByTestId('case-actions').getByRole('button', { name: '报到' })).toHaveCount(0)
  await expect(page.getByTestId('case-timeline-item').nth(2)).toContainText(
    `召集：${sanitation.name}（牵头）、${other.name}`,
  )
})
