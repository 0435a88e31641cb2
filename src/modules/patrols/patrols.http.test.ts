import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { uuidv7 } from '../../lib/ids'

/** The product's clock: Tuesday 8 December 2026, noon in China (a working day of 7 hours). */
const now = new Date('2026-12-08T12:00:00+08:00')
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
const T0 = Date.parse('2026-12-08T09:00:00+08:00')
const at = (s: number) => new Date(T0 + s * 1000).toISOString()

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  a = await t.place('610101', 70)
  b = await t.place('610102', 72)
}, 120_000)
afterAll(() => t?.close())

const X = 70
type Point = { seq: number; t: string; lon: number; lat: number; acc?: number; mocked?: boolean }

/**
 * The scripted walk (see the figures test): 10 minutes east through the grid, a 5-minute gap, 90 s
 * outside the grid, a jump of ≈ 960 m in 10 s, the same coordinates 11 times, 3 points too inaccurate
 * to count and 2 mocked ones.
 */
function walk(): Point[] {
  const pts: Point[] = []
  for (let i = 0; i <= 60; i++)
    pts.push({ seq: i, t: at(10 * i), lon: X + 0.01 + 0.0001 * i, lat: 30.01, acc: 5 })
  for (let j = 0; j < 10; j++)
    pts.push({ seq: 61 + j, t: at(900 + 10 * j), lon: X - 0.01 - 0.0001 * j, lat: 30.01, acc: 5 })
  const far = X - 0.0209
  for (let k = 0; k <= 10; k++) pts.push({ seq: 71 + k, t: at(1000 + 10 * k), lon: far, lat: 30.01, acc: 8 })
  for (let k = 0; k < 3; k++)
    pts.push({ seq: 82 + k, t: at(1120 + 10 * k), lon: X + 0.02, lat: 30.02, acc: 500 })
  for (let k = 0; k < 2; k++)
    pts.push({ seq: 85 + k, t: at(1150 + 10 * k), lon: X + 0.03, lat: 30.03, acc: 3, mocked: true })
  return pts
}

const start = (cookie: string, id = uuidv7(), startedAt = at(0)) =>
  t.call({ method: 'POST', url: '/api/patrols', cookie, payload: { id, startedAt } })
const send = (cookie: string, id: string, points: unknown[]) =>
  t.call({ method: 'POST', url: `/api/patrols/${id}/points`, cookie, payload: { points } })
const end = (cookie: string, id: string, endedAt: string) =>
  t.call({ method: 'POST', url: `/api/patrols/${id}/end`, cookie, payload: { endedAt } })

describe('a patrol’s lifecycle', () => {
  it('starts in the worker’s own grid; a replay answers the same patrol; another worker’s id is taken', async () => {
    const id = uuidv7()
    const first = await start(a.people.worker.cookie, id)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toMatchObject({
      id,
      userId: a.people.worker.id,
      gridPath: a.paths.grid,
      gridName: 'grid610101',
      source: 'app',
      state: 'running',
      startedAt: at(0),
      endedAt: null,
      distanceM: null,
      checkpointsReached: [],
      flags: {},
    })
    const again = await start(a.people.worker.cookie, id)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
    const taken = await start(b.people.worker.cookie, id)
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('patrol.id_taken')
    await end(a.people.worker.cookie, id, at(60))
  })

  it('stores each point once, refuses bad batches whole and points of days not kept', async () => {
    const id = uuidv7()
    expect((await start(a.people.worker.cookie, id)).statusCode).toBe(201)
    const pts = walk().slice(0, 5)
    const sent = await send(a.people.worker.cookie, id, pts)
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json()).toEqual({ stored: 5, duplicates: 0 })
    const resent = await send(a.people.worker.cookie, id, [...pts, walk()[5]])
    expect(resent.json()).toEqual({ stored: 1, duplicates: 5 })

    const old = await send(a.people.worker.cookie, id, [
      walk()[6],
      { seq: 99, t: '2026-01-02T09:00:00+08:00', lon: X, lat: 30 },
    ])
    expect(old.statusCode).toBe(400)
    expect(old.json()).toMatchObject({ code: 'patrol.point_out_of_range', index: 1 })
    const ahead = await send(a.people.worker.cookie, id, [
      { seq: 98, t: '2026-12-10T09:00:00+08:00', lon: X, lat: 30 },
    ])
    expect(ahead.json()).toMatchObject({ code: 'patrol.point_out_of_range', index: 0 })
    for (const bad of [
      { lon: 181, lat: 30 },
      { lon: X, lat: -91 },
      { lon: 'NaN', lat: 30 },
    ]) {
      const res = await send(a.people.worker.cookie, id, [{ seq: 97, t: at(70), ...bad }])
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('request.invalid')
    }
    const many = Array.from({ length: 501 }, (_, i) => ({ seq: 1000 + i, t: at(i), lon: X, lat: 30 }))
    expect((await send(a.people.worker.cookie, id, many)).statusCode).toBe(400)
    expect((await send(a.people.worker.cookie, id, [])).statusCode).toBe(400)

    // Only the worker records: a chief who may read the patrol gets 403, another grid’s worker 404.
    const chief = await send(a.people.chief.cookie, id, [walk()[7]])
    expect(chief.statusCode).toBe(403)
    expect(chief.json().code).toBe('patrol.not_owner')
    expect((await send(b.people.worker.cookie, id, [walk()[7]])).statusCode).toBe(404)
    // Nothing of the refused batches was stored.
    const ended = await end(a.people.worker.cookie, id, at(100))
    expect(ended.json().pointCount).toBe(6)
  })

  it('ends once: ending again answers the same, whatever end is given', async () => {
    const id = uuidv7()
    await start(a.people.worker.cookie, id)
    expect((await end(a.people.worker.cookie, id, at(-10))).json().code).toBe('patrol.ended_before_start')
    const first = await end(a.people.worker.cookie, id, at(300))
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ state: 'ended', endedAt: at(300), durationS: 300 })
    const again = await end(a.people.worker.cookie, id, at(900))
    expect(again.json()).toEqual(first.json())
  })
})

describe('a patrol’s figures', () => {
  let id: string
  let near: string

  beforeAll(async () => {
    const building = (code: string, lng: number, lat: number) =>
      t.call({
        method: 'POST',
        url: '/api/buildings',
        cookie: a.people.worker.cookie,
        payload: { code, name: `${code} 栋`, address: `巡查路 ${code} 号`, point: { lng, lat } },
      })
    // One building ≈ 22 m from the walk, one far from it.
    expect((await building('P1', X + 0.013, 30.0102)).statusCode).toBe(201)
    expect((await building('P2', X + 0.06, 30.06)).statusCode).toBe(201)
    const checkpoint = (name: string, lng: number, lat: number) =>
      t.call({
        method: 'POST',
        url: '/api/patrols/checkpoints',
        cookie: a.people.chief.cookie,
        payload: { grid: `${a.d}001001001`, name, location: { lng, lat }, radiusM: 50 },
      })
    const made = await checkpoint('社区广场', X + 0.011, 30.0103)
    expect(made.statusCode, made.body).toBe(201)
    near = made.json().id
    expect((await checkpoint('学校门口', X + 0.07, 30.07)).statusCode).toBe(201)
    id = uuidv7()
    await start(a.people.worker.cookie, id)
    expect((await send(a.people.worker.cookie, id, walk())).json()).toEqual({ stored: 87, duplicates: 0 })
  })

  it('computes distance, time in grid, gaps, coverage, check-in points and flags when the patrol ends', async () => {
    const res = await end(a.people.worker.cookie, id, at(1200))
    expect(res.statusCode, res.body).toBe(200)
    const v = res.json()
    expect(v).toMatchObject({
      state: 'ended',
      pointCount: 87,
      durationS: 1200,
      inGridS: 600,
      gapS: 300,
      buildingsPassed: 1,
      buildingsTotal: 2,
      coverage: 0.5,
      checkpointsReached: [near],
      flags: { speed_jump: 1, repeated_point: 1, poor_accuracy: 3, mocked: 2 },
    })
    // 69 steps of 0.0001° of longitude at 30°N (≈ 9.64 m each); the gap and the jump are not walked.
    expect(v.distanceM).toBeGreaterThan(655)
    expect(v.distanceM).toBeLessThan(675)
  })

  it('answers the track split at the gap and the jump, the gaps, and keeps them', async () => {
    const res = await t.call({ method: 'GET', url: `/api/patrols/${id}`, cookie: a.people.chief.cookie })
    expect(res.statusCode, res.body).toBe(200)
    const d = res.json()
    expect(d.track.type).toBe('MultiLineString')
    expect(d.track.coordinates).toHaveLength(3)
    expect(d.track.coordinates[0]).toHaveLength(61)
    expect(d.gaps).toEqual([{ from: at(600), to: at(900) }])
    expect(d.cases).toEqual([])
  })

  it('takes late points recorded before the end and computes the figures again; later ones are refused', async () => {
    const late = await send(a.people.worker.cookie, id, [
      { seq: 200, t: at(1190), lon: X - 0.0209, lat: 30.01 },
    ])
    expect(late.json()).toEqual({ stored: 1, duplicates: 0 })
    const after = await send(a.people.worker.cookie, id, [{ seq: 201, t: at(1250), lon: X, lat: 30.01 }])
    expect(after.statusCode).toBe(409)
    expect(after.json()).toMatchObject({ code: 'patrol.ended', index: 0 })
    const v = (
      await t.call({ method: 'GET', url: `/api/patrols/${id}`, cookie: a.people.worker.cookie })
    ).json()
    expect(v.pointCount).toBe(88)
    expect(v.version).toBeGreaterThan(2)
  })
})
