import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'
import type { Scope } from '../../lib/context'

// The product's clock stands at 10:00 China time on 6 December 2026; partitions are kept around it.
const NOW = new Date('2026-12-06T10:00:00+08:00')
let t: TestApp
let here: StaffedPlace
let there: StaffedPlace
/** Workers appointed to a post in `here`'s grid (their own grid). */
let walker: { id: string; cookie: string }
let second: { id: string }
let admin: { cookie: string }
let key: string

const ROOT: Scope = { type: 'grid', path: '' }
let codes = 0
const newCode = () => `IMEI-86${String(++codes).padStart(4, '0')}-${Date.now().toString(36)}`

async function appoint(place: StaffedPlace, userId: string) {
  const res = await t.call({
    method: 'POST',
    url: `/api/grids/${place.d}001001001/posts`,
    cookie: place.people.chief.cookie,
    payload: { post: 'full_time_worker', userId },
  })
  if (res.statusCode !== 201) throw new Error(`appoint: ${res.statusCode} ${res.body}`)
}

async function issueKey(roleKey: string, scope: Scope = ROOT): Promise<string> {
  const security = await t.as([{ key: 'security_admin' }])
  const roleId = (await t.make.role(roleKey)).id
  const res = await t.call({
    method: 'POST',
    url: '/api/api-keys',
    cookie: security.cookie,
    payload: { name: `tracker gateway ${roleKey}`, roleId, scope },
  })
  if (res.statusCode !== 201) throw new Error(`key: ${res.statusCode} ${res.body}`)
  return res.json().key
}

const create = (cookie: string, code = newCode(), name = '执法记录仪') =>
  t.call({ method: 'POST', url: '/api/trackers', cookie, payload: { code, name } })

const bind = (cookie: string, id: string, userId: string | null, version: number) =>
  t.call({ method: 'PUT', url: `/api/trackers/${id}/binding`, cookie, payload: { userId, version } })

const post = (
  code: string,
  points: object[],
  headers: Record<string, string> = { authorization: `Bearer ${key}` },
) => t.call({ method: 'POST', url: `/api/trackers/${code}/points`, headers, payload: { points } })

/** Points a minute apart from 09:00 China time on the clock's day, numbered from `from`. */
const walk = (from: number, n: number, day = '2026-12-06') =>
  Array.from({ length: n }, (_, i) => ({
    seq: from + i,
    t: `${day}T09:${String((from + i) % 60).padStart(2, '0')}:00+08:00`,
    lon: here.point.lng + i / 10_000,
    lat: here.point.lat,
    acc: 8,
  }))

/** A tracker registered by `here`'s chief and bound to the walker: its code and id. */
async function boundTracker(userId = walker.id) {
  const created = await create(here.people.chief.cookie)
  const { id, code } = created.json()
  const res = await bind(here.people.chief.cookie, id, userId, 1)
  if (res.statusCode !== 200) throw new Error(`bind: ${res.statusCode} ${res.body}`)
  return { id: id as string, code: code as string }
}

const patrolsOf = (trackerId: string) =>
  queryRows<{
    id: string
    user_id: string
    state: string
    source: string
    grid_path: string | null
    started_at: Date
    ended_at: Date | null
  }>(
    t.database.db,
    sql`select id, user_id, state, source, grid_path::text as grid_path, started_at, ended_at from patrols
      where tracker_id = ${trackerId} order by started_at, id`,
  )

beforeAll(async () => {
  t = await testApp({}, { clock: () => NOW })
  await t.app.trackPartitions.run()
  here = await t.place('730101', 20)
  there = await t.place('730102', 21)
  const a = await t.make.user()
  await appoint(here, a.id)
  walker = { id: a.id, cookie: await t.login(a.username, a.password) }
  const b = await t.make.user()
  await appoint(here, b.id)
  second = { id: b.id }
  admin = await t.as([{ key: 'admin' }])
  key = await issueKey('grid_worker')
})
afterAll(() => t?.close())

describe('registering trackers', () => {
  it('registers a tracker unbound (201), audited; a code taken answers 409 tracker.code_taken', async () => {
    const code = newCode()
    const res = await create(here.people.chief.cookie, code)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ code, name: '执法记录仪', userId: null, version: 1, retiredAt: null })
    const again = await create(there.people.chief.cookie, code, '另一台')
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('tracker.code_taken')
    const audit = await queryRows<{ summary: { code: string } }>(
      t.database.db,
      sql`select summary from audit_log where action = 'tracker.create' and resource_id = ${res.json().id}`,
    )
    expect(audit).toEqual([{ summary: { code, name: '执法记录仪' } }])
  })

  it('refuses a worker (no patrol.configure) with 403 auth.forbidden, and a code a topic cannot carry with 400', async () => {
    expect((await create(walker.cookie)).json().code).toBe('auth.forbidden')
    const slash = await create(here.people.chief.cookie, 'a/b')
    expect(slash.statusCode).toBe(400)
    expect((await create(here.people.chief.cookie, 'a+#')).statusCode).toBe(400)
  })
})

describe('binding', () => {
  it('binds to a worker of the chief’s grid, moving the version; a stale version answers 409', async () => {
    const { id } = (await create(here.people.chief.cookie)).json()
    const res = await bind(here.people.chief.cookie, id, walker.id, 1)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ userId: walker.id, version: 2 })
    expect(res.json().userName).toBeTruthy()
    expect(res.json().boundAt).toBe(NOW.toISOString())
    const stale = await bind(here.people.chief.cookie, id, second.id, 1)
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('tracker.version_conflict')
    const audit = await queryRows<{ summary: Record<string, unknown> }>(
      t.database.db,
      sql`select summary from audit_log where action = 'tracker.bind' and resource_id = ${id}`,
    )
    expect(audit[0]?.summary).toMatchObject({ from: null, to: walker.id })
  })

  it('refuses a worker who records outside the caller’s grids (403 tracker.worker_out_of_scope)', async () => {
    const { id } = (await create(there.people.chief.cookie)).json()
    const res = await bind(there.people.chief.cookie, id, walker.id, 1)
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('tracker.worker_out_of_scope')
    // A user who records nowhere (a desk clerk) cannot hold a tracker either.
    const clerk = await t.as([{ key: 'intake_clerk' }])
    expect((await bind(admin.cookie, id, clerk.id, 1)).json().code).toBe('tracker.worker_out_of_scope')
  })

  it('lets only a configurer of the bound worker move or unbind it (403 tracker.out_of_scope)', async () => {
    const { id } = await boundTracker()
    const taken = await bind(there.people.chief.cookie, id, there.people.worker.id, 2)
    expect(taken.statusCode).toBe(403)
    expect(taken.json().code).toBe('tracker.out_of_scope')
    const street = await bind(here.people.streetChief.cookie, id, null, 2)
    expect(street.statusCode, street.body).toBe(200)
    expect(street.json()).toMatchObject({ userId: null, boundAt: null, version: 3 })
  })

  it('lists the pool and the trackers of workers in the reader’s grids, not others’', async () => {
    const mine = await boundTracker()
    const pooled = (await create(admin.cookie)).json()
    const seenHere = (
      await t.call({ method: 'GET', url: '/api/trackers', cookie: here.people.chief.cookie })
    ).json()
    const seenThere = (
      await t.call({ method: 'GET', url: '/api/trackers', cookie: there.people.chief.cookie })
    ).json()
    const ids = (list: { id: string }[]) => list.map((x) => x.id)
    expect(ids(seenHere)).toEqual(expect.arrayContaining([mine.id, pooled.id]))
    expect(ids(seenThere)).toContain(pooled.id)
    expect(ids(seenThere)).not.toContain(mine.id)
    expect(seenHere.find((x: { id: string }) => x.id === mine.id)).toMatchObject({
      userId: walker.id,
      lastPointAt: null,
    })
    const worker = await t.call({ method: 'GET', url: '/api/trackers', cookie: walker.cookie })
    expect(worker.statusCode).toBe(403)
  })
})

describe('HTTP intake', () => {
  it('stores a batch once into the worker’s tracker patrol, opened in their own grid at the first point', async () => {
    const tracker = await boundTracker()
    const first = await post(tracker.code, walk(0, 3))
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toEqual({ stored: 3, duplicates: 0 })
    const again = await post(tracker.code, walk(0, 4))
    expect(again.json()).toEqual({ stored: 1, duplicates: 3 })
    const patrols = await patrolsOf(tracker.id)
    expect(patrols).toHaveLength(1)
    expect(patrols[0]).toMatchObject({
      user_id: walker.id,
      state: 'running',
      source: 'tracker',
      grid_path: here.paths.grid,
    })
    expect(new Date(patrols[0]?.started_at ?? 0).toISOString()).toBe('2026-12-06T01:00:00.000Z')
    const points = await queryRows<{ n: number; patrols: number }>(
      t.database.db,
      sql`select count(*)::int as n, count(distinct patrol_id)::int as patrols from track_points
        where stream_id = ${tracker.id} and user_id = ${walker.id} and patrol_id = ${patrols[0]?.id ?? ''}`,
    )
    expect(points).toEqual([{ n: 4, patrols: 1 }])
    const list = (
      await t.call({ method: 'GET', url: '/api/trackers', cookie: here.people.chief.cookie })
    ).json()
    expect(list.find((x: { id: string }) => x.id === tracker.id)).toMatchObject({
      lastPointAt: '2026-12-06T01:03:00.000Z',
      runningPatrolId: patrols[0]?.id,
    })
  })

  it('opens one patrol when first batches race', async () => {
    const tracker = await boundTracker()
    const answers = await Promise.all([
      post(tracker.code, walk(0, 2)),
      post(tracker.code, walk(10, 2)),
      post(tracker.code, walk(20, 2)),
    ])
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200])
    expect(await patrolsOf(tracker.id)).toHaveLength(1)
  })

  it('refuses a person’s session with 403 tracker.key_required, and a key without patrol.record', async () => {
    const tracker = await boundTracker()
    const session = await t.call({
      method: 'POST',
      url: `/api/trackers/${tracker.code}/points`,
      cookie: walker.cookie,
      payload: { points: walk(0, 1) },
    })
    expect(session.statusCode).toBe(403)
    expect(session.json().code).toBe('tracker.key_required')
    const clerkKey = await issueKey('shift_lead')
    const res = await post(tracker.code, walk(0, 1), { authorization: `Bearer ${clerkKey}` })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.forbidden')
    expect((await post(tracker.code, walk(0, 1), {})).statusCode).toBe(401)
  })

  it('refuses a key whose scope does not cover the worker (403 tracker.out_of_scope)', async () => {
    const tracker = await boundTracker()
    const elsewhere = await issueKey('grid_worker', { type: 'grid', path: there.paths.street })
    const res = await post(tracker.code, walk(0, 1), { authorization: `Bearer ${elsewhere}` })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('tracker.out_of_scope')
  })

  it('answers 404 for an unknown code and 409 tracker.unbound for a tracker bound to nobody', async () => {
    const unknown = await post('NO-SUCH-TRACKER', walk(0, 1))
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('tracker.not_found')
    const { code } = (await create(here.people.chief.cookie)).json()
    const res = await post(code, walk(0, 1))
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('tracker.unbound')
  })

  it('refuses a batch with a point outside the days kept, storing none of it', async () => {
    const tracker = await boundTracker()
    const old = { seq: 99, t: '2026-06-01T09:00:00+08:00', lon: 104, lat: 30 }
    const res = await post(tracker.code, [...walk(0, 2), old])
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'patrol.point_out_of_range', seqs: [99] })
    expect(await patrolsOf(tracker.id)).toEqual([])
  })

  it('refuses a point dated ahead of the server’s clock (a tracker whose clock runs fast), storing none', async () => {
    const tracker = await boundTracker()
    const ahead = { seq: 98, t: new Date(NOW.getTime() + 3_600_000).toISOString(), lon: 104, lat: 30 }
    const res = await post(tracker.code, [...walk(0, 2), ahead])
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'patrol.point_out_of_range', seqs: [98] })
    expect(await patrolsOf(tracker.id)).toEqual([])
  })

  it.each([
    ['no points', []],
    [
      '501 points',
      Array.from({ length: 501 }, (_, i) => ({ seq: i, t: '2026-12-06T09:00:00+08:00', lon: 104, lat: 30 })),
    ],
    ['a latitude beyond the pole', [{ seq: 1, t: '2026-12-06T09:00:00+08:00', lon: 104, lat: 91 }]],
    ['a time without offset', [{ seq: 1, t: '2026-12-06 09:00', lon: 104, lat: 30 }]],
    ['a negative seq', [{ seq: -1, t: '2026-12-06T09:00:00+08:00', lon: 104, lat: 30 }]],
  ])('answers 400 request.invalid for %s', async (_name, points) => {
    const tracker = await boundTracker()
    const res = await post(tracker.code, points)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('request.invalid')
  })

  it('refuses a body over the cap unread (413)', async () => {
    const tracker = await boundTracker()
    const res = await t.call({
      method: 'POST',
      url: `/api/trackers/${tracker.code}/points`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ points: walk(0, 1), pad: 'x'.repeat(300 * 1024) }),
    })
    expect(res.statusCode).toBe(413)
  })

  it('ends the running patrol at its last point when the tracker moves; the next points open the new worker’s', async () => {
    const tracker = await boundTracker()
    await post(tracker.code, walk(0, 5))
    const moved = await bind(here.people.chief.cookie, tracker.id, second.id, 2)
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().runningPatrolId).toBeNull()
    await post(tracker.code, walk(30, 2))
    const patrols = await patrolsOf(tracker.id)
    expect(patrols.map((p) => [p.user_id, p.state])).toEqual([
      [walker.id, 'ended'],
      [second.id, 'running'],
    ])
    expect(new Date(patrols[0]?.ended_at ?? 0).toISOString()).toBe('2026-12-06T01:04:00.000Z')
  })
})

describe('retiring', () => {
  it('retires a bound tracker by its worker’s configurer; its points are refused from then on (404)', async () => {
    const tracker = await boundTracker()
    await post(tracker.code, walk(0, 2))
    const outsider = await t.call({
      method: 'POST',
      url: `/api/trackers/${tracker.id}/retire`,
      cookie: there.people.chief.cookie,
    })
    expect(outsider.statusCode).toBe(403)
    const res = await t.call({
      method: 'POST',
      url: `/api/trackers/${tracker.id}/retire`,
      cookie: here.people.chief.cookie,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ userId: null, retiredAt: NOW.toISOString(), runningPatrolId: null })
    expect((await patrolsOf(tracker.id)).map((p) => p.state)).toEqual(['ended'])
    expect((await post(tracker.code, walk(10, 1))).statusCode).toBe(404)
    const again = await t.call({
      method: 'POST',
      url: `/api/trackers/${tracker.id}/retire`,
      cookie: here.people.chief.cookie,
    })
    expect(again.statusCode).toBe(200)
    expect(again.json().version).toBe(res.json().version)
    const rebind = await bind(here.people.chief.cookie, tracker.id, walker.id, res.json().version)
    expect(rebind.json().code).toBe('tracker.retired')
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'tracker.retire' and resource_id = ${tracker.id}`,
    )
    expect(audit).toEqual([{ n: 1 }])
  })

  it('retires a tracker in the pool only from the whole deployment', async () => {
    const { id } = (await create(here.people.chief.cookie)).json()
    const chief = await t.call({
      method: 'POST',
      url: `/api/trackers/${id}/retire`,
      cookie: here.people.chief.cookie,
    })
    expect(chief.statusCode).toBe(403)
    expect(chief.json().code).toBe('tracker.out_of_scope')
    const res = await t.call({ method: 'POST', url: `/api/trackers/${id}/retire`, cookie: admin.cookie })
    expect(res.statusCode).toBe(200)
  })
})
