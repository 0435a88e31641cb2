import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import type { CasePlace } from '../../../test/support/places'
import { localBus } from '../../lib/bus/bus'
import { type Actor, ROOT_SCOPE } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { LIVE_CASES, type LiveCase } from '../cases/cases.live'
import { createLiveHub } from './live.hub'

let t: TestApp
let a: CasePlace
let b: CasePlace

beforeAll(async () => {
  // Sessions are checked again every 200 ms here (every minute by default).
  t = await testApp({ WANGGE_LIVE_SESSION_CHECK_MS: '200' })
  a = await t.place('530101', 80)
  b = await t.place('530201', 82)
})
afterAll(() => t?.close())

interface Heard {
  type: string
  code?: string
  items?: {
    no: string
    state: string
    open: boolean
    light: string | null
    lng: number
    lon?: number
    lat?: number
    userName?: string
  }[]
}

/** A live map socket looking at a box around a place's point. */
async function viewer(cookie: string, around: CasePlace, layers = ['cases']) {
  const socket = await t.app.injectWS('/api/live', { headers: { cookie } })
  const heard: Heard[] = []
  socket.on('message', (data) => heard.push(JSON.parse(String(data))))
  const { lng, lat } = around.point
  socket.send(
    JSON.stringify({ type: 'view', bbox: [lng - 0.02, lat - 0.02, lng + 0.02, lat + 0.02], layers }),
  )
  const of = (type: string) => heard.filter((h) => h.type === type).flatMap((h) => h.items ?? [])
  return { socket, heard, cases: () => of('cases'), positions: () => of('positions') }
}

async function report(p: CasePlace, description: string) {
  const res = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: p.people.worker.cookie,
    payload: { categoryCode: '06010', location: p.point, description, source: 'worker' },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; no: string; version: number }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_300))

describe('a report on the live bus', () => {
  it('is published at its commit as the outbox publishes it later, once for a retried request', async () => {
    const heard: LiveCase[] = []
    t.app.bus.subscribe(LIVE_CASES, (m) => heard.push(m as LiveCase))
    const key = { 'idempotency-key': `live-${uuidv7()}` }
    const first = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: a.people.worker.cookie,
      headers: key,
      payload: { categoryCode: '06010', location: a.point, description: '井盖缺失', source: 'worker' },
    })
    expect(first.statusCode, first.body).toBe(201)
    const made = first.json() as { id: string; no: string }
    // Heard before any drain: from the intake, as it committed.
    await expect.poll(() => heard.filter((h) => h.point.id === made.id).length).toBe(1)
    // The retry is answered with the same case and publishes nothing.
    const again = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: a.people.worker.cookie,
      headers: key,
      payload: { categoryCode: '06010', location: a.point, description: '井盖缺失', source: 'worker' },
    })
    expect(again.json()).toMatchObject({ id: made.id })
    // The outbox's announce reads the stored case: the same message, grants and version included.
    await t.app.outbox.drain()
    await expect.poll(() => heard.filter((h) => h.point.id === made.id).length).toBe(2)
    const [atCommit, fromOutbox] = heard.filter((h) => h.point.id === made.id)
    expect(atCommit).toEqual(fromOutbox)
    expect(atCommit).toMatchObject({ version: 1, open: true })
    expect(atCommit?.gridPath?.startsWith(a.paths.grid)).toBe(true)
    expect(atCommit?.ownerPath).toBeTruthy()
  })
})

describe('the live map', () => {
  it('sends a viewer, within a second, the cases that change in their box and that they may see', async () => {
    const chief = await viewer(a.people.streetChief.cookie, a)
    const outsider = await viewer(b.people.streetChief.cookie, a)
    const elsewhere = await viewer(a.people.streetChief.cookie, b)
    const made = await report(a, '垃圾满溢')
    await t.app.outbox.drain()
    await settle()
    expect(chief.cases()).toMatchObject([{ no: made.no, state: 'reported', open: true, light: 'green' }])
    // Another street's chief looking at the same box, and a box elsewhere, hear nothing of it.
    expect(outsider.cases()).toEqual([])
    expect(elsewhere.cases()).toEqual([])
    // An action moves it on: sent again with its new state; voided, it leaves the map (open: false).
    const voided = await t.act(
      made.id,
      'void',
      { version: made.version, reason: '重复上报' },
      a.people.streetChief.cookie,
    )
    expect(voided.statusCode, voided.body).toBe(200)
    await t.app.outbox.drain()
    await settle()
    expect(chief.cases().map((c) => [c.no, c.state, c.open])).toEqual([
      [made.no, 'reported', true],
      [made.no, 'voided', false],
    ])
    for (const s of [chief, outsider, elsewhere]) s.socket.terminate()
  })

  it('sends the latest position of a worker on patrol in the box to those who may follow them', async () => {
    const chief = await viewer(a.people.streetChief.cookie, a, ['cases', 'positions'])
    const casesOnly = await viewer(a.people.streetChief.cookie, a, ['cases'])
    const outsider = await viewer(b.people.streetChief.cookie, a, ['positions'])
    const id = '01900000-0000-7000-8000-00000000c0de'
    const start = new Date(Date.now() - 60_000).toISOString()
    const started = await t.call({
      method: 'POST',
      url: '/api/patrols',
      cookie: a.people.worker.cookie,
      payload: { id, startedAt: start },
    })
    expect(started.statusCode, started.body).toBe(201)
    const { lng, lat } = a.point
    const points = [0, 1, 2].map((seq) => ({
      seq,
      t: new Date(Date.now() - (3 - seq) * 10_000).toISOString(),
      lon: lng + seq * 0.0001,
      lat,
    }))
    const sent = await t.call({
      method: 'POST',
      url: `/api/patrols/${id}/points`,
      cookie: a.people.worker.cookie,
      payload: { points },
    })
    expect(sent.statusCode, sent.body).toBe(200)
    await settle()
    // One message, the latest point only.
    expect(chief.positions()).toHaveLength(1)
    expect(chief.positions()[0]).toMatchObject({ lon: lng + 0.0002, lat })
    expect(casesOnly.positions()).toEqual([])
    expect(outsider.positions()).toEqual([])
    for (const s of [chief, casesOnly, outsider]) s.socket.terminate()
  })

  it('answers a message that is not a view with an error, and closes a socket without a session', async () => {
    const socket = await t.app.injectWS('/api/live', { headers: { cookie: a.people.worker.cookie } })
    const heard: Heard[] = []
    socket.on('message', (data) => heard.push(JSON.parse(String(data))))
    socket.send('{"type":"view","bbox":[0,0,90,90],"layers":["cases"]}')
    socket.send('not json')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(heard.filter((h) => h.type === 'error').map((h) => h.code)).toEqual([
      'live.bad_view',
      'live.bad_view',
    ])
    socket.terminate()
    const anonymous = await t.app.injectWS('/api/live')
    const code = await new Promise<number>((resolve) => anonymous.on('close', (c) => resolve(c)))
    expect(code).toBe(4401)
  })

  it('closes within the session check once the session is revoked (4401) or the user reads no events (4403)', async () => {
    const scope = { type: 'grid' as const, path: a.paths.street }
    const [signedOut, stripped, kept] = await Promise.all(
      [1, 2, 3].map(() => t.as([{ key: 'dispatcher', scope }])),
    )
    const open = async (cookie: string) => {
      const socket = await t.app.injectWS('/api/live', { headers: { cookie } })
      const closed = new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)))
      return { socket, closed }
    }
    const [out, bare, stays] = await Promise.all(
      [signedOut, stripped, kept].map((u) => open(u?.cookie ?? '')),
    )
    const from = Date.now()
    const logout = await t.call({ method: 'POST', url: '/api/auth/logout', cookie: signedOut?.cookie })
    expect(logout.statusCode).toBeLessThan(300)
    await t.database.db.execute(sql`delete from role_grants where user_id = ${stripped?.id}`)
    expect(await out?.closed).toBe(4401)
    expect(await bare?.closed).toBe(4403)
    expect(Date.now() - from).toBeLessThan(2_000)
    // A session that still stands keeps its socket through several checks, and checking is not use:
    // the session was last seen when it was last used, so an unattended screen still idles out.
    const seen = sql`select last_seen_at from sessions where user_id = ${kept?.id}`
    await t.database.db.execute(
      sql`update sessions set last_seen_at = now() - interval '5 minutes' where user_id = ${kept?.id}`,
    )
    const before = (await t.database.db.execute(seen)) as unknown as { rows: { last_seen_at: Date }[] }
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(stays?.socket.readyState).toBe(stays?.socket.OPEN)
    const after = (await t.database.db.execute(seen)) as unknown as { rows: { last_seen_at: Date }[] }
    expect(String(after.rows[0]?.last_seen_at)).toBe(String(before.rows[0]?.last_seen_at))
    stays?.socket.terminate()
  })
})

/** A changed case as the cases module publishes it after commit, at a point. */
function liveCase(
  at: { lng: number; lat: number },
  state = 'reported',
  id = uuidv7(),
  version = 1,
): LiveCase {
  return {
    point: {
      id,
      no: `L${id.slice(-6)}`,
      state,
      light: 'green',
      category: { code: '06010', zh: '暴露垃圾', en: 'Exposed rubbish' },
      source: 'worker',
      urgency: 'normal',
      reportedAt: new Date().toISOString(),
      ...at,
    },
    open: state !== 'closed',
    version,
    gridPath: null,
    ownerPath: null,
    departmentId: null,
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the live map under load', () => {
  it('sends each case once, within about a tenth of a second, in batches of many (at most ten messages a second)', async () => {
    const chief = await viewer(a.people.streetChief.cookie, a)
    const arrived = new Map<string, number>()
    let messages = 0
    chief.socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; items?: { id: string }[] }
      if (m.type !== 'cases') return
      messages += 1
      for (const item of m.items ?? []) {
        expect(arrived.has(item.id), 'each case once').toBe(false)
        arrived.set(item.id, Date.now())
      }
    })
    await pause(50)
    // 300 cases in a second and a half, 20 every 100 ms, as the bus hands them on after commit.
    const sent = new Map<string, number>()
    const began = Date.now()
    for (let round = 0; round < 15; round++) {
      for (let i = 0; i < 20; i++) {
        const c = liveCase(a.point)
        sent.set(c.point.id, Date.now())
        t.app.bus.publish(LIVE_CASES, { ...c, gridPath: a.paths.grid })
      }
      await pause(100)
    }
    await pause(300)
    const seconds = (Date.now() - began) / 1000
    expect(arrived.size).toBe(300)
    // Batched: far fewer messages than cases, and no more than ten a second (with one of slack).
    expect(messages).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1)
    const delays = [...sent]
      .map(([id, at]) => (arrived.get(id) ?? Number.POSITIVE_INFINITY) - at)
      .sort((x, y) => x - y)
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(250)
    chief.socket.terminate()
  })

  it('sends a change on a quiet map at once, and what follows within the gap together after it', async () => {
    const bus = localBus()
    const hub = createLiveHub(bus, { cases: 1_000, positions: 1_000 })
    const watcher: Actor = {
      type: 'user',
      id: uuidv7(),
      name: 'watcher',
      grants: [{ roleKey: 'dispatcher', permissions: ['case.read'], scope: ROOT_SCOPE }],
    }
    const sent: string[] = []
    const box = [a.point.lng - 0.01, a.point.lat - 0.01, a.point.lng + 0.01, a.point.lat + 0.01]
    hub
      .join(watcher, { bufferedAmount: 0, send: (d: string) => sent.push(d) })
      .look({ bbox: box as [number, number, number, number], layers: ['cases'] })
    const first = liveCase(a.point)
    bus.publish(LIVE_CASES, first)
    await pause(50)
    // Not held for the second's gap: nothing went before it.
    expect(sent).toHaveLength(1)
    const [second, third] = [liveCase(a.point), liveCase(a.point)]
    bus.publish(LIVE_CASES, second)
    bus.publish(LIVE_CASES, third)
    await pause(100)
    expect(sent).toHaveLength(1)
    await expect.poll(() => sent.length, { timeout: 5_000 }).toBe(2)
    const ids = (JSON.parse(sent[1] ?? '{}') as { items: { id: string }[] }).items.map((i) => i.id)
    expect(ids.sort()).toEqual([second.point.id, third.point.id].sort())
    hub.stop()
  })

  it('skips a client that has not taken what it was sent, and gives it the latest of each case once it catches up', async () => {
    const bus = localBus()
    const hub = createLiveHub(bus, { cases: 20, positions: 20 })
    const watcher: Actor = {
      type: 'user',
      id: uuidv7(),
      name: 'watcher',
      grants: [{ roleKey: 'dispatcher', permissions: ['case.read'], scope: ROOT_SCOPE }],
    }
    const socket = (buffered: number) => ({
      sent: [] as string[],
      bufferedAmount: buffered,
      send(d: string) {
        this.sent.push(d)
      },
    })
    const slow = socket(2 << 20)
    const fast = socket(0)
    const view = {
      bbox: [a.point.lng - 0.01, a.point.lat - 0.01, a.point.lng + 0.01, a.point.lat + 0.01] as [
        number,
        number,
        number,
        number,
      ],
      layers: ['cases' as const],
    }
    hub.join(watcher, slow).look(view)
    hub.join(watcher, fast).look(view)
    const first = liveCase(a.point)
    const second = liveCase(a.point)
    bus.publish(LIVE_CASES, first)
    bus.publish(LIVE_CASES, second)
    await pause(60)
    bus.publish(LIVE_CASES, liveCase(a.point, 'accepted', first.point.id, 2))
    await pause(60)
    // The fast client has had two messages; the slow one nothing, its socket still full.
    expect(fast.sent).toHaveLength(2)
    expect(slow.sent).toEqual([])
    slow.bufferedAmount = 0
    await pause(60)
    expect(slow.sent).toHaveLength(1)
    const items = (JSON.parse(slow.sent[0] ?? '{}') as { items: { id: string; state: string }[] }).items
    expect(items.map((i) => [i.id, i.state]).sort()).toEqual(
      [
        [first.point.id, 'accepted'],
        [second.point.id, 'reported'],
      ].sort(),
    )
    hub.stop()
  })

  it('sends a case heard twice at one version once, and never an older version after a newer one', async () => {
    const bus = localBus()
    const hub = createLiveHub(bus, { cases: 10, positions: 10 })
    const watcher: Actor = {
      type: 'user',
      id: uuidv7(),
      name: 'watcher',
      grants: [{ roleKey: 'dispatcher', permissions: ['case.read'], scope: ROOT_SCOPE }],
    }
    const sent: string[] = []
    const box = [a.point.lng - 0.01, a.point.lat - 0.01, a.point.lng + 0.01, a.point.lat + 0.01]
    hub
      .join(watcher, { bufferedAmount: 0, send: (d: string) => sent.push(d) })
      .look({ bbox: box as [number, number, number, number], layers: ['cases'] })
    const reported = liveCase(a.point)
    const states = () =>
      sent.flatMap((m) => (JSON.parse(m) as { items: { state: string }[] }).items.map((i) => i.state))
    // At its commit, then again when the outbox claims its message.
    bus.publish(LIVE_CASES, reported)
    await pause(30)
    bus.publish(LIVE_CASES, reported)
    await pause(30)
    expect(states()).toEqual(['reported'])
    // Accepted (version 2) heard before a late hearing of the report: the map keeps 'accepted'.
    bus.publish(LIVE_CASES, liveCase(a.point, 'accepted', reported.point.id, 2))
    await pause(30)
    bus.publish(LIVE_CASES, reported)
    await pause(30)
    expect(states()).toEqual(['reported', 'accepted'])
    hub.stop()
  })
})
