import { type APIRequestContext, request } from '@playwright/test'
import { expect, test } from './csp-guard'
import { adminApi, createUser, json, signIn, signOut } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const SCOUT = { username: `gs${RUN}`, displayName: `人群巡查${RUN}`, password: 'Groups#2026s' }
const CHIEF = { username: `gc${RUN}`, displayName: `社区书记${RUN}`, password: 'Groups#2026c' }
const WORKER = { username: `gw${RUN}`, displayName: `走访网格员${RUN}`, password: 'Groups#2026w' }
const NOTE = `老人身体尚好，叮嘱按时服药 ${RUN}`
const GROUP = 'elderly_alone'

interface Membership {
  id: string
  person: { id: string; name: string }
  grid: { code: string; name: string }
  groupCode: string
  attention: number
  nextVisitDue: string | null
  version: number
}

/** Today in China (the server counts days there), and the Sunday ending its week. */
const DAY_MS = 86_400_000
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
const weekEnd = (day: string) => addDays(day, 6 - ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7))

/** A user's own API session; cookie-authenticated writes must name the site as their origin. */
async function session(baseURL: string, user: { username: string; password: string }) {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })
  await json(await api.post('/api/auth/login', { data: user }))
  return api
}

const membership = async (api: APIRequestContext, id: string) =>
  json<Membership>(await api.get(`/api/groups/${id}`))

test('a community chief finds a member of a special group on the board and records a visit; the responsible grid worker sees it on a phone', async ({
  page,
  baseURL,
}) => {
  // Three new users, a visit and two people's screens: longer than one screen's journey.
  test.setTimeout(120_000)
  const base = baseURL ?? ''
  // The demo's members of special groups live in the district's first grids: a scout over the whole
  // district finds the one living alone, and the grid path of its micro-grid.
  const admin = await adminApi(base)
  const grids = await json<{ items: { path: string }[] }>(
    await admin.get('/api/grids', { params: { level: 'grid', limit: 1 } }),
  )
  const district = grids.items[0]?.path.split('.')[0]
  if (!district) throw new Error('the demo has no grid')
  await createUser(admin, SCOUT, 'community_chief', { type: 'grid', path: district })
  const scout = await session(base, SCOUT)
  const found = await json<{ items: Membership[] }>(
    await scout.get('/api/groups', { params: { group: GROUP, limit: 50 } }),
  )
  const member = found.items[0]
  if (!member) throw new Error(`the demo has no member of ${GROUP}`)
  await scout.dispose()
  const micro = await json<{ path: string }>(await admin.get(`/api/grids/${member.grid.code}`))
  const segments = micro.path.split('.')
  const community = segments.slice(0, 3).join('.')
  const gridPath = segments.slice(0, 4).join('.')
  await createUser(admin, CHIEF, 'community_chief', { type: 'grid', path: community })
  await createUser(admin, WORKER, 'grid_worker', { type: 'grid', path: gridPath })
  await admin.dispose()

  // The chief makes the new worker responsible for the member (the due list of a worker is their own).
  const chief = await session(base, CHIEF)
  const worker = await session(base, WORKER)
  const me = await json<{ id: string }>(await worker.get('/api/auth/me'))
  await worker.dispose()
  const before = await membership(chief, member.id)
  await json(
    await chief.patch(`/api/groups/${member.id}`, {
      data: { version: before.version, responsibleUserId: me.id },
    }),
  )
  const board = await json<{
    rows: { code: string; counts: Record<string, { members: number; overdue: number }> }[]
  }>(await chief.get('/api/groups/board'))
  const { policies } = await json<{
    policies: { groupCode: string; minAttention: number; everyDays: number }[]
  }>(await chief.get('/api/visit-policies'))

  // The board: the chief's community, a count for the group.
  await signIn(page, CHIEF)
  await page.goto('/ledgers/groups')
  const row = board.rows.find((r) => (r.counts[GROUP]?.members ?? 0) > 0)
  if (!row) throw new Error(`the board shows no ${GROUP}`)
  const cell = page.getByTestId(`board-cell-${row.code}-${GROUP}`)
  await expect(cell).toContainText(String(row.counts[GROUP]?.members))

  // Its members: names masked; the one found opens in the drawer, still masked.
  await cell.click()
  if (process.env.GJ_SHOTS)
    await page.screenshot({ path: `${process.env.GJ_SHOTS}/board-1280.png`, fullPage: true })
  const list = page.getByTestId('group-members-table')
  // Masked names may repeat: the row is the one the new worker is responsible for.
  const memberRow = list
    .getByRole('row')
    .filter({ hasText: member.person.name })
    .filter({ hasText: WORKER.displayName })
  await expect(memberRow).toBeVisible()
  expect(member.person.name).toContain('*')
  await memberRow.getByRole('cell').nth(1).click()
  const drawer = page.getByTestId('membership-drawer')
  await expect(drawer.getByText('已脱敏')).toBeVisible()
  await expect(drawer.locator('.ant-drawer-title')).toContainText(member.person.name)
  await expect(drawer.locator('.ant-drawer-title')).toContainText('*')
  await expect(drawer).toContainText(WORKER.displayName)

  // A visit: met, a note. The next due date moves to today plus the care plan's days.
  const rule = policies
    .filter((p) => p.groupCode === GROUP && p.minAttention <= before.attention)
    .sort((a, b) => b.minAttention - a.minAttention)[0]
  const today = chinaToday()
  await drawer.getByTestId('visit-record').click()
  const dialog = page.getByRole('dialog').filter({ hasText: '走访结果' })
  await expect(dialog).toBeVisible()
  await dialog.getByText('见面', { exact: true }).click()
  await dialog.getByTestId('visit-notes').fill(NOTE)
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  const after = await membership(chief, member.id)
  await chief.dispose()
  expect(after.nextVisitDue).not.toBeNull()
  const due = after.nextVisitDue as string
  if (rule) expect(due).toBe(addDays(today, rule.everyDays))
  expect(due > today).toBe(true)
  if (before.nextVisitDue) expect(due >= before.nextVisitDue).toBe(true)
  await expect(page.getByText(`已记录走访，下次走访：${due}`)).toBeVisible()
  const visit = drawer.getByTestId('visit-item').filter({ hasText: CHIEF.displayName })
  await expect(visit).toHaveCount(1)
  await expect(visit).toContainText('见面')
  // The note is kept sealed: the list says there is one without showing it.
  await expect(visit).toContainText('备注已隐藏')
  await expect(visit).not.toContainText(NOTE)
  await expect(drawer.locator('.ant-descriptions')).toContainText(due)
  await drawer.locator('.ant-drawer-close').click()
  await expect(drawer).toBeHidden()
  await signOut(page)

  // The worker, on a phone: this week's visits, then the week the member falls due in.
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, WORKER)
  await page.goto('/ledgers/visits')
  const visits = page.getByTestId('due-visits')
  await expect(visits.getByText('我负责的')).toBeVisible()
  const card = visits.getByTestId('due-item').filter({ hasText: member.person.name })
  // Due within this week it shows as due; later, as not yet due (in the week it falls in, too).
  const state = due > weekEnd(today) ? '未到期' : '本周应访'
  let end = weekEnd(today)
  if (due > end) {
    await expect(visits.getByText('本周没有应走访的人员')).toBeVisible()
    await expect(visits.getByTestId('due-item')).toHaveCount(0)
    while (due > end) {
      await visits.getByRole('button', { name: '下一周' }).click()
      end = addDays(end, 7)
      await expect(visits.getByText(`至 ${end}`)).toBeVisible()
    }
  }
  await expect(card).toBeVisible()
  if (process.env.GJ_SHOTS) await page.screenshot({ path: `${process.env.GJ_SHOTS}/visits-390.png` })
  await expect(card).toContainText(`应于 ${due} 前走访`)
  await expect(card).toContainText(state)
  await expect(card).toContainText(member.grid.name)
  // The card opens the membership, where the worker sees the chief's visit.
  await card.click()
  const phoneDrawer = page.getByTestId('membership-drawer')
  await expect(phoneDrawer.getByTestId('visit-item').filter({ hasText: CHIEF.displayName })).toBeVisible()
  // Full width on the phone, nothing beyond its edge.
  const box = await phoneDrawer.boundingBox()
  expect(Math.round(box?.width ?? 0)).toBeLessThanOrEqual(390)
})
