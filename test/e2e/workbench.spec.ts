import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './csp-guard'
import { AUDITOR, adminApi, createUser, gridAt, gridChain, json, PHOTO, signIn, signOut } from './journey'

// The journeys share one server: this run's people and cases carry its mark, and every figure is
// checked against the list it opens rather than against a total of its own.
const run = Date.now().toString(36)
const MARK = `工作台${run}`
const CHIEF = { username: `wb_chief_${run}`, displayName: '孙街道', password: 'Chief#2026wb' }
/** Near the demo district's centre (generateDemo), inside one of its micro-grids. */
const POINT = { lng: 104.0603, lat: 30.6603 }
const shots = process.env.SHOTS_DIR ?? 'test-results'
/** The case list shows this many rows before 加载更多; a larger count is checked on the tab alone. */
const PAGE_SIZE = 50

interface CaseJson {
  id: string
  version: number
}

async function report(api: APIRequestContext, categoryCode: string, text: string) {
  return json<CaseJson>(
    await api.post('/api/cases', {
      data: { categoryCode, location: POINT, description: `${MARK} ${text}`, source: 'hotline' },
    }),
  )
}

async function act(api: APIRequestContext, c: CaseJson, action: string, body: object = {}) {
  const now = await json<CaseJson>(await api.get(`/api/cases/${c.id}`))
  return json<CaseJson>(
    await api.post(`/api/cases/${c.id}/actions/${action}`, { data: { version: now.version, ...body } }),
  )
}

test('a street chief’s workbench counts what waits and what came in, as the lists behind them hold it', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const api = await adminApi(baseURL ?? '')
  const street = gridAt(await gridChain(api, POINT), 'street')
  await createUser(api, CHIEF, 'street_chief', { type: 'grid', path: street.path })
  // In the chief's street today: one to accept, one to dispatch, one to handle and one closed.
  await report(api, '06010', '垃圾桶满溢')
  await act(api, await report(api, '06010', '暴露垃圾'), 'accept')
  const dispatched = await report(api, '06010', '建筑垃圾堆放')
  await act(api, dispatched, 'accept')
  await act(api, dispatched, 'dispatch', { department: 'sanitation' })
  // 06006 (临街彩旗) may be handled on the spot: 自行处置 closes it at once, with a photo of the result.
  const flags = await report(api, '06006', '临街挂彩旗')
  await json(
    await api.post(`/api/cases/${flags.id}/attachments`, {
      data: PHOTO.buffer,
      headers: { 'content-type': PHOTO.mimeType },
    }),
  )
  await act(api, flags, 'self_handle', { note: '已拆除' })
  await api.dispose()

  await page.setViewportSize({ width: 1280, height: 900 })
  await signIn(page, CHIEF)
  await expect(page.getByTestId('welcome')).toContainText(`欢迎，${CHIEF.displayName}`)

  // 待办: a tile per non-empty queue of the chief's tabs, each with how long its oldest has waited.
  const todo = page.getByTestId('todo')
  for (const queue of ['to_accept', 'to_dispatch', 'to_handle'])
    await expect(todo.getByTestId(`todo-${queue}`)).toContainText('最久')
  const tiles = await todo
    .locator('a[data-testid^="todo-"]')
    .evaluateAll((links) => links.map((a) => (a.getAttribute('data-testid') ?? '').replace('todo-', '')))
  const tabNames: Record<string, string> = {
    to_accept: '待受理',
    to_dispatch: '待派遣',
    to_handle: '待处置',
    to_verify: '待核查',
    to_close: '待结案',
    overdue: '超期',
    supervised: '督办',
  }
  for (const queue of tiles) {
    const count = page.getByTestId(`todo-count-${queue}`)
    const shown = await count.textContent()
    await page.getByTestId(`todo-${queue}`).click()
    await expect(page).toHaveURL(new RegExp(`/cases\\?queue=${queue}$`))
    await expect(page.getByRole('tab', { name: tabNames[queue], selected: true })).toBeVisible()
    await expect(page.getByTestId(`queue-count-${queue}`)).toHaveText(shown ?? '')
    if (Number(shown) <= PAGE_SIZE)
      await expect(page.getByTestId('cases-table').locator('tbody tr.ant-table-row')).toHaveCount(
        Number(shown),
      )
    await page.getByTestId('menu-home').click()
    await expect(todo).toBeVisible()
  }

  // 我的区域: the street's figures for today and this month; 上报 and 已办结 open the list behind them.
  const area = page.getByTestId(`area-${street.code}`)
  await expect(area).toContainText(street.name)
  const day = `area-${street.code}-day`
  await expect(page.getByTestId(`${day}-received`)).not.toHaveText('0')
  await expect(page.getByTestId(`${day}-closed`)).not.toHaveText('0')
  await expect(page.getByTestId(`${day}-satisfactionRate`)).toBeVisible()
  for (const [figure, url] of [
    [`${day}-received`, new RegExp(`queue=all&grid=${street.code}&from=\\d{4}-\\d\\d-\\d\\d&to=`)],
    [`${day}-closed`, /queue=all&grid=\d+&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&state=closed$/],
    [`area-${street.code}-month-received`, /queue=all&grid=\d+&from=\d{4}-\d\d-01&to=/],
  ] as const) {
    const link = page.getByTestId(figure).getByRole('link')
    const shown = (await link.textContent()) ?? ''
    await link.click()
    await expect(page).toHaveURL(url)
    await expect(page.getByRole('tab', { name: '全部', selected: true })).toBeVisible()
    await expect(page.getByTestId('queue-count-all')).toHaveText(shown)
    if (Number(shown) <= PAGE_SIZE)
      await expect(page.getByTestId('cases-table').locator('tbody tr.ant-table-row')).toHaveCount(
        Number(shown),
      )
    await page.getByTestId('menu-home').click()
    await expect(area).toBeVisible()
  }

  // The chief patrols too (patrol.record): their own day and week.
  await expect(page.getByTestId('my-patrol')).toContainText('本周巡查')
  await expect(page.getByTestId('my-visits')).toBeVisible()
  await expect(page.getByTestId('understaffed')).toBeVisible()
  await page.screenshot({ path: `${shots}/workbench-desk.png`, fullPage: true })

  await page.setViewportSize({ width: 390, height: 844 })
  await expect(page.getByTestId('bottom-nav')).toBeVisible()
  await expect(page.getByTestId(`${day}-received`)).toBeVisible()
  await page.screenshot({ path: `${shots}/workbench-phone.png`, fullPage: true })
  await signOut(page)

  // A reader of no case (the audit administrator) sees the welcome and no case card.
  await page.setViewportSize({ width: 1280, height: 900 })
  await signIn(page, AUDITOR)
  await expect(page.getByTestId('welcome')).toBeVisible()
  await expect(page.getByTestId('todo')).toHaveCount(0)
  await expect(page.locator('[data-testid^="area-"]')).toHaveCount(0)
})
