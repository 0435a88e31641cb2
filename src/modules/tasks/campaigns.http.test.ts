import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { personIn } from '../../../test/support/ledger-people'
import { queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

let t: TestApp
let p: StaffedPlace
let other: StaffedPlace
const NOW = new Date('2026-12-07T10:00:00+08:00')

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) =>
  t.call({ method, url, cookie, ...(payload === undefined ? {} : { payload: payload as object }) })

/** Households written straight to the table in a grid (the households module has its own tests). */
async function householdsIn(path: string, numbers: string[]) {
  for (const number of numbers)
    await t.database.db.execute(sql`insert into households (id, grid_id, grid_path, number)
      select ${uuidv7()}, id, path, ${number} from grids where path = ${path}::ltree and valid_to is null`)
}

const gasForm = [
  { key: 'meter_ok', label: '燃气表正常', type: 'yesno', required: true },
  { key: 'hose', label: '软管', type: 'choice', required: true, options: ['金属', '橡胶', '无'] },
  { key: 'people', label: '在家人数', type: 'number' },
]

async function campaign(cookie: string, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/campaigns', cookie, {
    title: '燃气安全入户排查',
    kind: 'gas_safety',
    gridCode: `${p.d}001001`,
    target: 'household',
    form: gasForm,
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    ...body,
  })
  return res
}

beforeAll(async () => {
  t = await testApp({}, { clock: () => NOW })
  p = await t.place('710171', 110)
  other = await t.place('710172', 111)
  // The worker holds the grid's full-time post: doors in the grid and its micro-grid go to them.
  const post = await call('POST', `/api/grids/${p.d}001001001/posts`, p.people.chief.cookie, {
    post: 'full_time_worker',
    userId: p.people.worker.id,
  })
  expect(post.statusCode, post.body).toBe(201)
  await householdsIn(p.paths.grid, ['1-101', '1-102', '1-201'])
  await householdsIn(p.micro, ['2-101'])
  // A household of the community outside any worker's grid: a door nobody is assigned to.
  await householdsIn(p.paths.community, ['C-1'])
  await householdsIn(other.paths.grid, ['X-1'])
})
afterAll(() => t.close())

describe('starting a campaign', () => {
  it('makes one door per household of the subtree and assigns it to the grid’s worker', async () => {
    const res = await campaign(p.people.chief.cookie)
    expect(res.statusCode, res.body).toBe(201)
    const c = res.json()
    expect(c).toMatchObject({
      taskCount: 5,
      counts: { open: 5, done: 0 },
      progress: 0,
      abilities: ['manage'],
    })
    const progress = (
      await call('GET', `/api/campaigns/${c.id}/progress?by=worker`, p.people.chief.cookie)
    ).json()
    const byWorker = Object.fromEntries(
      progress.rows.map((r: { key: string | null; total: number }) => [r.key, r.total]),
    )
    expect(byWorker).toEqual({ [p.people.worker.id]: 4, null: 1 })
  })

  it('is refused outside the starter’s grids, to a worker, and with a bad form', async () => {
    // The other community's chief does not learn that the grid exists.
    expect((await campaign(other.people.chief.cookie)).statusCode).toBe(404)
    expect((await campaign(p.people.worker.cookie)).statusCode).toBe(403)
    const bad = await campaign(p.people.chief.cookie, {
      form: [{ key: 'x', label: '选择', type: 'choice', required: true }],
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('request.invalid')
    const backwards = await campaign(p.people.chief.cookie, { startsOn: '2026-12-31', endsOn: '2026-12-01' })
    expect(backwards.statusCode).toBe(400)
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from campaigns`)
    expect(row?.n).toBe(1)
  })

  it('masks a person’s name on a person campaign', async () => {
    await personIn(t.database.db, p.micro, '欧阳娜娜')
    const c = (
      await campaign(p.people.chief.cookie, { target: 'person', title: '信息核查', kind: 'verification' })
    ).json()
    const tasks = (await call('GET', `/api/campaigns/${c.id}/tasks`, p.people.chief.cookie)).json()
    expect(tasks.items.map((x: { label: string }) => x.label)).toEqual(['欧阳**'])
  })
})

describe('at the door', () => {
  let campaignId: string
  let mine: { id: string; label: string }[]

  beforeAll(async () => {
    campaignId = (await campaign(p.people.chief.cookie, { title: '第二轮排查' })).json().id
    const res = await call('GET', '/api/campaigns/tasks/mine', p.people.worker.cookie)
    mine = res.json().items.filter((x: { campaignId: string }) => x.campaignId === campaignId)
  })

  const outcome = (body: Record<string, unknown>) => ({
    id: uuidv7(),
    recordedAt: '2026-12-07T09:30:00+08:00',
    point: { lng: p.point.lng, lat: p.point.lat },
    ...body,
  })

  it('lists the worker’s doors for today', () => {
    expect(mine.map((x) => x.label).sort()).toEqual(['1-101', '1-102', '1-201', '2-101'])
  })

  it('records a door once, however often the phone sends it, and refuses the id with other content', async () => {
    const task = mine[0]
    if (!task) throw new Error('no task')
    const body = outcome({ outcome: 'done', answers: { meter_ok: true, hose: '金属', people: 3 } })
    const url = `/api/campaigns/tasks/${task.id}/outcomes`
    const first = await call('POST', url, p.people.worker.cookie, body)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json().task).toMatchObject({ state: 'done', attempts: 1 })
    const again = await call('POST', url, p.people.worker.cookie, body)
    expect(again.statusCode).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().task.attempts).toBe(1)
    const changed = await call('POST', url, p.people.worker.cookie, { ...body, note: '改了' })
    expect(changed.statusCode).toBe(422)
    expect(changed.json().code).toBe('idempotency.key_reused')
  })

  it('checks the answers against the form, and asks required ones only of a done door', async () => {
    const task = mine[1]
    if (!task) throw new Error('no task')
    const url = `/api/campaigns/tasks/${task.id}/outcomes`
    const bad = await call(
      'POST',
      url,
      p.people.worker.cookie,
      outcome({ outcome: 'done', answers: { hose: '塑料', extra: 1 } }),
    )
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.answers.extra', 'body.answers.hose', 'body.answers.meter_ok'])
    const nobody = await call(
      'POST',
      url,
      p.people.worker.cookie,
      outcome({ outcome: 'revisit', answers: {} }),
    )
    expect(nobody.statusCode, nobody.body).toBe(201)
    expect(nobody.json().task).toMatchObject({ state: 'revisit', revisitOn: '2026-12-08' })
  })

  it('keeps a later outcome when an earlier one arrives after it', async () => {
    const task = mine[2]
    if (!task) throw new Error('no task')
    const url = `/api/campaigns/tasks/${task.id}/outcomes`
    const later = outcome({ outcome: 'refused', recordedAt: '2026-12-07T09:50:00+08:00' })
    const earlier = outcome({ outcome: 'revisit', recordedAt: '2026-12-06T18:00:00+08:00' })
    expect((await call('POST', url, p.people.worker.cookie, later)).statusCode).toBe(201)
    const res = await call('POST', url, p.people.worker.cookie, earlier)
    expect(res.json().task).toMatchObject({ state: 'refused', attempts: 2 })
  })

  it('lets only the door’s worker or a manager record it', async () => {
    const task = mine[3]
    if (!task) throw new Error('no task')
    const stranger = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: p.paths.grid } }])
    const url = `/api/campaigns/tasks/${task.id}/outcomes`
    const res = await call('POST', url, stranger.cookie, outcome({ outcome: 'moved' }))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('campaign.not_assignee')
    const away = await call('POST', url, other.people.worker.cookie, outcome({ outcome: 'moved' }))
    expect(away.statusCode).toBe(403)
    const future = await call(
      'POST',
      url,
      p.people.worker.cookie,
      outcome({ outcome: 'moved', recordedAt: '2026-12-07T11:00:00+08:00' }),
    )
    expect(future.json().code).toBe('campaign.recorded_in_future')
  })

  it('shows progress per grid and exports the doors with their answers', async () => {
    const c = (await call('GET', `/api/campaigns/${campaignId}`, p.people.chief.cookie)).json()
    expect(c.counts).toMatchObject({ done: 1, revisit: 1, refused: 1, open: 2 })
    expect(c.progress).toBe(0.4)
    const byGrid = (
      await call('GET', `/api/campaigns/${campaignId}/progress?by=grid`, p.people.chief.cookie)
    ).json()
    expect(byGrid.rows.map((r: { key: string; total: number }) => [r.key, r.total])).toEqual([
      [`${p.d}001001`, 1],
      [`${p.d}001001001`, 3],
      [`${p.d}001001001001`, 1],
    ])
    const res = await call('GET', `/api/campaigns/${campaignId}/export.xlsx`, p.people.chief.cookie)
    expect(res.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const rows: unknown[][] = []
    book.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows[0]).toEqual(expect.arrayContaining(['网格', '对象', '燃气表正常', '软管']))
    expect(rows.find((r) => r.includes('已完成'))).toEqual(expect.arrayContaining(['是', '金属', 3]))
    expect(
      (await call('GET', `/api/campaigns/${campaignId}/export.xlsx`, p.people.worker.cookie)).statusCode,
    ).toBe(403)
  })

  it('moves a worker’s unfinished doors to a colleague who can read their grids', async () => {
    const colleague = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: p.paths.grid } }])
    const url = `/api/campaigns/${campaignId}/reassign`
    const outside = await call('POST', url, p.people.chief.cookie, {
      fromUserId: p.people.worker.id,
      toUserId: other.people.worker.id,
    })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().code).toBe('campaign.assignee_out_of_scope')
    const moved = await call('POST', url, p.people.chief.cookie, {
      fromUserId: p.people.worker.id,
      toUserId: colleague.id,
    })
    // The open door and the revisit move; the done and refused ones stay with who did them.
    expect(moved.json()).toEqual({ moved: 2 })
    const due = (await call('GET', '/api/campaigns/tasks/mine', colleague.cookie)).json().items
    expect(due.map((x: { state: string }) => x.state)).toEqual(['open'])
    const all = (await call('GET', '/api/campaigns/tasks/mine?due=false', colleague.cookie)).json().items
    expect(all.map((x: { state: string }) => x.state).sort()).toEqual(['open', 'revisit'])
  })

  it('closes: doors recorded before the close still arrive, those after it are refused', async () => {
    const c = (await call('GET', `/api/campaigns/${campaignId}`, p.people.chief.cookie)).json()
    const closed = await call('POST', `/api/campaigns/${campaignId}/close`, p.people.chief.cookie, {
      version: c.version,
    })
    expect(closed.json().state).toBe('closed')
    const stale = await call('POST', `/api/campaigns/${campaignId}/close`, p.people.chief.cookie, {
      version: c.version,
    })
    expect(stale.statusCode).toBe(409)
    // A door recorded before the close (offline) still arrives; one recorded after it is refused.
    const task = mine[3]
    if (!task) throw new Error('no task')
    const url = `/api/campaigns/tasks/${task.id}/outcomes`
    const before = await call('POST', url, p.people.chief.cookie, outcome({ outcome: 'moved' }))
    expect(before.statusCode, before.body).toBe(201)
    const after = await call(
      'POST',
      url,
      p.people.chief.cookie,
      outcome({
        outcome: 'done',
        answers: { meter_ok: true, hose: '无' },
        recordedAt: '2026-12-07T10:05:00+08:00',
      }),
    )
    expect([after.statusCode, after.json().code]).toEqual([409, 'campaign.closed'])
  })
})
