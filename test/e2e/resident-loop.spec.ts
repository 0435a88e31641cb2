import { devices } from '@playwright/test'
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

// The journeys share one server: names carry the run so that a reused server (E2E_BASE_URL) takes them too.
const run = Date.now().toString(36)
const CHIEF = { username: `cchief_${run}`, displayName: '赵社区', password: 'Chief#2026x' }
const HANDLER = { username: `urban_${run}`, displayName: '钱城管', password: 'Urban#2026x' }
const VERIFIER = { username: `gridw_${run}`, displayName: '孙网格', password: 'Grid#2026xx' }

/**
 * 06041 垃圾未分类 is the city class whose filing standard puts it at the community level and sends it to
 * a department (urban_management, the demo's 城市管理和综合执法局): a community chief accepts and
 * dispatches it, as the issue tells the story. (06010 暴露垃圾 is owned by the street: its chief would.)
 */
const CATEGORY = { big: '市容环境类', small: '垃圾未分类' }
const DEPARTMENT = { code: 'urban', name: '城市管理和综合执法局' }
/**
 * West of the demo district's centre (104.00–104.12E, 30.615–30.705N, src/modules/demo/demo.generate.ts):
 * inside a micro-grid, away from the other journeys' points.
 */
const POINT = { lng: 104.031, lat: 30.642 }

test('a resident reports on the phone, staff run the loop, the resident rates the closed case', async ({
  page,
  browser,
  baseURL,
}) => {
  // Four people sign in at the desk one after another, and a resident comes back on the phone.
  test.setTimeout(180_000)
  const site = baseURL ?? ''

  // The people of the loop, by the point's grids: the chief of its community, the department's staff,
  // a worker of its grid.
  const api = await adminApi(site)
  const chain = await gridChain(api, POINT)
  expect(chain.map((g) => g.level)).toEqual(['district', 'street', 'community', 'grid', 'micro'])
  const community = gridAt(chain, 'community')
  const departments = await json<{ id: string; code: string }[]>(await api.get('/api/departments'))
  const urban = departments.find((d) => d.code === DEPARTMENT.code)
  if (!urban) throw new Error(`the demo has no ${DEPARTMENT.code} department`)
  await createUser(api, CHIEF, 'community_chief', { type: 'grid', path: community.path })
  await createUser(api, HANDLER, 'department_staff', { type: 'department', id: urban.id })
  await createUser(api, VERIFIER, 'grid_worker', { type: 'grid', path: gridAt(chain, 'grid').path })
  await api.dispose()

  // The resident, on a phone, without an account.
  const phone = await browser.newContext({
    ...devices['Pixel 7'],
    baseURL: site,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const resident = await phone.newPage()
  await resident.goto('/report')
  await expect(resident.getByRole('heading', { name: '上报问题' })).toBeVisible()
  await choose(resident, '大类', CATEGORY.big)
  await chooseTyped(resident, '小类', CATEGORY.small)
  await expect(resident.getByTestId('report-map').locator('canvas')).toBeVisible()
  await resident.getByLabel('经度').fill(String(POINT.lng))
  await resident.getByLabel('纬度').fill(String(POINT.lat))
  await resident.getByLabel('纬度').blur()
  await resident.getByLabel('地址或地标（选填）').fill('青龙巷 8 号小区垃圾投放点')
  await resident.getByLabel('问题描述').fill('投放点的厨余垃圾桶里混着塑料瓶和纸箱，连续几天没人分拣')
  await resident.getByLabel('电话号码').fill('13912345678')
  await resident.getByRole('button', { name: '提交' }).click()
  await expect(resident.getByText('上报成功')).toBeVisible()
  const no = (await resident.getByTestId('report-no').textContent())?.trim() ?? ''
  expect(no).toMatch(/^E\d{14}$/)
  await resident.getByTestId('tracking-link').click()
  await expect(resident.getByTestId('track-state')).toHaveText('待受理')
  // The link the resident keeps: number and token, the token in the fragment.
  const link = resident.url()
  expect(link).toMatch(new RegExp(`/track/${no}#wgt_[\\w-]{43}$`))
  await resident.close()

  // The community chief accepts it and dispatches it by the default rule.
  await signIn(page, CHIEF)
  await openFromQueue(page, '待受理', no)
  await expect(page.getByTestId('case-grids')).toContainText(community.name)
  await act(page, '受理立案', (d) => d.getByLabel('公开说明').fill('已受理，已转城管部门督促分类'))
  await expect(page.getByTestId('case-state')).toHaveText('已立案')
  await act(page, '派遣', async (d) => {
    await expect(d.getByLabel('按默认规则')).toBeChecked()
  })
  await expect(page.getByTestId('case-state')).toHaveText('已派遣')
  await expect(page.getByTestId('case-department')).toHaveText(DEPARTMENT.name)
  await signOut(page)

  // The department's staff handle it, with a photo of the result.
  await signIn(page, HANDLER)
  await openFromQueue(page, '待处置', no)
  await act(page, '处置完成', async (d) => {
    await d.getByLabel('处置结果').fill('已督促物业分拣，垃圾已按类别重新投放')
    await d.locator('input[type=file]').setInputFiles(PHOTO)
  })
  await expect(page.getByTestId('case-state')).toHaveText('待核查')
  await signOut(page)

  // A worker of the point's grid checks it on the spot: passed, with a photo.
  await signIn(page, VERIFIER)
  await openFromQueue(page, '待核查', no)
  await act(page, '核查', async (d) => {
    await expect(d.getByLabel('通过', { exact: true })).toBeChecked()
    await d.locator('input[type=file]').setInputFiles(PHOTO)
  })
  await expect(page.getByTestId('case-state')).toHaveText('待结案')
  await signOut(page)

  // The chief closes it: verified, no clock runs until then, so no light.
  await signIn(page, CHIEF)
  await openFromQueue(page, '待结案', no, false)
  await act(page, '结案', (d) => d.getByLabel('公开说明').fill('问题已解决，感谢您的反馈'))
  await expect(page.getByTestId('case-state')).toHaveText('已结案')

  // The resident comes back by the link: closed, the public trail, and a rating of five stars.
  const back = await phone.newPage()
  await back.goto(link)
  await expect(back.getByTestId('track-no')).toHaveText(no)
  await expect(back.getByTestId('track-state')).toHaveText('已结案')
  const trail = back.getByTestId('track-timeline')
  for (const step of [
    '上报 · 待受理',
    '受理立案 · 已立案',
    '派遣 · 已派遣',
    '处置完成 · 待核查',
    '核查 · 待结案',
    '结案 · 已结案',
    '已受理，已转城管部门督促分类',
    '已督促物业分拣，垃圾已按类别重新投放',
    '问题已解决，感谢您的反馈',
  ])
    await expect(trail).toContainText(step)
  // Names, departments and roles stay with the staff.
  await expect(trail).not.toContainText(HANDLER.displayName)
  await expect(trail).not.toContainText(DEPARTMENT.name)
  const form = back.getByTestId('rating-form')
  await form.getByRole('radio').nth(4).click()
  await expect(form.getByRole('radio', { checked: true })).toHaveCount(5)
  await form.getByLabel('评价内容（选填）').fill('处理及时，现在分类清楚了')
  await form.getByRole('button', { name: '提交评价' }).click()
  await expect(form).toHaveCount(0)
  const yours = back.locator('.ant-card').filter({ has: back.getByText('您的评价', { exact: true }) })
  await expect(yours.getByRole('radio', { checked: true })).toHaveCount(5)
  await expect(yours).toContainText('处理及时，现在分类清楚了')
  await expect(trail).toContainText('评价 · 已结案')
  await expect(back.getByTestId('track-state')).toHaveText('已结案')
  await phone.close()

  // At the desk: closed and rated, the rating the last step of the trail.
  await page.reload()
  await expect(page.getByTestId('case-state')).toHaveText('已结案')
  const rating = page
    .getByTestId('case-detail')
    .locator('.ant-descriptions-item')
    .filter({ has: page.locator('.ant-descriptions-item-label', { hasText: /^评价$/ }) })
  await expect(rating.locator('.ant-descriptions-item-content')).toHaveText('5')
  const steps = page.getByTestId('case-timeline-item')
  const expected = ['上报', '受理立案', '派遣', '处置完成', '核查', '结案', '评价']
  await expect(steps).toHaveCount(expected.length)
  for (const [i, step] of expected.entries()) {
    await expect(steps.nth(i).locator('strong')).toHaveText(step)
  }
  await expect(steps.nth(1)).toContainText(CHIEF.displayName)
  await expect(steps.nth(1)).toContainText('社区负责人')
  await expect(steps.nth(2)).toContainText(`派至 ${DEPARTMENT.name}`)
  await expect(steps.nth(3)).toContainText('部门工作人员')
  await expect(steps.nth(4)).toContainText('核查通过')
  await expect(steps.nth(4)).toContainText('网格员')
  await expect(steps.nth(6)).toContainText('处理及时，现在分类清楚了')
})
