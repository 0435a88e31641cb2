import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import type { CasePlace } from '../../../test/support/places'

let now = new Date('2026-12-07T09:00:00+08:00')
let t: TestApp
let a: CasePlace
let b: CasePlace

interface Warning {
  id: string
  rule: string
  level: string
  state: string
  title: { zh: string }
  scopePath: string
  inputs: { cases?: string[]; count?: number }
  abilities: string[]
  handledBy: string | null
  reason: string | null
  case: { id: string; no: string } | null
}

const list = async (cookie: string, state = 'open') => {
  const res = await t.call({ method: 'GET', url: `/api/warnings?state=${state}`, cookie })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().items as Warning[]
}
/** The warnings of the rules that read patterns in events and patrols (a deadline warning is per case). */
const patterns = async (cookie: string, state = 'open') =>
  (await list(cookie, state)).filter((w) => w.rule !== 'deadline')
const act = (cookie: string, id: string, action: string, payload: object = {}) =>
  t.call({ method: 'POST', url: `/api/warnings/${id}/${action}`, cookie, payload })

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  a = await t.place('520101', 70)
  b = await t.place('520201', 72)
  // Nine reports of rubbish within about 20 m of each other this morning, in a quiet place.
  for (let i = 0; i < 9; i++) {
    now = new Date(`2026-12-07T0${i}:30:00+08:00`)
    const res = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: a.people.worker.cookie,
      payload: {
        categoryCode: '06010',
        location: { lng: a.point.lng + (i % 3) * 0.00005, lat: a.point.lat + Math.floor(i / 3) * 0.00005 },
        description: `垃圾堆放 ${i}`,
        source: 'worker',
      },
    })
    expect(res.statusCode, res.body).toBe(201)
  }
  now = new Date('2026-12-07T10:00:00+08:00')
  await t.app.warningDetection.run()
})
afterAll(() => t?.close())

describe('warnings', () => {
  it('shows a hotspot and the rise behind it to those who see the place, and to nobody else', async () => {
    const seen = await patterns(a.people.streetChief.cookie)
    expect(seen.map((w) => w.rule).sort()).toEqual(['hotspot', 'rise'])
    const hotspot = seen.find((w) => w.rule === 'hotspot')
    expect(hotspot).toMatchObject({ level: 'yellow', scopePath: a.micro, inputs: { count: 9 } })
    expect(hotspot?.abilities).toEqual(['acknowledge', 'dismiss', 'convert'])
    // The grid worker sees the hotspot in their grid (not the community's rise) and may not settle it;
    // another street sees nothing of either.
    const byWorker = await patterns(a.people.worker.cookie)
    expect(byWorker.map((w) => [w.rule, w.abilities])).toEqual([['hotspot', []]])
    expect(await patterns(b.people.streetChief.cookie)).toEqual([])
    const other = await t.call({
      method: 'GET',
      url: `/api/warnings/${hotspot?.id}`,
      cookie: b.people.streetChief.cookie,
    })
    expect(other.statusCode).toBe(404)
    expect(other.json().code).toBe('warning.not_found')
  })

  it('lists and counts only the warnings within a grid the screen has drilled to, and names an unknown one', async () => {
    // The street chief's screen on their street (the hotspot and the community's rise), then drilled
    // down to the micro-grid (the hotspot only).
    const within = async (grid: string) => {
      const listed = await t.call({
        method: 'GET',
        url: `/api/warnings?grid=${grid}&rule=hotspot,rise`,
        cookie: a.people.streetChief.cookie,
      })
      const counted = await t.call({
        method: 'GET',
        url: `/api/warnings/summary?grid=${grid}`,
        cookie: a.people.streetChief.cookie,
      })
      expect([listed.statusCode, counted.statusCode]).toEqual([200, 200])
      return {
        rules: (listed.json().items as Warning[]).map((w) => w.rule).sort(),
        // The nine events' deadline warnings are counted too; here, the patterns only.
        counted: (counted.json().items as { rule: string; count: number }[])
          .filter((c) => c.rule === 'hotspot' || c.rule === 'rise')
          .reduce((n, c) => n + c.count, 0),
      }
    }
    expect(await within('520101001')).toEqual({ rules: ['hotspot', 'rise'], counted: 2 })
    expect(await within('520101001001001001')).toEqual({ rules: ['hotspot'], counted: 1 })
    const unknown = await t.call({
      method: 'GET',
      url: '/api/warnings?grid=999999',
      cookie: a.people.streetChief.cookie,
    })
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'warning.grid_not_found'])
    const bad = await t.call({
      method: 'GET',
      url: '/api/warnings/summary?grid=51.01',
      cookie: a.people.streetChief.cookie,
    })
    expect(bad.statusCode).toBe(400)
  })

  it('is dismissed only with a reason, and settled only once', async () => {
    const rise = (await patterns(a.people.streetChief.cookie)).find((w) => w.rule === 'rise')
    const bare = await act(a.people.streetChief.cookie, rise?.id ?? '', 'dismiss')
    expect(bare.statusCode).toBe(400)
    expect(bare.json().code).toBe('warning.reason_required')
    const byWorker = await act(a.people.worker.cookie, rise?.id ?? '', 'acknowledge')
    expect(byWorker.statusCode).toBe(403)
    const known = await act(a.people.streetChief.cookie, rise?.id ?? '', 'acknowledge', {
      reason: '已安排清运',
    })
    expect(known.statusCode, known.body).toBe(200)
    expect(known.json()).toMatchObject({ state: 'acknowledged', reason: '已安排清运', abilities: [] })
    expect(known.json().handledBy).toBeTruthy()
    const again = await act(a.people.streetChief.cookie, rise?.id ?? '', 'dismiss', { reason: '重复' })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('warning.settled')
  })

  it('becomes a case at its place with one action, from the events behind it, once however many click', async () => {
    const hotspot = (await patterns(a.people.streetChief.cookie)).find((w) => w.rule === 'hotspot')
    const both = await Promise.all([
      act(a.people.streetChief.cookie, hotspot?.id ?? '', 'convert'),
      act(a.people.chief.cookie, hotspot?.id ?? '', 'convert'),
    ])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const res = both.find((r) => r.statusCode === 200) ?? both[0]
    expect(res?.statusCode, res?.body).toBe(200)
    const converted = res?.json() as Warning
    expect(converted.state).toBe('converted')
    expect(converted.case?.no).toMatch(/^E/)
    const made = await t.call({
      method: 'GET',
      url: `/api/cases/${converted.case?.id}`,
      cookie: a.people.streetChief.cookie,
    })
    expect(made.json()).toMatchObject({ category: { code: '06010' }, urgency: 'normal' })
    expect(made.json().description).toContain('预警转事件')
    // Settled warnings leave the open list and are kept with what became of them.
    expect(await patterns(a.people.streetChief.cookie)).toEqual([])
    const kept = await patterns(a.people.streetChief.cookie, 'acknowledged,converted')
    expect(kept.map((w) => w.state).sort()).toEqual(['acknowledged', 'converted'])
    // A later run does not raise them again.
    now = new Date('2026-12-07T10:10:00+08:00')
    expect(await t.app.warningDetection.run()).toEqual([])
  })
})

describe('workers on patrol', () => {
  it('warns of a worker gone silent and out of their grid, once per patrol', async () => {
    const c = await t.place('520301', 74)
    now = new Date('2026-12-07T11:00:00+08:00')
    const id = '01900000-0000-7000-8000-0000000a7e01'
    const started = await t.call({
      method: 'POST',
      url: '/api/patrols',
      cookie: c.people.worker.cookie,
      payload: { id, startedAt: '2026-12-07T10:30:00+08:00' },
    })
    expect(started.statusCode, started.body).toBe(201)
    // One point, twenty minutes ago, a kilometre east of the grid.
    const point = { seq: 0, t: '2026-12-07T10:40:00+08:00', lon: c.point.lng + 0.1, lat: c.point.lat }
    const sent = await t.call({
      method: 'POST',
      url: `/api/patrols/${id}/points`,
      cookie: c.people.worker.cookie,
      payload: { points: [point] },
    })
    expect(sent.statusCode, sent.body).toBe(200)
    await t.app.warningDetection.run()
    const seen = await patterns(c.people.streetChief.cookie)
    expect(seen.map((w) => w.rule).sort()).toEqual(['outside_grid', 'worker_offline'])
    expect(seen.find((w) => w.rule === 'worker_offline')?.title.zh).toContain('已 20 分钟无定位')
    // A worker's name and position are for those who follow patrols: an intake clerk of the same
    // street reads its events but not these; another place's chief sees neither.
    const clerk = await t.as([{ key: 'intake_clerk', scope: { type: 'grid', path: c.paths.street } }])
    expect(await patterns(clerk.cookie)).toEqual([])
    // The ticker's summary counts what each reader may see, and a list can ask for one rule.
    const summary = async (cookie: string) =>
      (await t.call({ method: 'GET', url: '/api/warnings/summary', cookie })).json().items as {
        rule: string
        count: number
      }[]
    const counted = await summary(c.people.streetChief.cookie)
    expect(counted.map((s) => [s.rule, s.count]).sort()).toEqual([
      ['outside_grid', 1],
      ['worker_offline', 1],
    ])
    expect((await summary(clerk.cookie)).map((s) => s.rule)).not.toContain('worker_offline')
    const one = await t.call({
      method: 'GET',
      url: '/api/warnings?rule=worker_offline',
      cookie: c.people.streetChief.cookie,
    })
    expect(one.json().items.map((w: { rule: string }) => w.rule)).toEqual(['worker_offline'])
    const bad = await t.call({
      method: 'GET',
      url: '/api/warnings?rule=nope',
      cookie: c.people.streetChief.cookie,
    })
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'request.invalid'])
    expect(await patterns(a.people.streetChief.cookie, 'open')).toEqual([])
    // A later run raises nothing new.
    now = new Date('2026-12-07T11:05:00+08:00')
    expect(await t.app.warningDetection.run()).toEqual([])
  })
})

describe('deadlines and missed visits', () => {
  it('supervises 督办 the case of a deadline warning with one action, once, and never makes a case of it', async () => {
    const d = await t.place('520401', 76)
    now = new Date('2026-12-08T10:00:00+08:00')
    const reported = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: d.people.worker.cookie,
      payload: { categoryCode: '06010', location: d.point, description: '井盖缺失', source: 'worker' },
    })
    expect(reported.statusCode, reported.body).toBe(201)
    const caseId = reported.json().id as string
    // Nobody accepts it for a fortnight: its acceptance is overdue.
    now = new Date('2026-12-22T10:00:00+08:00')
    await t.app.warningDetection.run()
    const deadline = (await list(d.people.streetChief.cookie)).find((w) => w.rule === 'deadline')
    expect(deadline).toMatchObject({ level: 'red', inputs: { cases: [caseId], stage: 'accept' } })
    expect(deadline?.abilities).toEqual(['acknowledge', 'dismiss', 'supervise'])
    // The community chief sees it but does not own the case at the street's level: no supervising.
    const byChief = (await list(d.people.chief.cookie)).find((w) => w.rule === 'deadline')
    expect(byChief?.abilities).toEqual(['acknowledge', 'dismiss'])
    const converted = await act(d.people.streetChief.cookie, deadline?.id ?? '', 'convert')
    expect([converted.statusCode, converted.json().code]).toEqual([403, 'warning.forbidden'])
    const both = await Promise.all([
      act(d.people.streetChief.cookie, deadline?.id ?? '', 'supervise', {
        reason: '请今日受理',
        grade: 'yellow',
      }),
      act(d.people.streetChief.cookie, deadline?.id ?? '', 'supervise', { grade: 'yellow' }),
    ])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const done = both.find((r) => r.statusCode === 200)?.json() as Warning
    expect(done).toMatchObject({ state: 'supervised', case: { id: caseId }, abilities: [] })
    // The case carries the grade the chief chose: a yellow card, though its lateness has earned red.
    const seen = await t.call({
      method: 'GET',
      url: `/api/cases/${caseId}`,
      cookie: d.people.streetChief.cookie,
    })
    expect(seen.json().supervision).toBe('yellow')
    const supervised = (seen.json().timeline as { action: string; note?: string | null }[]).filter(
      (s) => s.action === 'supervise',
    )
    expect(supervised).toHaveLength(1)
    // Accepted, its acceptance deadline no longer runs: a later run raises nothing for that stage.
    const accepted = await t.act(
      caseId,
      'accept',
      { version: seen.json().version },
      d.people.streetChief.cookie,
    )
    expect(accepted.statusCode, accepted.body).toBe(200)
    now = new Date('2026-12-22T10:10:00+08:00')
    await t.app.warningDetection.run()
    expect((await list(d.people.streetChief.cookie)).filter((w) => w.rule === 'deadline')).toEqual([])
  })

  it('shows a missed visit only to those who may see the group’s people, without the person', async () => {
    const e = await t.place('520501', 78)
    const db = t.database.db
    await db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
      select '01900000-0000-7000-8000-00000000beef', id, path, 'registered', 'resident', '赵六'
      from grids where path = ${e.micro}::ltree`)
    await db.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code, starts_on, next_visit_due)
      select gen_random_uuid(), '01900000-0000-7000-8000-00000000beef', id, path, '06', '2026-01-01', '2026-12-01'
      from grids where path = ${e.micro}::ltree`)
    await t.app.warningDetection.run()
    const missed = (await list(e.people.streetChief.cookie)).filter((w) => w.rule === 'visit_missed')
    expect(missed).toHaveLength(1)
    expect(missed[0]?.title.zh).toContain('已超过走访计划 21 天未走访')
    expect(JSON.stringify(missed)).not.toContain('赵六')
    expect(missed[0]?.abilities).toEqual(['acknowledge', 'dismiss'])
    // An intake clerk of the same street reads its events, not its special groups.
    const clerk = await t.as([{ key: 'intake_clerk', scope: { type: 'grid', path: e.paths.street } }])
    expect((await list(clerk.cookie)).filter((w) => w.rule === 'visit_missed')).toEqual([])
    const one = await t.call({ method: 'GET', url: `/api/warnings/${missed[0]?.id}`, cookie: clerk.cookie })
    expect(one.statusCode).toBe(404)
  })
})
