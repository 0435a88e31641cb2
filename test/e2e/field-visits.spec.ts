import type { APIRequestContext, Page } from '@playwright/test'
import sharp from 'sharp'
import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain, json, signedInApi, userIdOf } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `fv${RUN}`, displayName: `入户网格员${RUN}`, password: 'Visits#2026w' }
const NUMBER = `V${RUN}`
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'
const NOTES = `燃气灶旁堆放纸箱 ${RUN}`

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)

/** A valid resident ID number (GB 11643), new each run. */
function idNumber(): string {
  const t = Date.now()
  const pad = (v: number, w: number) => String(v).padStart(w, '0')
  const first17 = `510104${1960 + (t % 40)}${pad(1 + (Math.floor(t / 50) % 12), 2)}${pad(1 + (Math.floor(t / 600) % 28), 2)}${pad(Math.floor(t / 7) % 1000, 3)}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'.charAt(sum % 11)
}

async function cameraPhoto(colour: number) {
  const buffer = await sharp({
    create: { width: 2000, height: 1500, channels: 3, background: { r: colour, g: 120, b: 80 } },
  })
    .jpeg({ quality: 90 })
    .toBuffer()
  return { name: `IMG_${colour}.jpg`, mimeType: 'image/jpeg', buffer }
}

/**
 * A grid of the demo that no other journey works in (not the first grid, not the field-app's), and a
 * point inside it.
 */
async function quietGrid(admin: APIRequestContext, avoid: string[]) {
  const { items } = await json<{ items: { code: string }[] }>(
    await admin.get('/api/grids', { params: { level: 'grid', limit: 50 } }),
  )
  for (const { code } of items.slice(1).reverse()) {
    if (avoid.includes(code)) continue
    const { boundary } = await json<{ boundary: { coordinates: number[][][][] } | null }>(
      await admin.get(`/api/grids/${code}`),
    )
    const ring = boundary?.coordinates[0]?.[0] ?? []
    if (ring.length < 4) continue
    const point = {
      lng: ring.reduce((s, p) => s + (p[0] ?? 0), 0) / ring.length,
      lat: ring.reduce((s, p) => s + (p[1] ?? 0), 0) / ring.length,
    }
    const chain = await gridChain(admin, point)
    if (chain.some((g) => g.code === code)) return { grid: gridAt(chain, 'grid'), point }
  }
  throw new Error('no quiet grid in the demo')
}

/** What the phone holds in one of its tables. */
function phoneRows<T>(page: Page, table: string) {
  return page.evaluate<T[]>(`new Promise((resolve) => {
    const open = indexedDB.open('wangge-field')
    open.onsuccess = () => {
      const all = open.result.transaction('${table}').objectStore('${table}').getAll()
      all.onsuccess = () => resolve(all.result)
    }
  })`)
}

const unsent = (page: Page) => page.getByTestId('unsent-count')

test.use({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  permissions: ['geolocation'],
  serviceWorkers: 'allow',
})

test('offline at the door: a household visit with a photo, corrections (one chained, one in conflict) and a campaign door, each reaching the server once', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(240_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const here = gridAt(await gridChain(admin, { lng: 104.0452, lat: 30.6503 }), 'grid')
  const { items: firstGrids } = await json<{ items: { code: string }[] }>(
    await admin.get('/api/grids', { params: { level: 'grid', limit: 1 } }),
  )
  const { grid, point } = await quietGrid(admin, [here.code, firstGrids[0]?.code ?? ''])
  await context.setGeolocation({ longitude: point.lng, latitude: point.lat, accuracy: 10 })

  // A building of the grid, a room in it, and a household of one person: the worker's ledger.
  await createUser(admin, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  const building = await json<{ id: string }>(
    await admin.post('/api/buildings', {
      data: { code: `FV${RUN}`, name: `走访楼${RUN}`, address: `西大街${RUN}号`, point },
    }),
  )
  const room = await json<{ id: string }>(
    await admin.post(`/api/buildings/${building.id}/rooms`, { data: { number: '301' } }),
  )
  const person = await json<{ id: string }>(
    await admin.post('/api/people', {
      data: {
        kind: '户籍人口',
        name: `诸葛${RUN}`,
        idNumber: idNumber(),
        gridCode: grid.code,
        occupation: '教师',
      },
    }),
  )
  const household = await json<{ id: string }>(
    await admin.post('/api/households', {
      data: { number: NUMBER, roomId: room.id, headPersonId: person.id },
    }),
  )

  // An information-verification campaign over the grid; the household's door goes to the worker.
  const workerId = await userIdOf(admin, WORKER.username)
  const campaign = await json<{ id: string }>(
    await admin.post('/api/campaigns', {
      data: {
        title: `信息核实${RUN}`,
        kind: 'verification',
        gridCode: grid.code,
        target: 'household',
        form: [
          { key: 'gas_ok', label: '燃气表正常', type: 'yesno', required: true },
          { key: 'residents', label: '实住人数', type: 'number', required: true },
          { key: 'meter', label: '燃气表照片', type: 'photo' },
        ],
        startsOn: day(-1),
        endsOn: day(10),
      },
    }),
  )
  const tasks = await json<{ items: { id: string; targetId: string }[] }>(
    await admin.get(`/api/campaigns/${campaign.id}/tasks`, { params: { limit: 500 } }),
  )
  const task = tasks.items.find((t) => t.targetId === household.id)
  if (!task) throw new Error('the campaign made no task for the household')
  await json(
    await admin.post(`/api/campaigns/${campaign.id}/reassign`, {
      data: { taskIds: [task.id], toUserId: workerId },
    }),
  )

  // The person is also a left-behind elder in the worker's care, last seen a month ago: a visit is due.
  const membership = await json<{ id: string }>(
    await admin.post('/api/groups', {
      data: {
        personId: person.id,
        groupCode: 'left_behind_elderly',
        startsOn: day(-30),
        responsibleUserId: workerId,
      },
    }),
  )

  // The worker signs in on the phone; the grid's households and today's doors come down.
  await page.goto('/m/')
  await page.getByLabel('用户名', { exact: true }).fill(WORKER.username)
  await page.getByLabel('密码', { exact: true }).fill(WORKER.password)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByText(`${WORKER.displayName}，你好`)).toBeVisible()
  await expect(page.getByTestId('today-doors')).toContainText('今天 1 户待入户')
  await page.evaluate('navigator.serviceWorker.ready')
  await expect.poll(() => page.evaluate<boolean>('!!navigator.serviceWorker.controller')).toBe(true)
  await page.getByTestId('field-nav-households').click()
  await page.getByPlaceholder('地址、户主或门牌').fill(NUMBER)
  await expect(page.getByTestId('household-row')).toHaveCount(1, { timeout: 30_000 })

  // The network goes. Meanwhile the community corrects the household number on the desk (a version on).
  await context.setOffline(true)
  await expect(page.getByTestId('network-state')).toHaveText('离线')
  const { version } = await json<{ version: number }>(await admin.get(`/api/households/${household.id}`))
  await json(
    await admin.patch(`/api/households/${household.id}`, {
      data: { number: `${NUMBER}-改`, roomId: room.id, version },
    }),
  )

  // At the door the worker finds the household by its building on the map (offline, the phone's copy):
  // the nearest building is this one; a tap on its dot (at the map's centre) lists its households.
  await page.getByTestId('households-map-toggle').click()
  await expect(page.getByTestId('grid-map').locator('canvas')).toBeVisible()
  await expect(page.getByTestId('building-row').first()).toContainText(`走访楼${RUN} · 1 户`)
  await expect(page.getByTestId('building-row').first()).toContainText('0 米')
  await page.waitForTimeout(1_000) // the map settles on the buildings
  await page.screenshot({ path: `${SHOTS}/app-households-nearest-390.png`, fullPage: true })
  const box = await page.getByTestId('grid-map').boundingBox()
  if (!box) throw new Error('the map has no box')
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  const inBuilding = page.getByTestId('building-households')
  await expect(inBuilding).toContainText(`走访楼${RUN} · 1 户`)
  await expect(inBuilding.getByTestId('household-row')).toHaveCount(1)
  await page.screenshot({ path: `${SHOTS}/app-households-map-390.png`, fullPage: true })
  await inBuilding.getByTestId('household-row').click()
  await expect(page.getByTestId('household-screen')).toBeVisible()
  await expect(page.getByTestId('member-row')).toHaveCount(1)
  // The member as the phone holds them: masked.
  await expect(page.getByTestId('member-row')).toContainText('诸*')
  await expect(page.getByTestId('member-row')).not.toContainText(RUN)

  // A visit with a note and a photo of the stove.
  await page.getByTestId('household-visit').click()
  await page.getByLabel('走访记录').fill(NOTES)
  await page.getByTestId('visit-photo-input').setInputFiles(await cameraPhoto(200))
  await expect(page.getByTestId('visit-photo')).toHaveCount(1)
  await expect(page.getByTestId('visit-location')).toContainText('经度')
  await page.screenshot({ path: `${SHOTS}/app-visit-390.png`, fullPage: true })
  await page.getByTestId('visit-submit').click()
  await expect(page.getByTestId('visit-row')).toHaveCount(1)
  await expect(page.getByTestId('visit-row').getByTestId('sync-state')).toHaveText('待发送')

  // Two corrections of the member, one after the other (the second must not conflict with the first)…
  for (const occupation of ['退休教师', '社区志愿者']) {
    await page.getByTestId('member-row').getByRole('button', { name: '更正' }).click()
    await page.getByLabel('职业').fill(occupation)
    await page.getByTestId('correction-submit').click()
    await expect(page.getByTestId('correction-form')).toHaveCount(0)
  }
  // …and one of the household number, made on the version the phone holds: stale on the server.
  await page.getByTestId('household-correct').click()
  await page.getByLabel('户号').fill(`${NUMBER}-新`)
  await page.getByTestId('correction-submit').click()
  await expect(page.getByTestId('correction-row')).toHaveCount(3)
  await page.screenshot({ path: `${SHOTS}/app-household-offline-390.png`, fullPage: true })

  // The campaign door: done, the questions answered, a photo of the meter.
  await page.getByTestId('field-nav-doors').click()
  await page.getByTestId('door-row').click()
  await expect(page.getByTestId('door-screen')).toContainText(`信息核实${RUN}`)
  // A required answer left out is asked for on the phone.
  await page.getByTestId('door-submit').click()
  await expect(page.getByText('请填写实住人数')).toBeVisible()
  await page.getByTestId('door-screen').getByText('是', { exact: true }).click()
  await page.getByLabel('实住人数').fill('3')
  await page.getByTestId('door-photo-meter-input').setInputFiles(await cameraPhoto(60))
  await expect(page.getByTestId('door-photo-meter')).toHaveCount(1)
  await page.screenshot({ path: `${SHOTS}/app-door-390.png`, fullPage: true })
  await page.getByTestId('door-submit').click()
  await expect(page.getByTestId('doors-screen')).toBeVisible()
  await expect(page.getByTestId('door-row').getByTestId('sync-state')).toHaveText('待发送')
  await expect(page.getByTestId('door-row')).toContainText('已完成')

  // The elder's visit, from the week's due list on 今日.
  await page.getByTestId('field-nav-today').click()
  await page.getByTestId('due-visit-row').filter({ hasText: '诸*' }).click()
  await expect(page.getByTestId('group-visit-screen')).toBeVisible()
  await page.getByText('电话联系', { exact: true }).click()
  await page.getByLabel('走访记录').fill(`身体尚好 ${RUN}`)
  await page.screenshot({ path: `${SHOTS}/app-group-visit-390.png`, fullPage: true })
  await page.getByTestId('visit-submit').click()
  await expect(page.getByTestId('today')).toBeVisible()

  // Reloaded with no network: everything is still on the phone, waiting.
  const queued = 8 // visit + photo, 3 corrections, outcome + photo, the elder's visit
  await expect(unsent(page)).toHaveText(String(queued))
  await page.reload()
  await expect(unsent(page)).toHaveText(String(queued))
  await page.getByTestId('field-nav-doors').click()
  await expect(page.getByTestId('door-row')).toContainText('已完成')

  // Back online: all goes out once; the screens say what the server made of each.
  await context.setOffline(false)
  await expect(unsent(page)).toHaveText('0', { timeout: 30_000 })
  await page.getByTestId('field-nav-today').click()
  await expect(page.getByTestId('today-conflicts')).toBeVisible()
  await expect(page.getByTestId('today-doors')).toContainText('今天没有要入户的任务')
  await page.screenshot({ path: `${SHOTS}/app-today-conflict-390.png`, fullPage: true })
  await page.getByTestId('field-nav-households').click()
  await page.getByPlaceholder('地址、户主或门牌').fill(NUMBER)
  await page.getByTestId('household-row').first().click()
  await expect(page.getByTestId('visit-row').getByTestId('sync-state')).toHaveText('已同步')
  await expect(page.getByTestId('visit-row')).toContainText('在楼栋附近')
  const corrections = page.getByTestId('correction-row')
  await expect(corrections.filter({ hasText: '户号' }).getByTestId('correction-state')).toHaveText('有冲突')
  await expect(corrections.filter({ hasText: '职业' }).getByTestId('correction-state')).toHaveText([
    '已更正',
    '已更正',
  ])
  await expect(page.getByTestId('correction-conflict')).toContainText('户号')
  await page.screenshot({ path: `${SHOTS}/app-household-synced-390.png`, fullPage: true })

  // The server: one visit with its photo, at the building.
  const worker = await signedInApi(base, WORKER)
  const visits = await json<{ items: { photos: string[]; atBuilding: boolean | null; hasNotes: boolean }[] }>(
    await worker.get(`/api/households/${household.id}/visits`),
  )
  expect(visits.items).toHaveLength(1)
  expect(visits.items[0]).toMatchObject({ atBuilding: true, hasNotes: true })
  const [visitPhoto] = visits.items[0]?.photos ?? []
  expect((await worker.get(`/api/photos/${visitPhoto}`)).status()).toBe(200)
  const elder = await json<{ outcome: string; hasNotes: boolean }[]>(
    await worker.get(`/api/groups/${membership.id}/visits`),
  )
  expect(elder).toEqual([expect.objectContaining({ outcome: 'by_phone', hasNotes: true })])
  // Both corrections of the member applied in turn: the last one stands, two versions on.
  const now = await json<{ occupation: string | null; version: number }>(
    await admin.get(`/api/people/${person.id}`),
  )
  expect(now).toMatchObject({ occupation: '社区志愿者' })
  // The household keeps the desk's number; the worker's stale one waits in the review queue as a conflict.
  const proposals = await json<{ items: { kind: string; state: string }[] }>(
    await worker.get('/api/ledgers/proposals', { params: { mine: 'true' } }),
  )
  expect(proposals.items.filter((p) => p.kind === 'household').map((p) => p.state)).toEqual(['conflict'])
  expect(proposals.items.filter((p) => p.kind === 'person').map((p) => p.state)).toEqual([
    'applied',
    'applied',
  ])
  // The door: done once, its answers with the meter photo's hash; the campaign's progress moved.
  const done = await json<{ items: { id: string; state: string; attempts: number }[] }>(
    await admin.get(`/api/campaigns/${campaign.id}/tasks`, { params: { assignee: workerId } }),
  )
  expect(done.items).toEqual([expect.objectContaining({ id: task.id, state: 'done', attempts: 1 })])
  const progress = await json<{ rows: { key: string | null; counts: { done: number } }[] }>(
    await admin.get(`/api/campaigns/${campaign.id}/progress`, { params: { by: 'worker' } }),
  )
  expect(progress.rows.find((r) => r.key === workerId)?.counts.done).toBe(1)
  const outcomes = await phoneRows<{ answers: Record<string, unknown> }>(page, 'outcomes')
  const meter = String(outcomes[0]?.answers.meter ?? '')
  expect(meter).toMatch(/^[0-9a-f]{64}$/)
  expect((await worker.get(`/api/photos/${meter}`)).status()).toBe(200)
  await worker.dispose()
  await admin.dispose()
})
