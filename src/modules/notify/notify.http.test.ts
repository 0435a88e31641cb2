import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { residentReport } from '../../../test/support/places'
import { buildApp } from '../../app'
import { loadConfig } from '../../config'
import { queryRows } from '../../db/database'
import { createOutboxDrainer } from '../outbox/outbox.drainer'
import { outboxRepo } from '../outbox/outbox.repo'

let t: TestApp
beforeAll(async () => {
  // Live sockets check their session every 200 ms here (every minute by default).
  t = await testApp(
    { WANGGE_LIVE_SESSION_CHECK_MS: '200' },
    { clock: () => new Date('2026-11-23T10:00:00+08:00') },
  )
})
afterAll(() => t?.close())

const post = (url: string, payload: object, cookie: string) =>
  t.call({ method: 'POST', url, cookie, payload })
const inbox = async (cookie: string) =>
  (await t.call({ method: 'GET', url: '/api/notifications', cookie })).json() as {
    items: { titleZh: string; kind: string; subject: { caseId: string }; id: string }[]
    unread: number
  }

let n = 0
/** A chain of grids of its own (test/support/places.ts), with its street chief, a worker and an officer. */
async function place() {
  n += 1
  const p = await t.place(String(470100 + n), 20 + n)
  return { point: p.point, chief: p.people.streetChief, worker: p.people.worker, officer: p.people.officer }
}

const reportAt = async (p: Awaited<ReturnType<typeof place>>) =>
  (
    await post(
      '/api/cases',
      { categoryCode: '06010', location: p.point, description: '垃圾', source: 'worker' },
      p.worker.cookie,
    )
  ).json()

describe('the inbox', () => {
  it('tells whoever must act next, once the step is committed and drained', async () => {
    const p = await place()
    const c = await reportAt(p)
    expect((await inbox(p.chief.cookie)).items).toEqual([])
    await t.app.outbox.drain()
    const chiefs = await inbox(p.chief.cookie)
    expect(chiefs.unread).toBe(1)
    expect(chiefs.items[0]).toMatchObject({ kind: 'case.report', subject: { caseId: c.id } })
    expect(chiefs.items[0]?.titleZh).toContain('新事件待受理')
    const accepted = (await post(`/api/cases/${c.id}/actions/accept`, { version: 1 }, p.chief.cookie)).json()
    await post(`/api/cases/${c.id}/actions/dispatch`, { version: accepted.version }, p.chief.cookie)
    await t.app.outbox.drain()
    expect((await inbox(p.officer.cookie)).items[0]?.titleZh).toContain('新派遣事件待处置')
    const reporter = await inbox(p.worker.cookie)
    expect(reporter.items.map((i) => i.titleZh.split('：')[0])).toEqual([
      '您反映的事件已派遣处置',
      '您反映的事件已受理',
    ])
    await t.call({ method: 'POST', url: '/api/notifications/all/read', cookie: p.worker.cookie })
    expect((await inbox(p.worker.cookie)).unread).toBe(0)
  })

  it('loses no delivery when the process stops before draining: the next process delivers it, once', async () => {
    const p = await place()
    const c = await reportAt(p)
    // A second process on the same database, as after a restart: nothing of the first's memory.
    const restarted = await buildApp({ database: t.database, config: loadConfig({}) })
    try {
      expect(await restarted.outbox.drain()).toBeGreaterThan(0)
      expect(await restarted.outbox.drain()).toBe(0)
    } finally {
      await restarted.close()
    }
    const items = (await inbox(p.chief.cookie)).items.filter((i) => i.subject.caseId === c.id)
    expect(items).toHaveLength(1)
  })

  it('pushes new notifications to the user’s open WebSocket', async () => {
    const p = await place()
    const socket = await t.app.injectWS('/api/notifications/live', { headers: { cookie: p.chief.cookie } })
    const messages: { type: string; notification?: { titleZh: string } }[] = []
    socket.on('message', (data) => messages.push(JSON.parse(String(data))))
    await reportAt(p)
    await t.app.outbox.drain()
    await new Promise((resolve) => setTimeout(resolve, 50))
    socket.terminate()
    expect(messages.map((m) => m.type)).toContain('notification')
    expect(messages.find((m) => m.type === 'notification')?.notification?.titleZh).toContain('新事件待受理')
  })

  it('closes the socket within the session check once the session is signed out (4401)', async () => {
    const p = await place()
    const cookie = await t.login(p.chief.username)
    const socket = await t.app.injectWS('/api/notifications/live', { headers: { cookie } })
    const closed = new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)))
    const from = Date.now()
    const logout = await t.call({ method: 'POST', url: '/api/auth/logout', cookie })
    expect(logout.statusCode).toBeLessThan(300)
    expect(await closed).toBe(4401)
    expect(Date.now() - from).toBeLessThan(2_000)
  })

  it('closes a socket without a session', async () => {
    const socket = await t.app.injectWS('/api/notifications/live')
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)))
    expect(code).toBe(4401)
  })
})

describe('residents without an account', () => {
  it('are told at accept, dispatch, handle and close through the message channel, by default the outbox log, masked', async () => {
    const p = await place()
    const no = await residentReport(t, p.point)
    const staffView = (
      await t.call({ method: 'GET', url: '/api/cases?queue=to_accept', cookie: p.chief.cookie })
    ).json()
    const c = staffView.items.find((i: { no: string }) => i.no === no)
    await post(`/api/cases/${c.id}/actions/accept`, { version: c.version }, p.chief.cookie)
    await t.app.outbox.drain()
    const logged = await queryRows<{ payload: { to: { phone: string }; text: string } }>(
      t.database.db,
      sql`select payload from outbox where topic = 'message.logged' and payload->>'text' like ${`%${no}%`}`,
    )
    const [sent] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from outbox where topic = 'message.send' and payload->>'text' like ${`%${no}%`}`,
    )
    expect(logged.map((l) => l.payload)).toEqual([
      {
        to: { phone: '139****5678', email: null },
        text: `【网格】您反映的事件 ${no} 已受理。`,
        key: sent?.id,
      },
    ])
  })
})

describe('the outbox', () => {
  it('retries a failed delivery later, keeping its error, and delivers it when it works', async () => {
    const drainer = createOutboxDrainer(t.database.db, t.app.log)
    let down = true
    const seen: unknown[] = []
    drainer.on('test.flaky', async (_tx, payload) => {
      if (down) throw new Error('the SMS gateway is down')
      seen.push(payload)
      return undefined
    })
    await t.database.db.transaction((tx) => outboxRepo.enqueue(tx, 'test.flaky', { n: 1 }))
    await drainer.drain()
    const [failed] = await queryRows<{
      attempts: number
      last_error: string
      later: boolean
      delivered_at: Date | null
    }>(
      t.database.db,
      sql`select attempts, last_error, available_at > now() as later, delivered_at from outbox where topic = 'test.flaky'`,
    )
    expect(failed).toMatchObject({
      attempts: 1,
      last_error: 'the SMS gateway is down',
      later: true,
      delivered_at: null,
    })
    down = false
    await t.database.db.execute(sql`update outbox set available_at = now() where topic = 'test.flaky'`)
    await drainer.drain()
    expect(seen).toEqual([{ n: 1 }])
  })

  it('leaves a topic it has no handler for to a drainer that has one, never marking it delivered', async () => {
    await t.database.db.transaction((tx) => outboxRepo.enqueue(tx, 'test.other', { n: 2 }))
    const narrow = createOutboxDrainer(t.database.db, t.app.log)
    narrow.on('test.unrelated', async () => undefined)
    await narrow.drain()
    const pending = async () =>
      (
        await queryRows<{ delivered: boolean }>(
          t.database.db,
          sql`select delivered_at is not null as delivered from outbox where topic = 'test.other'`,
        )
      )[0]?.delivered
    expect(await pending()).toBe(false)
    const seen: unknown[] = []
    const knowing = createOutboxDrainer(t.database.db, t.app.log)
    knowing.on('test.other', async (_tx, payload) => {
      seen.push(payload)
      return undefined
    })
    await knowing.drain()
    expect(seen).toEqual([{ n: 2 }])
    expect(await pending()).toBe(true)
  })
})
