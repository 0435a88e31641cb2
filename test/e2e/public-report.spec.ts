import { expect, test } from './csp-guard'
import { ADMIN, choose, chooseTyped, signIn } from './journey'

// The e2e server loads the demo district 510104 on its first start: 104.00–104.12E, 30.615–30.705N
// (src/modules/demo/demo.generate.ts). The report page's map opens on its centre.
const POINT = { lng: '104.06', lat: '30.66' }

test('a resident reports a problem without an account and follows it by the private link', async ({
  page,
}) => {
  await page.goto('/report')
  await expect(page.getByRole('heading', { name: '上报问题' })).toBeVisible()

  // The kind of problem: a big class, then one of its small classes.
  await choose(page, '大类', '市容环境类')
  await chooseTyped(page, '小类', '暴露垃圾')

  // A tap on the map picks the point under the crosshair; the fields follow and can be typed.
  const map = page.getByTestId('report-map')
  await expect(map.locator('canvas')).toBeVisible()
  const lng = page.getByLabel('经度')
  await expect(async () => {
    await map.click()
    await expect(lng).not.toHaveValue('', { timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  await lng.fill(POINT.lng)
  await page.getByLabel('纬度').fill(POINT.lat)
  await page.getByLabel('纬度').blur()

  await page.getByLabel('地址或地标（选填）').fill('红星路 1 号门口')
  await page.getByLabel('问题描述').fill('人行道上堆了一堆建筑垃圾，已经两天了')
  await page.getByLabel('电话号码').fill('13812341234')
  await page.getByRole('button', { name: '提交' }).click()

  await expect(page.getByText('上报成功')).toBeVisible()
  const no = (await page.getByTestId('report-no').textContent())?.trim() ?? ''
  expect(no).toMatch(/^E\d{14}$/)
  await expect(page.getByTestId('tracking-url')).toContainText(`/track/${no}#wgt_`)

  await page.getByTestId('tracking-link').click()
  await expect(page).toHaveURL(new RegExp(`/track/${no}#wgt_[\\w-]{43}$`))
  await expect(page.getByTestId('track-no')).toHaveText(no)
  await expect(page.getByTestId('track-state')).toHaveText('待受理')
  await expect(page.getByTestId('track-timeline')).toContainText('上报 · 待受理')
  await expect(page.getByTestId('rating-form')).toHaveCount(0)

  // The link works on its own (a bookmark, a new tab), and without its fragment it opens nothing.
  const link = page.url()
  await page.goto('/')
  await page.goto(link)
  await expect(page.getByTestId('track-state')).toHaveText('待受理')
  await page.goto(`/track/${no}`)
  await expect(page.getByText('链接不完整')).toBeVisible()
  await page.goto(`/track/${no}#wgt_not-the-token`)
  await expect(page.getByText('未找到该事件')).toBeVisible()

  // Not ticked to be published: the public API does not know the number.
  expect((await page.request.get(`/open311/v2/requests/${no}.json`)).status()).toBe(404)
})

test('a resident on a phone may publish the report, which Open311 lists without their words or number', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/report')
  await choose(page, '大类', '市容环境类')
  await chooseTyped(page, '小类', '暴露垃圾')
  await page.getByLabel('经度').fill(POINT.lng)
  await page.getByLabel('纬度').fill(POINT.lat)
  await page.getByLabel('地址或地标（选填）').fill('红星路 1 号 3 栋门口')
  await page.getByLabel('问题描述').fill('我是李四，电话 13912345678，门口垃圾两天没人清')
  const publish = page.getByRole('checkbox', { name: '公开我的诉求（不含个人信息）' })
  await expect(publish).not.toBeChecked()
  await publish.check()
  await page.screenshot({ path: 'test-results/public-report-publish-390.png', fullPage: true })
  // Nothing on the page is wider than the phone.
  // The node tests' types have no DOM: the page's width is read as a string of script.
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
  await page.getByRole('button', { name: '提交' }).click()
  await expect(page.getByText('上报成功')).toBeVisible()
  const no = (await page.getByTestId('report-no').textContent())?.trim() ?? ''

  const res = await page.request.get(`/open311/v2/requests/${no}.json`)
  expect(res.status()).toBe(200)
  const body = await res.text()
  expect(JSON.parse(body)[0]).toMatchObject({ description: '暴露垃圾', address: '红星路', media_url: null })
  for (const leak of ['李四', '13912345678', '3 栋']) expect(body).not.toContain(leak)
})

test('an administrator sees and switches whether a category is public', async ({ page }) => {
  await signIn(page, ADMIN)
  await page.goto('/settings/categories')
  await page.getByPlaceholder(/搜索|编码/).fill('09003')
  await page.getByText('09003 流浪乞讨').click()
  const toggle = page.getByTestId('category-public')
  await expect(toggle).not.toBeChecked()
  await page.screenshot({ path: 'test-results/category-public.png', fullPage: true })
  await page.getByPlaceholder(/搜索|编码/).fill('06010')
  await page.getByText('06010 暴露垃圾').click()
  await expect(page.getByTestId('category-public')).toBeChecked()
})
