import { type APIRequestContext, expect, type Locator, type Page, request } from '@playwright/test'
import { ADMIN_PASSWORD, AUDIT_ADMIN_PASSWORD, SECURITY_ADMIN_PASSWORD } from './server'

export interface Account {
  username: string
  password: string
}

export const ADMIN: Account = { username: 'admin', password: ADMIN_PASSWORD }
/** 三员分立: the security and audit administrators, with the passwords the test server configures. */
export const SECURITY_ADMIN: Account = { username: 'secadmin', password: SECURITY_ADMIN_PASSWORD }
export const AUDITOR: Account = { username: 'auditadmin', password: AUDIT_ADMIN_PASSWORD }
export const WORKER = { username: 'worker1', displayName: '张网格', password: 'Worker#2026x' }

/**
 * Signs in through the form, as a person would, and waits for the shell: at a desk the header shows
 * who is signed in, on a phone the bottom bar shows (the name is under "me").
 */
export async function signIn(page: Page, account: Account) {
  await page.goto('/login')
  await page.getByLabel('用户名', { exact: true }).fill(account.username)
  await page.getByLabel('密码', { exact: true }).fill(account.password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByTestId('current-user').or(page.getByTestId('bottom-nav'))).toBeVisible()
}

/** Signs out from the header at a desk, from the "me" drawer on a phone. */
export async function signOut(page: Page) {
  if (await page.getByTestId('bottom-nav').isVisible()) await page.getByTestId('nav-me').click()
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page).toHaveURL(/\/login$/)
}

/** A 1×1 PNG: the city classes' filing standard asks for a photo of the result at handle and at verify. */
export const PHOTO = {
  name: 'scene.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
}

/** The password an account is created with; its owner must replace it at first sign-in. */
export const firstPassword = (user: { password: string }) => `${user.password}~first`

/** The new user signs in with the given password and sets their own, as the product requires first. */
export async function settlePassword(user: { username: string; password: string }) {
  const baseURL = process.env.E2E_BASE_URL
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL ?? '' } })
  const given = firstPassword(user)
  await json(await api.post('/api/auth/login', { data: { username: user.username, password: given } }))
  const change = await api.post('/api/auth/password', {
    data: { currentPassword: given, newPassword: user.password },
  })
  expect(change.status(), await change.text()).toBe(204)
  await api.dispose()
}

/** An administrator's API session; cookie-authenticated writes must name the site as their origin. */
export async function adminApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
  const login = await api.post('/api/auth/login', { data: ADMIN })
  expect(login.status()).toBe(200)
  return api
}

/** A person's API session (writes name the site as their origin, as the browser's do). */
export async function signedInApi(baseURL: string, account: { username: string; password: string }) {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
  await json(await api.post('/api/auth/login', { data: account }))
  return api
}

/** A user's id by their username (as an administrator finds it on the users list). */
export async function userIdOf(api: APIRequestContext, username: string): Promise<string> {
  const users = await json<{ items: { id: string; username: string }[] }>(
    await api.get('/api/users', { params: { q: username } }),
  )
  const found = users.items.find((u) => u.username === username)
  if (!found) throw new Error(`no user ${username}`)
  return found.id
}

/** The body of a successful answer; a failed one fails the test with what the server said. */
export async function json<T>(response: {
  ok(): boolean
  status(): number
  text(): Promise<string>
}): Promise<T> {
  const body = await response.text()
  expect(response.ok(), body).toBe(true)
  return JSON.parse(body) as T
}

export interface Person {
  username: string
  displayName: string
  password: string
}

/** Creates a user holding one built-in role over a grid subtree or a department. */
export async function createUser(
  api: APIRequestContext,
  user: Person,
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

export interface ChainGrid {
  code: string
  name: string
  level: string
  path: string
}

/** The chain of grids covering a point, root first (district, street, community, grid, micro-grid). */
export async function gridChain(api: APIRequestContext, point: { lng: number; lat: number }) {
  const { chain } = await json<{ chain: ChainGrid[] }>(
    await api.get('/api/grids/locate', { params: { lng: point.lng, lat: point.lat } }),
  )
  return chain
}

/** The grid of a level in a chain. */
export function gridAt(chain: ChainGrid[], level: string): ChainGrid {
  const grid = chain.find((g) => g.level === level)
  if (!grid) throw new Error(`no ${level} in the chain ${chain.map((g) => g.code).join(' > ')}`)
  return grid
}

/** Opens a case from the inbox tab a person works from, as they would; a running stage shows its light. */
export async function openFromQueue(page: Page, tab: string, no: string, running = true) {
  await page.getByTestId('menu-cases').click()
  await page.getByRole('tab', { name: tab }).click()
  const row = page.getByRole('row').filter({ hasText: no })
  await expect(row).toBeVisible()
  if (running)
    await expect(row.getByTestId('case-light')).toHaveAttribute('data-light', /^(green|yellow|red)$/)
  await row.click()
  await expect(page.getByTestId('case-no')).toHaveText(no)
}

/** Takes an action on the open case through its button and dialog, filling the dialog first. */
export async function act(page: Page, button: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.getByTestId('case-actions').getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: button })
  await expect(dialog).toBeVisible()
  if (fill) await fill(dialog)
  await dialog.getByRole('button', { name: '确定' }).click()
  await expect(dialog).toBeHidden()
}

/** Picks the centre of the create page's map, in the demo district: its five-level grid chain shows. */
export async function pickMapCentre(page: Page) {
  const map = page.getByTestId('case-map')
  await expect(map.locator('canvas')).toBeVisible()
  const box = await map.boundingBox()
  if (!box) throw new Error('the map has no box')
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(page.getByTestId('case-picked')).toContainText('经度 104.')
  // district → street → community → grid → micro-grid
  await expect(
    page.getByTestId('case-picked-grids').locator('li:not(.ant-breadcrumb-separator)'),
  ).toHaveCount(5)
}

/**
 * Chooses an option of an antd select by its label, and checks it took: a click that lands while
 * the dropdown is still sliding in can miss, so the choice is tried again until the select shows it.
 */
export async function choose(page: Page, label: string, option: string) {
  const select = page.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) })
  await expect(async () => {
    await page.getByLabel(label, { exact: true }).click()
    await page.locator('.ant-select-item-option').filter({ hasText: option }).click({ timeout: 2_000 })
    await expect(select).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
}

/**
 * Picks an option of a long select by typing part of it first; picked again until the select shows it
 * (a first pick can land while the list is still animating in).
 */
export async function chooseTyped(page: Page, label: string, option: string) {
  const select = page.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) })
  await expect(async () => {
    await page.getByLabel(label, { exact: true }).click()
    await page.getByLabel(label, { exact: true }).fill(option)
    await page.locator('.ant-select-item-option').filter({ hasText: option }).click({ timeout: 2_000 })
    await expect(select).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
}

/** Opens the create-event page from the menu and picks a small class; its filing standard shows. */
export async function openCreatePage(page: Page, smallClass: { code: string; name: string }) {
  await page.getByTestId('menu-cases').click()
  await page.getByTestId('case-report').click()
  await expect(page).toHaveURL(/\/cases\/new$/)
  await page.getByTestId('case-category').click()
  await page.keyboard.type(smallClass.name)
  await page.getByRole('menuitemcheckbox', { name: `${smallClass.code} ${smallClass.name}` }).click()
  await expect(page.getByTestId('case-standard')).toContainText('立案条件')
}

/** Opens the nodes of an open tree picker down a path and picks the last, each by the code its title ends with. */
export async function pickInTree(page: Page, path: string[]) {
  const popup = page.locator('.ant-select-dropdown:visible')
  const nodeOf = (code: string) =>
    popup.locator('.ant-select-tree-treenode').filter({
      has: page.locator('.ant-select-tree-title', { hasText: new RegExp(` ${code}$`) }),
    })
  await expect(nodeOf(path[0] ?? '')).toBeVisible()
  // Each node is opened until its child shows: the picker keeps what was opened before (a node
  // already open is not clicked shut), and a click on a switcher still loading is made again.
  for (const [i, code] of path.slice(0, -1).entries()) {
    const child = nodeOf(path[i + 1] ?? '')
    await expect(async () => {
      if (await child.isVisible()) return
      const closed = nodeOf(code).locator('.ant-select-tree-switcher_close')
      if (await closed.count()) await closed.click({ timeout: 2_000 })
      await expect(child).toBeVisible({ timeout: 3_000 })
    }).toPass({ timeout: 20_000 })
  }
  // A pick closes the picker; a click landing while the list still moves is made again.
  const last = nodeOf(path[path.length - 1] ?? '')
  await expect(async () => {
    if (await popup.count()) await last.locator('.ant-select-tree-title').click({ timeout: 2_000 })
    await expect(popup).toBeHidden({ timeout: 2_000 })
  }).toPass({ timeout: 15_000 })
}

/**
 * Picks an option of an antd select by its text: the select by its test id, within `scope` (a
 * part of the page when the id repeats), retried while the dropdown opens late.
 */
export async function pick(page: Page, testId: string, option: string, scope: Page | Locator = page) {
  const select = scope.getByTestId(testId)
  await expect(async () => {
    await select.click()
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click({ timeout: 2_000 })
    await expect(select).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
}
