import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { uuidv7 } from '../../lib/ids'
import { DEFAULT_CHECKLIST } from './patrols.rules'

/** Wednesday 9 December 2026, 18:00 China time: a working day of 7 hours (25,200 s). */
let now = new Date('2026-12-09T18:00:00+08:00')
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let admin: { id: string; cookie: string }
const X = 74
const T0 = Date.parse('2026-12-09T09:00:00+08:00')
const at = (s: number) => new Date(T0 + s * 1000).toISOString()

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  a = await t.place('620101', X)
  b = await t.place('620102', X + 2)
  admin = await t.as([{ key: 'admin' }])
}, 120_000)
afterAll(() => t?.close())

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) =>
  t.call({ method, url, cookie, ...(payload === undefined ? {} : { payload }) })

/** A patrol inside a's grid: a point every 10 s for `seconds`, all inside. */
async function patrol(
  cookie: string,
  from: number,
  seconds: number,
  opts: { end?: boolean; x?: number } = {},
) {
  const id = uuidv7()
  expect((await call('POST', '/api/patrols', cookie, { id, startedAt: at(from) })).statusCode).toBe(201)
  const x = opts.x ?? X
  const points = Array.from({ length: seconds / 10 + 1 }, (_, i) => ({
    seq: i,
    t: at(from + 10 * i),
    lon: x + 0.02 + 0.00001 * i,
    lat: 30.02,
    acc: 6,
  }))
  for (let i = 0; i < points.length; i += 500) {
    const res = await call('POST', `/api/patrols/${id}/points`, cookie, { points: points.slice(i, i + 500) })
    expect(res.statusCode, res.body).toBe(200)
  }
  if (opts.end !== false) {
    const ended = await call('POST', `/api/patrols/${id}/end`, cookie, { endedAt: at(from + seconds) })
    expect(ended.statusCode, ended.body).toBe(200)
  }
  return id
}

describe('compliance', () => {
  it('counts the day’s patrols and time in grid against the rules, and the week Monday to Sunday', async () => {
    await patrol(a.people.worker.cookie, 0, 3600)
    const first = await call('GET', '/api/patrols/compliance?day=2026-12-09', a.people.worker.cookie)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().day).toMatchObject({
      day: '2026-12-09',
      patrols: 1,
      patrolS: 3600,
      inGridS: 3600,
      workS: 25_200,
      patrolsMet: true,
      inGridMet: false,
      met: false,
      rules: { minPatrolsPerDay: 1, minInGridShare: 0.3333 },
    })
    // A second patrol of the same day brings the time in grid to a third of the working time.
    await patrol(a.people.worker.cookie, 4000, 4800)
    const c = (await call('GET', '/api/patrols/compliance', a.people.worker.cookie)).json()
    expect(c.day).toMatchObject({
      patrols: 2,
      inGridS: 8400,
      inGridMet: true,
      met: true,
      inGridShare: 0.3333,
    })
    expect(c.week.days.map((d: { day: string }) => d.day)).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ])
    // Monday had no patrol; the weekend has no working time, so both rules are met trivially.
    expect(c.week.days[0]).toMatchObject({ patrols: 0, workS: 25_200, met: false })
    expect(c.week.days[5]).toMatchObject({
      workS: 0,
      patrolsMet: true,
      inGridMet: true,
      met: true,
      inGridShare: null,
    })
    expect(c.week.met).toBe(false)
  })

  it('is read by a chief over the worker’s grid, not by another community’s chief', async () => {
    const url = `/api/patrols/compliance?user=${a.people.worker.id}&day=2026-12-09`
    const chief = await call('GET', url, a.people.chief.cookie)
    expect(chief.statusCode).toBe(200)
    expect(chief.json().day.patrols).toBe(2)
    const other = await call('GET', url, b.people.chief.cookie)
    expect(other.statusCode).toBe(403)
    expect(other.json().code).toBe('patrol.out_of_scope')
    expect((await call('GET', url, b.people.worker.cookie)).statusCode).toBe(403)
  })

  it('keeps the 553 items the worker ticks, known items only, for recent days only', async () => {
    const ticked = await call('PUT', '/api/patrols/checklist/2026-12-09', a.people.worker.cookie, {
      items: ['know.grid', 'visit.elderly', 'know.grid'],
    })
    expect(ticked.statusCode, ticked.body).toBe(200)
    expect(ticked.json()).toMatchObject({ checklist: ['know.grid', 'visit.elderly'], patrols: 2 })
    const unknown = await call('PUT', '/api/patrols/checklist/2026-12-09', a.people.worker.cookie, {
      items: ['know.nothing'],
    })
    expect(unknown.json()).toMatchObject({ code: 'patrol.checklist_unknown_item', item: 'know.nothing' })
    const future = await call('PUT', '/api/patrols/checklist/2026-12-10', a.people.worker.cookie, {
      items: [],
    })
    expect(future.json().code).toBe('patrol.checklist_day_out_of_range')
    // A day without patrols keeps its ticks, and a later patrol of that day keeps them too.
    const monday = await call('PUT', '/api/patrols/checklist/2026-12-07', a.people.worker.cookie, {
      items: ['arrive.disputes'],
    })
    expect(monday.json()).toMatchObject({ day: '2026-12-07', patrols: 0, checklist: ['arrive.disputes'] })
    const week = (await call('GET', '/api/patrols/compliance', a.people.worker.cookie)).json().week
    expect(week.days[2].checklist).toEqual(['know.grid', 'visit.elderly'])
  })
})

describe('rules and check-in points', () => {
  it('answers every level’s rules, defaults with the 553 checklist in Chinese and English', async () => {
    const res = await call('GET', '/api/patrols/rules', a.people.worker.cookie)
    expect(res.statusCode).toBe(200)
    const grid = res.json().items.find((r: { level: string }) => r.level === 'grid')
    expect(grid).toMatchObject({ minPatrolsPerDay: 1, coverageRadiusM: 30, version: 0 })
    expect(grid.checklist).toHaveLength(13)
    expect(grid.checklist.filter((i: { group: string }) => i.group === 'must_arrive')).toHaveLength(3)
    expect(grid.checklist[0]).toEqual(DEFAULT_CHECKLIST[0])
  })

  it('lets only a whole-deployment configurer set a level’s rules, on the version read', async () => {
    const body = {
      minPatrolsPerDay: 2,
      minInGridShare: 0.5,
      coverageRadiusM: 40,
      checklist: DEFAULT_CHECKLIST.slice(0, 3),
      version: 0,
    }
    const chief = await call('PUT', '/api/patrols/rules/micro', a.people.chief.cookie, body)
    expect(chief.statusCode).toBe(403)
    expect(chief.json().code).toBe('patrol.configure_forbidden')
    const worker = await call('PUT', '/api/patrols/rules/micro', a.people.worker.cookie, body)
    expect(worker.statusCode).toBe(403)
    const set = await call('PUT', '/api/patrols/rules/micro', admin.cookie, body)
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toMatchObject({ level: 'micro', minPatrolsPerDay: 2, minInGridShare: 0.5, version: 1 })
    const stale = await call('PUT', '/api/patrols/rules/micro', admin.cookie, body)
    expect(stale.json().code).toBe('patrol.version_conflict')
    expect((await call('PUT', '/api/patrols/rules/nowhere', admin.cookie, body)).json().code).toBe(
      'patrol.unknown_level',
    )
  })

  it('has check-in points per grid, set by the grid’s chiefs, seen by its workers', async () => {
    const grid = `${a.d}001001001`
    const made = await call('POST', '/api/patrols/checkpoints', a.people.chief.cookie, {
      grid,
      name: '菜市场',
      location: { lng: X + 0.03, lat: 30.03 },
    })
    expect(made.statusCode, made.body).toBe(201)
    expect(made.json()).toMatchObject({ name: '菜市场', radiusM: 50, gridPath: a.paths.grid })
    const id = made.json().id
    const other = await call('POST', '/api/patrols/checkpoints', b.people.chief.cookie, {
      grid,
      name: '越界',
      location: { lng: X, lat: 30 },
    })
    // Another community's chief does not even see the grid.
    expect(other.statusCode).toBe(404)
    const moved = await call('PUT', `/api/patrols/checkpoints/${id}`, a.people.chief.cookie, {
      name: '农贸市场',
      location: { lng: X + 0.031, lat: 30.03 },
      radiusM: 80,
    })
    expect(moved.json()).toMatchObject({
      name: '农贸市场',
      radiusM: 80,
      location: { lng: X + 0.031, lat: 30.03 },
    })
    const seen = await call('GET', `/api/patrols/checkpoints?grid=${grid}`, a.people.worker.cookie)
    expect(seen.json().items.map((c: { id: string }) => c.id)).toContain(id)
    expect((await call('DELETE', `/api/patrols/checkpoints/${id}`, a.people.worker.cookie)).statusCode).toBe(
      403,
    )
    expect((await call('DELETE', `/api/patrols/checkpoints/${id}`, a.people.chief.cookie)).statusCode).toBe(
      204,
    )
    const after = await call('GET', `/api/patrols/checkpoints?grid=${grid}`, a.people.worker.cookie)
    expect(after.json().items.map((c: { id: string }) => c.id)).not.toContain(id)
  })
})

describe('readers, positions, events and idle patrols', () => {
  let running: string

  beforeAll(async () => {
    running = await patrol(a.people.worker.cookie, 30_000, 600, { end: false })
  })

  it('lists a worker’s patrols to them and to chiefs over their grid only', async () => {
    const own = await call('GET', '/api/patrols?from=2026-12-09&to=2026-12-09', a.people.worker.cookie)
    expect(own.statusCode).toBe(200)
    expect(own.json().items.length).toBeGreaterThanOrEqual(3)
    expect(own.json().items[0].id).toBe(running)
    const url = `/api/patrols?user=${a.people.worker.id}&from=2026-12-09&to=2026-12-09`
    expect((await call('GET', url, a.people.chief.cookie)).json().items).toHaveLength(own.json().items.length)
    expect((await call('GET', url, b.people.chief.cookie)).json().items).toEqual([])
    expect((await call('GET', url, b.people.worker.cookie)).statusCode).toBe(403)
    const detail = await call('GET', `/api/patrols/${running}`, b.people.chief.cookie)
    expect(detail.statusCode).toBe(404)
  })

  it('shows the track so far of a running patrol', async () => {
    const d = (await call('GET', `/api/patrols/${running}`, a.people.worker.cookie)).json()
    expect(d.state).toBe('running')
    expect(d.track.coordinates).toHaveLength(1)
    expect(d.track.coordinates[0]).toHaveLength(61)
  })

  it('answers the latest positions of workers on patrol within the reader’s scope and box', async () => {
    const bbox = `${X},30,${X + 0.1},30.1`
    const chief = await call('GET', `/api/patrols/positions?bbox=${bbox}`, a.people.chief.cookie)
    expect(chief.statusCode, chief.body).toBe(200)
    expect(chief.json().items).toEqual([
      expect.objectContaining({ userId: a.people.worker.id, patrolId: running, gridPath: a.paths.grid }),
    ])
    expect(
      (await call('GET', `/api/patrols/positions?bbox=${bbox}`, b.people.chief.cookie)).json().items,
    ).toEqual([])
    expect(
      (await call('GET', `/api/patrols/positions?bbox=0,0,1,1`, a.people.chief.cookie)).json().items,
    ).toEqual([])
    expect(
      (await call('GET', `/api/patrols/positions?bbox=${bbox}`, a.people.worker.cookie)).statusCode,
    ).toBe(403)
    expect((await call('GET', '/api/patrols/positions?bbox=5,5,1,1', a.people.chief.cookie)).statusCode).toBe(
      400,
    )
  })

  it('links an event reported during a patrol to it, only the reporter’s own patrol', async () => {
    const report = (cookie: string, patrolId: string) =>
      call('POST', '/api/cases', cookie, {
        source: 'worker',
        categoryCode: '06010',
        description: '巡查发现垃圾堆放',
        location: { lng: X + 0.02, lat: 30.02 },
        patrolId,
      })
    const filed = await report(a.people.worker.cookie, running)
    expect(filed.statusCode, filed.body).toBe(201)
    const refused = await report(a.people.chief.cookie, running)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('case.patrol_invalid')
    expect((await report(a.people.worker.cookie, uuidv7())).json().code).toBe('case.patrol_invalid')
    const d = (await call('GET', `/api/patrols/${running}`, a.people.chief.cookie)).json()
    expect(d.cases).toEqual([{ id: filed.json().id, no: filed.json().no, state: 'reported' }])
  })

  it('ends a patrol idle for 30 minutes at its last point, and a new start ends the running one', async () => {
    const idle = await patrol(b.people.worker.cookie, 31_000, 300, { end: false, x: X + 2 })
    const fresh = await patrol(b.people.worker.cookie, 31_400, 600, { end: false, x: X + 2 })
    const old = (await call('GET', `/api/patrols/${idle}`, b.people.worker.cookie)).json()
    expect(old).toMatchObject({ state: 'ended', endedAt: at(31_400) })
    now = new Date(T0 + (32_000 + 29 * 60) * 1000)
    await t.app.patrolSweep.run()
    const state = async () =>
      (await call('GET', `/api/patrols/${fresh}`, b.people.worker.cookie)).json().state
    expect(await state()).toBe('running')
    now = new Date(T0 + (32_000 + 31 * 60) * 1000)
    expect((await t.app.patrolSweep.run()).ended).toBe(1)
    const swept = (await call('GET', `/api/patrols/${fresh}`, b.people.worker.cookie)).json()
    expect(swept).toMatchObject({ state: 'ended', endedAt: at(32_000), durationS: 600, inGridS: 600 })
  })
})
