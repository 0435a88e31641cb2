import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import type { CasePlace } from '../../../test/support/places'

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
