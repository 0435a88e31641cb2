import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

const signIn = (username: string, password: string) =>
  t.call({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
const me = (cookie?: string) => t.call({ method: 'GET', url: '/api/auth/me', cookie })

describe('sign-in failures', () => {
  it('answers a wrong password with 401 auth.invalid_credentials as problem+json, without a stack', async () => {
    const u = await t.make.user()
    const res = await signIn(u.username, 'Wrong#pass1')
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = res.json()
    expect(body).toMatchObject({
      status: 401,
      code: 'auth.invalid_credentials',
      requestId: expect.any(String),
    })
    expect(body.requestId).toBe(res.headers['x-request-id'])
    expect(body).not.toHaveProperty('stack')
    expect(res.cookies.find((c) => c.name === 'wangge_session')).toBeUndefined()
  })

  it('answers an unknown username exactly like a wrong password', async () => {
    const u = await t.make.user()
    const wrong = await signIn(u.username, 'Wrong#pass1')
    const unknown = await signIn(`nobody_${Date.now()}`, 'Wrong#pass1')
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json().code).toBe(wrong.json().code)
    expect(unknown.json().title).toBe(wrong.json().title)
  })

  it('makes the source wait a minute after the 5th failure, and then refuses the right password too', async () => {
    const u = await t.make.user()
    for (let i = 1; i <= 4; i++) {
      const res = await signIn(u.username, `Wrong#pass${i}`)
      expect(res.statusCode, `attempt ${i}`).toBe(401)
    }
    const fifth = await signIn(u.username, 'Wrong#pass5')
    expect(fifth.statusCode).toBe(423)
    expect(fifth.json()).toMatchObject({ code: 'auth.locked', retryAfterSeconds: 60 })
    expect(fifth.headers['retry-after']).toBe('60')

    const right = await signIn(u.username, u.password)
    expect(right.statusCode).toBe(423)
    expect(right.json().code).toBe('auth.locked')
    expect(right.json().retryAfterSeconds).toBeGreaterThan(0)
    expect(right.json().retryAfterSeconds).toBeLessThanOrEqual(60)
    expect(Number(right.headers['retry-after'])).toBe(right.json().retryAfterSeconds)
    expect(right.cookies.find((c) => c.name === 'wangge_session')).toBeUndefined()
  })

  it('forgets earlier failures after a successful sign-in', async () => {
    const u = await t.make.user()
    for (let i = 0; i < 4; i++) await signIn(u.username, 'Wrong#pass1')
    expect((await signIn(u.username, u.password)).statusCode).toBe(200)
    for (let i = 0; i < 4; i++) expect((await signIn(u.username, 'Wrong#pass1')).statusCode).toBe(401)
  })

  it('refuses a disabled user with the right password, as 401', async () => {
    const u = await t.make.user({ status: 'disabled' })
    const res = await signIn(u.username, u.password)
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.invalid_credentials')
  })
})

describe('session lifetime', () => {
  it('answers /me without a cookie with 401 auth.unauthenticated', async () => {
    const res = await me()
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.unauthenticated')
  })

  it('ends the session on logout', async () => {
    const u = await t.make.user()
    const cookie = await t.login(u.username)
    expect((await me(cookie)).statusCode).toBe(200)
    const out = await t.call({ method: 'POST', url: '/api/auth/logout', cookie })
    expect(out.statusCode).toBe(204)
    const after = await me(cookie)
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('auth.unauthenticated')
  })

  it.each([
    [31, 401],
    [29, 200],
  ])('answers a session idle for %i minutes with %i (the idle limit is 30)', async (minutes, status) => {
    const u = await t.make.user()
    const cookie = await t.login(u.username)
    await t.database.db.execute(
      sql`update sessions set last_seen_at = now() - make_interval(mins => ${minutes}) where user_id = ${u.id}`,
    )
    expect((await me(cookie)).statusCode).toBe(status)
  })

  it('ends a session past its absolute expiry, however active', async () => {
    const u = await t.make.user()
    const cookie = await t.login(u.username)
    await t.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${u.id}`,
    )
    expect((await me(cookie)).statusCode).toBe(401)
  })
})

describe('changing my password', () => {
  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    t.call({ method: 'POST', url: '/api/auth/password', cookie, payload: { currentPassword, newPassword } })

  it('refuses a weak new password with 400 auth.password_weak', async () => {
    const u = await t.make.user()
    const cookie = await t.login(u.username)
    const res = await change(cookie, u.password, 'password')
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('auth.password_weak')
    expect((await signIn(u.username, u.password)).statusCode).toBe(200)
  })

  // 403, not 401: the caller is signed in; only the password typed is wrong.
  it('refuses a wrong current password with 403 auth.wrong_current_password', async () => {
    const u = await t.make.user()
    const cookie = await t.login(u.username)
    const res = await change(cookie, 'Wrong#pass1', 'New#Pass2026')
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.wrong_current_password')
    expect((await me(cookie)).statusCode).toBe(200)
    expect((await signIn(u.username, 'New#Pass2026')).statusCode).toBe(401)
  })

  it('changes it: the old password stops working, other sessions end, this one goes on', async () => {
    const u = await t.make.user()
    const here = await t.login(u.username)
    const elsewhere = await t.login(u.username)
    const res = await change(here, u.password, 'New#Pass2026')
    expect(res.statusCode).toBe(204)

    expect((await me(here)).statusCode).toBe(200)
    expect((await me(elsewhere)).statusCode).toBe(401)
    expect((await signIn(u.username, u.password)).statusCode).toBe(401)
    expect((await signIn(u.username, 'New#Pass2026')).statusCode).toBe(200)
  })

  it('needs a signed-in user', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'Test#2026pass', newPassword: 'New#Pass2026' },
    })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.unauthenticated')
  })
})

describe('sign-in rate limit', () => {
  let limited: TestApp
  beforeAll(async () => {
    limited = await testApp({ WANGGE_LOGIN_RATE_LIMIT: '3' })
  })
  afterAll(() => limited?.close())

  it('answers the 4th attempt in a minute from one address with 429 auth.rate_limited', async () => {
    const u = await limited.make.user()
    const attempt = () =>
      limited.call({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'Wrong#pass1' },
      })
    for (let i = 1; i <= 3; i++) expect((await attempt()).statusCode, `attempt ${i}`).toBe(401)
    const fourth = await attempt()
    expect(fourth.statusCode).toBe(429)
    expect(fourth.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(fourth.json()).toMatchObject({ code: 'auth.rate_limited', retryAfterSeconds: expect.any(Number) })
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0)
  })
})
