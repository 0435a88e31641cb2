import { sql } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

const grid = (path: string) => ({ type: 'grid' as const, path })
/** A grid worker: device sessions are for those who patrol and manage nobody. */
const FIELD = { roles: [{ key: 'grid_worker', scope: grid('510104.001.002.08') }] }

/** Signs in from the field app; answers the response and the cookie header. */
async function signInDevice(username: string, password: string, name = '张三的手机') {
  const res = await t.call({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, device: { name } },
    headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile' },
  })
  expect(res.statusCode, res.body).toBe(200)
  const cookie = res.cookies.find((c) => c.name === 'wangge_session')
  if (!cookie) throw new Error('no session cookie')
  return { res, cookie: `wangge_session=${cookie.value}`, maxAge: cookie.maxAge }
}

const me = (cookie: string) => t.call({ method: 'GET', url: '/api/auth/me', cookie })
const devices = (cookie: string, user?: string) =>
  t.call({ method: 'GET', url: `/api/auth/devices${user ? `?user=${user}` : ''}`, cookie })
const end = (cookie: string, id: string) =>
  t.call({ method: 'DELETE', url: `/api/auth/devices/${id}`, cookie })

const idle = (userId: string, interval: string) =>
  t.database.db.execute(
    sql`update sessions set last_seen_at = now() - ${interval}::interval where user_id = ${userId}`,
  )

describe('signing in as a device', () => {
  it('opens a device session of 30 days: the cookie lasts as long, and the row says so', async () => {
    const u = await t.make.user(FIELD)
    const { cookie, maxAge } = await signInDevice(u.username, u.password)
    expect(maxAge).toBe(30 * 86_400)
    expect((await me(cookie)).statusCode).toBe(200)
    const [row] = await queryRows<{ kind: string; device_name: string; days: number }>(
      t.database.db,
      sql`select kind, device_name, extract(epoch from expires_at - created_at) / 86400 as days
        from sessions where user_id = ${u.id}`,
    )
    expect(row).toMatchObject({ kind: 'device', device_name: '张三的手机' })
    expect(Math.round(Number(row?.days))).toBe(30)
    const browser = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    })
    expect(browser.cookies.find((c) => c.name === 'wangge_session')?.maxAge).toBe(12 * 3600)
  })

  it('keeps a device session through days without use (idle limit 14 days), unlike a browser’s 30 minutes', async () => {
    const u = await t.make.user(FIELD)
    const phone = await signInDevice(u.username, u.password)
    const desk = await t.login(u.username)
    await idle(u.id, '13 days')
    expect((await me(phone.cookie)).statusCode).toBe(200)
    expect((await me(desk)).statusCode).toBe(401)
    await idle(u.id, '15 days')
    const gone = await me(phone.cookie)
    expect(gone.statusCode).toBe(401)
    expect(gone.json().code).toBe('auth.unauthenticated')
  })

  it('ends a device session at its absolute limit, however active', async () => {
    const u = await t.make.user(FIELD)
    const phone = await signInDevice(u.username, u.password)
    await t.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${u.id}`,
    )
    expect((await me(phone.cookie)).statusCode).toBe(401)
  })

  it('follows WANGGE_DEVICE_SESSION_DAYS and WANGGE_DEVICE_SESSION_IDLE_DAYS', async () => {
    const short = await testApp({ WANGGE_DEVICE_SESSION_DAYS: '7', WANGGE_DEVICE_SESSION_IDLE_DAYS: '2' })
    try {
      const u = await short.make.user(FIELD)
      const res = await short.call({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: u.password, device: { name: 'pad' } },
      })
      const cookie = res.cookies.find((c) => c.name === 'wangge_session')
      expect(cookie?.maxAge).toBe(7 * 86_400)
      await short.database.db.execute(
        sql`update sessions set last_seen_at = now() - interval '3 days' where user_id = ${u.id}`,
      )
      const after = await short.call({
        method: 'GET',
        url: '/api/auth/me',
        cookie: `wangge_session=${cookie?.value}`,
      })
      expect(after.statusCode).toBe(401)
    } finally {
      await short.close()
    }
  })

  it.each([
    ['an empty name', ''],
    ['a name of blanks', '   '],
    ['a name over 60 characters', 'x'.repeat(61)],
  ])('refuses %s with 400 and opens no session', async (_, name) => {
    const u = await t.make.user(FIELD)
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password, device: { name } },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const [n] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from sessions where user_id = ${u.id}`,
    )
    expect(n?.n).toBe(0)
  })

  it('opens a device session through the second factor too', async () => {
    const u = await t.make.user(FIELD)
    const cookie = await t.login(u.username, u.password)
    const { secret } = (await t.call({ method: 'POST', url: '/api/auth/second-factor/enrol', cookie })).json()
    const code = (ahead = 0) =>
      new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
        timestamp: Date.now() + ahead * 30_000,
      })
    const confirm = await t.call({
      method: 'POST',
      url: '/api/auth/second-factor/confirm',
      cookie,
      payload: { code: code() },
    })
    expect(confirm.statusCode).toBe(200)
    const first = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    })
    expect(first.json().code).toBe('auth.second_factor_required')
    const second = await t.call({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge: first.json().challenge, code: code(1), device: { name: '巡查平板' } },
    })
    expect(second.statusCode, second.body).toBe(200)
    expect(second.cookies.find((c) => c.name === 'wangge_session')?.maxAge).toBe(30 * 86_400)
    const phone = `wangge_session=${second.cookies.find((c) => c.name === 'wangge_session')?.value}`
    expect((await devices(phone)).json().items).toEqual([
      expect.objectContaining({ name: '巡查平板', current: true }),
    ])
  })
})

describe('who may sign in as a device', () => {
  it('refuses a device session to whoever manages others or does not patrol, with nothing opened', async () => {
    const admin = await t.make.user({ roles: [{ key: 'admin' }] })
    const clerk = await t.make.user({ roles: [{ key: 'intake_clerk', scope: grid('510104') }] })
    for (const u of [admin, clerk]) {
      const res = await t.call({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: u.password, device: { name: 'pad' } },
      })
      expect([res.statusCode, res.json().code]).toEqual([403, 'auth.device_not_allowed'])
      expect(res.cookies.find((c) => c.name === 'wangge_session')).toBeUndefined()
    }
  })
})

describe('my devices 我的设备', () => {
  it('lists my live device sessions only, with name, times, user agent and which one is this', async () => {
    const u = await t.make.user(FIELD)
    const a = await signInDevice(u.username, u.password, '手机 A')
    await signInDevice(u.username, u.password, '手机 B')
    const desk = await t.login(u.username)
    const other = await t.make.user(FIELD)
    await signInDevice(other.username, other.password, '别人的手机')

    const fromDesk = await devices(desk)
    expect(fromDesk.statusCode).toBe(200)
    const items = fromDesk.json().items
    expect(items.map((d: { name: string }) => d.name).sort()).toEqual(['手机 A', '手机 B'])
    expect(items.every((d: { current: boolean }) => !d.current)).toBe(true)
    expect(items[0]).toMatchObject({
      id: expect.any(String),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
      userAgent: 'Mozilla/5.0 (Linux; Android 14) Mobile',
    })
    const fromA = (await devices(a.cookie)).json().items
    expect(fromA.find((d: { current: boolean }) => d.current)?.name).toBe('手机 A')
  })

  it('ends one of my devices: its cookie then answers 401 auth.unauthenticated, the others go on, audited', async () => {
    const u = await t.make.user(FIELD)
    const a = await signInDevice(u.username, u.password, '手机 A')
    const b = await signInDevice(u.username, u.password, '手机 B')
    const desk = await t.login(u.username)
    const id = (await devices(desk)).json().items.find((d: { name: string }) => d.name === '手机 A').id
    expect((await end(desk, id)).statusCode).toBe(204)

    const after = await me(a.cookie)
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('auth.unauthenticated')
    expect((await me(b.cookie)).statusCode).toBe(200)
    expect((await me(desk)).statusCode).toBe(200)
    expect((await devices(desk)).json().items.map((d: { name: string }) => d.name)).toEqual(['手机 B'])

    const again = await end(desk, id)
    expect(again.statusCode).toBe(404)
    expect(again.json().code).toBe('auth.device_not_found')
    const audit = await queryRows<{ action: string; actor_id: string; summary: Record<string, unknown> }>(
      t.database.db,
      sql`select action, actor_id, summary from audit_log where resource_type = 'session' and resource_id = ${id}
        order by id`,
    )
    expect(audit.map((r) => r.action)).toEqual(['auth.login', 'session.revoke'])
    expect(audit[1]).toMatchObject({ actor_id: u.id, summary: { kind: 'device', userId: u.id, own: true } })
  })

  it('lets a manager of the user list and end their device, and refuses a peer with 403', async () => {
    const worker = await t.make.user({ roles: [{ key: 'grid_worker', scope: grid('510104.001.002.07') }] })
    const phone = await signInDevice(worker.username, worker.password, '网格员手机')
    const peer = await t.as([{ key: 'grid_worker', scope: grid('510104.001.002.07') }])
    const chief = await t.as([{ key: 'community_chief', scope: grid('510104.001.002') }])

    const peerList = await devices(peer.cookie, worker.id)
    expect(peerList.statusCode).toBe(403)
    const [id] = (await devices(phone.cookie)).json().items.map((d: { id: string }) => d.id)
    const peerEnd = await end(peer.cookie, id)
    expect(peerEnd.statusCode).toBe(403)
    expect(peerEnd.json().code).toBe('auth.forbidden')
    expect((await me(phone.cookie)).statusCode).toBe(200)

    const chiefList = await devices(chief.cookie, worker.id)
    expect(chiefList.statusCode).toBe(200)
    expect(chiefList.json().items).toEqual([
      expect.objectContaining({ id, name: '网格员手机', current: false }),
    ])
    expect((await end(chief.cookie, id)).statusCode).toBe(204)
    expect((await me(phone.cookie)).statusCode).toBe(401)
  })

  it('does not list or end browser sessions (404)', async () => {
    const u = await t.make.user(FIELD)
    const desk = await t.login(u.username)
    expect((await devices(desk)).json().items).toEqual([])
    const [row] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from sessions where user_id = ${u.id}`,
    )
    expect((await end(desk, String(row?.id))).statusCode).toBe(404)
  })

  it('needs a signed-in user', async () => {
    const res = await t.call({ method: 'GET', url: '/api/auth/devices' })
    expect(res.statusCode).toBe(401)
  })
})

describe('what ends device sessions with the others', () => {
  it('a password change ends my devices (other than this session)', async () => {
    const u = await t.make.user(FIELD)
    const phone = await signInDevice(u.username, u.password)
    const desk = await t.login(u.username)
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/password',
      cookie: desk,
      payload: { currentPassword: u.password, newPassword: 'New#Pass2026x' },
    })
    expect(res.statusCode).toBe(204)
    expect((await me(phone.cookie)).statusCode).toBe(401)
    expect((await me(desk)).statusCode).toBe(200)
  })

  it('a password reset and a disable by an administrator end every device', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const a = await t.make.user(FIELD)
    const b = await t.make.user(FIELD)
    const phoneA = await signInDevice(a.username, a.password)
    const phoneB = await signInDevice(b.username, b.password)
    const reset = await t.call({
      method: 'POST',
      url: `/api/users/${a.id}/password`,
      cookie: admin.cookie,
      payload: { password: 'Reset#Pass2026x' },
    })
    expect(reset.statusCode, reset.body).toBe(204)
    expect((await me(phoneA.cookie)).statusCode).toBe(401)
    const disable = await t.call({
      method: 'PATCH',
      url: `/api/users/${b.id}`,
      cookie: admin.cookie,
      payload: { status: 'disabled' },
    })
    expect(disable.statusCode, disable.body).toBe(200)
    expect((await me(phoneB.cookie)).statusCode).toBe(401)
  })

  it('the users list counts live device sessions by their own idle limit', async () => {
    const admin = await t.as([{ key: 'admin' }])
    const u = await t.make.user(FIELD)
    await signInDevice(u.username, u.password)
    await idle(u.id, '2 days')
    const view = await t.call({ method: 'GET', url: `/api/users/${u.id}`, cookie: admin.cookie })
    expect(view.json().liveSessions).toBe(1)
  })
})
