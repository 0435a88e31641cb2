import { expect, test } from './csp-guard'
import {
  act,
  adminApi,
  choose,
  chooseTyped,
  createUser,
  gridAt,
  gridChain,
  json,
  openFromQueue,
  PHOTO,
  signIn,
  signOut,
} from './journey'

const run = Date.now().toString(36)
const CHIEF = { username: `pchief_${run}`, displayName: '周社区', password: 'Chief#2026x' }
const HANDLER = { username: `purban_${run}`, displayName: '吴城管', password: 'Urban#2026x' }
/** As in resident-loop.spec.ts: a community-level city class that goes to the urban department. */
const CATEGORY = { big: '市容环境类', small: '垃圾未分类' }
const DEPARTMENT = { code: 'urban', name: '城市管理和综合执法局' }
const shot = (name: string) => ({ path: `/tmp/map-${name}.png`, fullPage: true })

test('a resident finds a community by name, aims inside it, reports with a photo and later sees the result photo', async ({
  browser,
  page,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const site = baseURL ?? ''
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    baseURL: site,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  })
  const resident = await phone.newPage()
  await resident.goto('/report')
  await expect(resident.getByRole('heading', { name: '上报问题' })).toBeVisible()
  const map = resident.getByTestId('report-map')
  await expect(map.locator('canvas')).toBeVisible()

  // The map draws the public outlines and names (no sign-in): their tiles come from /tiles/public.
  const tiles = resident.waitForResponse((r) => r.url().includes('/tiles/public/') && r.status() === 200)
  await resident.getByTestId('place-search').click()
  await resident.keyboard.type('和平')
  const option = resident.locator('.ant-select-item-option').filter({ hasText: '和平社区' }).first()
  await expect(option).toBeVisible()
  const chosen = (await option.textContent()) ?? ''
  expect(chosen).toMatch(/^和平社区 · .+街道$/)
  await option.click()
  await tiles
  // The pick follows the flight: the fields hold the community's point.
  await expect(resident.getByLabel('经度')).not.toHaveValue('')
  await expect
    .poll(async () => Number(await resident.getByLabel('经度').inputValue()), { timeout: 10_000 })
    .toBeGreaterThan(103.9)
  await resident.waitForTimeout(1500) // the flight and its labels settle before the picture
  const lng = Number(await resident.getByLabel('经度').inputValue())
  const lat = Number(await resident.getByLabel('纬度').inputValue())
  await resident.screenshot(shot('report-390'))

  // The point is inside the community chosen: the server's grids say so.
  const api = await adminApi(site)
  const chain = await gridChain(api, { lng, lat })
  const community = gridAt(chain, 'community')
  expect(chosen.startsWith(community.name)).toBe(true)
  const departments = await json<{ id: string; code: string }[]>(await api.get('/api/departments'))
  const urban = departments.find((d) => d.code === DEPARTMENT.code)
  if (!urban) throw new Error('the demo has no urban department')
  await createUser(api, CHIEF, 'community_chief', { type: 'grid', path: community.path })
  await createUser(api, HANDLER, 'department_staff', { type: 'department', id: urban.id })
  await api.dispose()

  await choose(resident, '大类', CATEGORY.big)
  await chooseTyped(resident, '小类', CATEGORY.small)
  await resident.getByLabel('问题描述').fill('社区门口垃圾投放点没有分类，厨余和纸箱混在一起')
  await resident.getByTestId('photo-gallery-input').setInputFiles(PHOTO)
  await expect(resident.getByTestId('picked-photo')).toHaveCount(1)
  await resident.getByRole('button', { name: '提交' }).click()
  await expect(resident.getByText('上报成功')).toBeVisible()
  const no = (await resident.getByTestId('report-no').textContent())?.trim() ?? ''
  await expect(resident.getByTestId('report-photos')).toContainText('1 张照片已上传')
  await resident.getByTestId('tracking-link').click()
  const link = resident.url()
  await resident.close()

  // Staff: the community chief accepts and dispatches; the department handles it with a result photo the reporter may see.
  await signIn(page, CHIEF)
  await openFromQueue(page, '待受理', no)
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(page.getByTestId('case-map').locator('canvas')).toBeVisible()
  await expect(page.getByTestId('grid-legend')).toContainText('社区/村')
  await page.waitForTimeout(1500)
  await page.screenshot(shot('case-1280'))
  // The chief's grid page: every level drawn, named, and the legend.
  await page.getByTestId('menu-grids').click()
  await expect(page.getByTestId('grid-map').locator('canvas')).toBeVisible()
  await expect(page.getByTestId('grid-legend')).toContainText('微网格')
  await page.waitForTimeout(1500)
  await page.screenshot(shot('grids-1280'))
  await page.goBack()
  await act(page, '受理立案', (d) => d.getByLabel('公开说明').fill('已受理，转城管部门'))
  await act(page, '派遣')
  await expect(page.getByTestId('case-state')).toHaveText('已派遣')
  await signOut(page)
  await signIn(page, HANDLER)
  await openFromQueue(page, '待处置', no)
  await act(page, '处置完成', async (d) => {
    await d.getByLabel('处置结果').fill('已督促物业分拣')
    await d.locator('input[type=file]').setInputFiles(PHOTO)
    await d.getByLabel('上报人可查看这些照片').check()
  })
  await expect(page.getByTestId('case-state')).toHaveText('待核查')
  await page.setViewportSize({ width: 390, height: 844 })
  await page.getByTestId('case-map').scrollIntoViewIfNeeded()
  await page.waitForTimeout(1500)
  await page.screenshot(shot('case-390'))

  // The resident comes back by the link: the after-photo is there.
  const back = await phone.newPage()
  await back.goto(link)
  await expect(back.getByTestId('track-result-photos').getByTestId('track-photo')).toHaveCount(1)
  await expect(back.getByTestId('track-result-photos').locator('img')).toBeVisible()
  await phone.close()

  // The report page on a desk, for the picture.
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/report')
  await expect(page.getByTestId('report-map').locator('canvas')).toBeVisible()
  await page.waitForTimeout(2000)
  await page.screenshot(shot('report-1280'))
})
