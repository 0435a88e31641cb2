import type { Page } from '@playwright/test'
import { expect, test } from './csp-guard'
import { act, adminApi, createUser, gridAt, gridChain, PHOTO } from './journey'

const run = Date.now().toString(36)
const WORKER = { username: `phone_${run}`, displayName: '欧阳网格员', password: 'Phone#2026x' }
/** Where the worker stands: the phone reports this position, inside his grid. */
const HERE = { longitude: 104.0452, latitude: 30.6503 }
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'

test.use({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  geolocation: HERE,
  permissions: ['geolocation'],
})

/** Nothing is wider than the phone, and the bottom bar covers none of the page once scrolled to its end. */
async function expectNothingCovered(page: Page) {
  // Strings run in the page (the test's tsconfig has no DOM types).
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)')
  const navTop = (await page.getByTestId('bottom-nav').boundingBox())?.y ?? 0
  const lastBottom = await page.evaluate<number>(
    `document.querySelector('[data-testid="app-content"]')?.lastElementChild?.getBoundingClientRect().bottom ?? 0`,
  )
  expect(lastBottom).toBeGreaterThan(0)
  expect(lastBottom).toBeLessThanOrEqual(navTop + 0.5)
}

test('a grid worker on his phone sees his grid, reports with his location and a photo, and handles it himself', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const grid = gridAt(await gridChain(api, { lng: HERE.longitude, lat: HERE.latitude }), 'grid')
  await createUser(api, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await api.dispose()

  await page.goto('/login')
  await page.getByLabel('用户名', { exact: true }).fill(WORKER.username)
  await page.getByLabel('密码', { exact: true }).fill(WORKER.password)
  await page.getByRole('button', { name: '登录' }).click()

  // A phone's shell: the bottom bar, no side menu; the header holds no name cut short, "me" the whole one.
  const nav = page.getByTestId('bottom-nav')
  await expect(nav).toBeVisible()
  await expect(page.locator('.ant-layout-sider')).toHaveCount(0)
  await expect(page.locator('header')).not.toContainText(WORKER.displayName.slice(0, 1))
  await page.getByTestId('nav-me').click()
  await expect(page.getByTestId('current-user')).toHaveText(WORKER.displayName)
  await expect(page.getByTestId('sign-out')).toBeVisible()
  await page.waitForTimeout(500) // the drawer's slide
  await page.screenshot({ path: `${SHOTS}/phone-me-390.png` })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('sign-out')).toBeHidden()
  for (const item of ['nav-cases', 'nav-report', 'nav-grids', 'nav-me']) {
    const box = await page.getByTestId(item).boundingBox()
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
  }

  // The grid page opens on his own grid: its name at the tree's root, the map, no import.
  await page.getByTestId('nav-grids').click()
  await expect(page).toHaveURL(/\/grids$/)
  const tree = page.getByTestId('grid-tree')
  await expect(tree).toContainText(grid.name)
  await expect(tree.locator('.ant-tree-treenode')).toHaveCount(1)
  await expect(page.getByTestId('grid-map').locator('canvas')).toBeVisible()
  await expect(page.getByRole('button', { name: '导入 GeoJSON' })).toHaveCount(0)
  await tree.getByText(grid.name).click()
  const details = page.getByTestId('grid-details')
  await expect(details.getByTestId('grid-code')).toHaveText(grid.code)
  await expect(details.getByTestId('grid-actions')).toHaveCount(0)
  await page.waitForTimeout(1_000) // the tiles, for the picture
  await page.screenshot({ path: `${SHOTS}/phone-grid-390.png`, fullPage: true })
  await expectNothingCovered(page)

  // He reports laundry hung along the street 沿街晾挂, where he stands, with a photo.
  await page.getByTestId('nav-report').click()
  await expect(page).toHaveURL(/\/cases\/new$/)
  await page.getByTestId('case-category').click()
  await page.keyboard.type('沿街晾挂')
  await page.getByRole('menuitemcheckbox', { name: '06007 沿街晾挂' }).click()
  await page.getByLabel('事件描述').fill('沿街护栏上晾挂被褥')
  await page.getByTestId('photo-gallery-input').setInputFiles(PHOTO)
  await expect(page.getByTestId('picked-photo')).toHaveCount(1)
  await page.getByTestId('case-locate-me').click()
  await expect(page.getByTestId('case-picked')).toContainText(`经度 ${HERE.longitude.toFixed(6)}`)
  await expect(page.getByTestId('case-picked-grids')).toContainText(grid.name)
  await page.screenshot({ path: `${SHOTS}/phone-report-390.png`, fullPage: true })
  await expectNothingCovered(page)
  await page.getByTestId('case-submit').click()

  // On the case he handles it himself 自行处置: it closes.
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('case-state')).toHaveText('待受理')
  const no = (await page.getByTestId('case-no').textContent()) ?? ''
  await page.screenshot({ path: `${SHOTS}/phone-case-390.png`, fullPage: true })
  await act(page, '自行处置', async (dialog) => {
    await dialog.getByLabel('处置情况').fill('已劝导住户收回被褥')
    await dialog.locator('input[type=file]').first().setInputFiles(PHOTO)
    await page.screenshot({ path: `${SHOTS}/phone-self-handle-390.png` })
  })
  await expect(page.getByTestId('case-state')).toHaveText('已结案')
  await expectNothingCovered(page)

  // His inbox lists it; the bar does not cover the last item.
  await page.getByTestId('nav-cases').click()
  await expect(page).toHaveURL(/\/cases$/)
  await page.getByRole('tab', { name: '全部' }).click()
  // Text that starts with the number: the report's toast (事件 … 已上报) may still show it mid-sentence.
  const row = page.getByText(new RegExp(`^${no}`))
  await expect(row).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/phone-inbox-390.png`, fullPage: true })
  await expectNothingCovered(page)

  // At a desk the same screens keep the side menu and the header with his whole name, and no bottom bar.
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.getByTestId('bottom-nav')).toHaveCount(0)
  await expect(page.getByTestId('menu-cases')).toBeVisible()
  await expect(page.getByTestId('current-user')).toHaveText(WORKER.displayName)
  await page.screenshot({ path: `${SHOTS}/desk-inbox-1280.png` })
  await row.click()
  // The inbox's rows carry states too: read it on the case's own page, once that page has replaced the
  // inbox (the address changes before the page's code has loaded, and the inbox stays until then).
  await expect(page).toHaveURL(/\/cases\/[\w-]{36}$/)
  await expect(page.getByTestId('case-no')).toHaveText(no)
  await expect(page.getByTestId('case-state')).toHaveText('已结案')
  await page.screenshot({ path: `${SHOTS}/desk-case-1280.png`, fullPage: true })
  await page.goto('/cases/new')
  await expect(page.getByTestId('case-locate-me')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/desk-report-1280.png`, fullPage: true })
  await page.getByTestId('menu-grids').click()
  await expect(page.getByTestId('grid-tree')).toContainText(grid.name)
  await page.waitForTimeout(1_000) // the tiles, for the picture
  await page.screenshot({ path: `${SHOTS}/desk-grid-1280.png` })
})
