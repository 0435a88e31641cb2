import { sql } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { DEFAULT_PASSWORD } from '../../../test/support/make'
import { queryRows } from '../../db/database'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

/** The code an authenticator app shows, `stepsAhead` 30-second steps from now. */
const codeOf = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  })

const signIn = (app: TestApp, username: string, password = DEFAULT_PASSWORD) =>
  app.call({ method: 'POST', url: '/api/auth/login', payload: { username, password } })

const secondStep = (app: TestApp, payload: Record<string, string>, remoteAddress?: string) =>
  app.call({ method: 'POST', url: '/api/auth/login/second-factor', payload, remoteAddress })

/** A user who enrolled a factor: their secret and recovery codes. */
async function enrolled(app: TestApp = t, roles: { key: string }[] = [{ key: 'grid_worker' }]) {
  const user = await app.make.user({ roles })
  const cookie = await app.login(user.username, user.password)
  const enrol = await app.call({ method: 'POST', url: '/api/auth/second-factor/enrol', cookie })
  expect(enrol.statusCode).toBe(200)
  const { secret } = enrol.json()
  const confirm = await app.call({
    method: 'POST',
    url: '/api/auth/second-factor/confirm',
    cookie,
    payload: { code: codeOf(secret) },
  })
  expect(confirm.statusCode).toBe(200)
  return { ...user, secret, cookie, recoveryCodes: confirm.json().recoveryCodes as string[] }
}

async function challengeOf(app: TestApp, username: string): Promise<string> {
  const res = await signIn(app, username)
  expect(res.statusCode).toBe(401)
  expect(res.json().code).toBe('auth.second_factor_required')
  return res.json().challenge
}

const auditActions = async (app: TestApp, userId: string) =>
  (
    await queryRows<{ action: string; summary: unknown }>(
      app.database.db,
      sql`select action, summary from audit_log where resource_id = ${userId} or actor_id = ${userId} order by id`,
    )
  ).map((r) => ({ action: r.action, summary: JSON.stringify(r.summary) }))

describe('enrolling a second factor', () => {
  it('gives a secret, an otpauth address and a QR code, and activates it on a right code', async () => {
    const user = await t.make.user()
    const cookie = await t.login(user.username)
    const enrol = await t.call({ method: 'POST', url: '/api/auth/second-factor/enrol', cookie })
    const { secret, uri, qr } = enrol.json()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=/)
    expect(qr).toMatch(/^data:image\/png;base64,/)
    const stored = await queryRows<{ pending_secret: string }>(
      t.database.db,
      sql`select pending_secret from second_factors where user_id = ${user.id}`,
    )
    expect(stored[0]?.pending_secret).not.toContain(secret)

    const wrong = await t.call({
      method: 'POST',
      url: '/api/auth/second-factor/confirm',
      cookie,
      payload: { code: codeOf(secret, 5) },
    })
    expect(wrong.json().code).toBe('auth.second_factor_invalid')
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie })).json().secondFactor).toEqual({
      active: false,
      required: false,
    })

    const confirm = await t.call({
      method: 'POST',
      url: '/api/auth/second-factor/confirm',
      cookie,
      payload: { code: codeOf(secret) },
    })
    expect(confirm.statusCode).toBe(200)
    const codes: string[] = confirm.json().recoveryCodes
    expect(new Set(codes).size).toBe(10)
    expect((await t.call({ method: 'GET', url: '/api/auth/me', cookie })).json().secondFactor.active).toBe(
      true,
    )

    const audit = await auditActions(t, user.id)
    expect(audit.map((a) => a.action)).toContain('auth.second_factor_enabled')
    for (const a of audit) {
      expect(a.summary).not.toContain(secret)
      for (const c of codes) expect(a.summary).not.toContain(c)
    }
  })

  it('keeps the old factor until a new enrolment is confirmed', async () => {
    const user = await enrolled()
    await t.call({ method: 'POST', url: '/api/auth/second-factor/enrol', cookie: user.cookie })
    const challenge = await challengeOf(t, user.username)
    const res = await secondStep(t, { challenge, code: codeOf(user.secret, 1) })
    expect(res.statusCode).toBe(200)
  })

  it('refuses a confirmation without an enrolment', async () => {
    const u = await t.make.user()
    const cookie = await t.login(u.username)
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/second-factor/confirm',
      cookie,
      payload: { code: '123456' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('auth.second_factor_not_enrolling')
  })
})

describe('signing in with a second factor', () => {
  it('needs the code after the password, sets the cookie, and refuses the same code again', async () => {
    const user = await enrolled()
    const challenge = await challengeOf(t, user.username)
    const code = codeOf(user.secret, 1)
    const ok = await secondStep(t, { challenge, code })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().secondFactor.active).toBe(true)
    const cookie = ok.cookies.find((c) => c.name === 'wangge_session')
    expect(cookie?.httpOnly).toBe(true)
    const me = await t.call({ method: 'GET', url: '/api/auth/me', cookie: `wangge_session=${cookie?.value}` })
    expect(me.json().username).toBe(user.username)

    const replay = await secondStep(t, { challenge: await challengeOf(t, user.username), code })
    expect(replay.statusCode).toBe(401)
    expect(replay.json().code).toBe('auth.second_factor_invalid')
    expect(replay.cookies.find((c) => c.name === 'wangge_session')).toBeUndefined()

    const audit = await auditActions(t, user.id)
    expect(audit.some((a) => a.action === 'auth.login' && a.summary.includes('"code"'))).toBe(true)
    expect(audit.map((a) => a.action)).toContain('auth.second_factor_failed')
  })

  it('uses a challenge once', async () => {
    const user = await enrolled()
    const challenge = await challengeOf(t, user.username)
    expect((await secondStep(t, { challenge, code: codeOf(user.secret, 1) })).statusCode).toBe(200)
    const again = await secondStep(t, { challenge, recoveryCode: user.recoveryCodes[0] as string })
    expect(again.json().code).toBe('auth.challenge_invalid')
  })

  it('counts wrong codes toward the sign-in throttle, then refuses even the right one', async () => {
    const user = await enrolled()
    const challenge = await challengeOf(t, user.username)
    const wrong = String((Number(codeOf(user.secret, 1)) + 1) % 1_000_000).padStart(6, '0')
    for (let i = 0; i < 3; i++)
      expect((await secondStep(t, { challenge, code: wrong })).json().code).toBe('auth.second_factor_invalid')
    expect((await secondStep(t, { challenge, code: wrong })).statusCode).toBe(423)
    const right = await secondStep(t, { challenge, code: codeOf(user.secret, 1) })
    expect(right.statusCode).toBe(423)
    expect(right.json().code).toBe('auth.locked')
  })

  it('takes a recovery code once', async () => {
    const user = await enrolled()
    const recoveryCode = (user.recoveryCodes[3] as string).toUpperCase()
    const first = await secondStep(t, { challenge: await challengeOf(t, user.username), recoveryCode })
    expect(first.statusCode).toBe(200)
    const second = await secondStep(t, { challenge: await challengeOf(t, user.username), recoveryCode })
    expect(second.json().code).toBe('auth.second_factor_invalid')
    const audit = await auditActions(t, user.id)
    expect(audit.some((a) => a.action === 'auth.login' && a.summary.includes('recovery_code'))).toBe(true)
  })

  it('binds the challenge to the user and the address, and ends it after five minutes', async () => {
    const alice = await enrolled()
    const bob = await enrolled()
    const challenge = await challengeOf(t, alice.username)
    const bobs = await secondStep(t, { challenge, code: codeOf(bob.secret, 1) })
    expect(bobs.json().code).toBe('auth.second_factor_invalid')
    const bobsRecovery = await secondStep(t, { challenge, recoveryCode: bob.recoveryCodes[0] as string })
    expect(bobsRecovery.json().code).toBe('auth.second_factor_invalid')

    const elsewhere = await secondStep(t, { challenge, code: codeOf(alice.secret, 1) }, '203.0.113.9')
    expect(elsewhere.json().code).toBe('auth.challenge_invalid')

    await t.database.db.execute(
      sql`update login_challenges set expires_at = now() - interval '1 second' where user_id = ${alice.id}`,
    )
    const late = await secondStep(t, { challenge, code: codeOf(alice.secret, 1) })
    expect(late.statusCode).toBe(401)
    expect(late.json().code).toBe('auth.challenge_invalid')
    expect(late.json().title).toBeTruthy()
  })

  it('answers a code and a recovery code together, or neither, with 400', async () => {
    const res = await secondStep(t, { challenge: 'x', code: '123456', recoveryCode: 'abcd' })
    expect(res.statusCode).toBe(400)
    expect((await secondStep(t, { challenge: 'x' })).statusCode).toBe(400)
  })
})

describe('resetting a lost factor', () => {
  it('lets the security administrator remove it, so the user signs in with the password and enrols again', async () => {
    const user = await enrolled()
    const worker = await t.as([{ key: 'grid_worker' }])
    const byWorker = await t.call({
      method: 'DELETE',
      url: `/api/users/${user.id}/second-factor`,
      cookie: worker.cookie,
    })
    expect(byWorker.statusCode).toBe(403)

    const security = await t.as([{ key: 'security_admin' }])
    const reset = await t.call({
      method: 'DELETE',
      url: `/api/users/${user.id}/second-factor`,
      cookie: security.cookie,
    })
    expect(reset.statusCode).toBe(204)
    const again = await t.call({
      method: 'DELETE',
      url: `/api/users/${user.id}/second-factor`,
      cookie: security.cookie,
    })
    expect(again.json().code).toBe('auth.second_factor_not_found')

    const login = await signIn(t, user.username)
    expect(login.statusCode).toBe(200)
    expect(login.json().secondFactor.active).toBe(false)
    const audit = await auditActions(t, user.id)
    expect(audit.map((a) => a.action)).toContain('auth.second_factor_reset')
  })

  it('does not let the security administrator reset their own', async () => {
    const security = await enrolled(t, [{ key: 'security_admin' }])
    const res = await t.call({
      method: 'DELETE',
      url: `/api/users/${security.id}/second-factor`,
      cookie: security.cookie,
    })
    expect(res.statusCode).toBe(403)
  })
})

describe('roles that require a second factor', () => {
  let strict: TestApp
  beforeAll(async () => {
    strict = await testApp({ WANGGE_SECOND_FACTOR_ROLES: 'grid_worker' })
  })
  afterAll(() => strict?.close())

  it('allows only me, sign-out and enrolment until the user enrols', async () => {
    const user = await strict.make.user({ roles: [{ key: 'grid_worker' }] })
    const cookie = await strict.login(user.username)
    const me = await strict.call({ method: 'GET', url: '/api/auth/me', cookie })
    expect(me.json().secondFactor).toEqual({ active: false, required: true })
    const grids = await strict.call({
      method: 'GET',
      url: '/api/grids',
      cookie,
      headers: { 'accept-language': 'zh-CN' },
    })
    expect(grids.statusCode).toBe(403)
    expect(grids.json().code).toBe('auth.second_factor_enrolment_required')
    expect(grids.json().title).toBe('请先设置两步验证')

    const { secret } = (
      await strict.call({ method: 'POST', url: '/api/auth/second-factor/enrol', cookie })
    ).json()
    const confirm = await strict.call({
      method: 'POST',
      url: '/api/auth/second-factor/confirm',
      cookie,
      payload: { code: codeOf(secret) },
    })
    expect(confirm.statusCode).toBe(200)
    expect((await strict.call({ method: 'GET', url: '/api/grids', cookie })).statusCode).toBe(200)
  })

  it('leaves other roles alone', async () => {
    const user = await strict.make.user({ roles: [{ key: 'resident' }] })
    const cookie = await strict.login(user.username)
    expect((await strict.call({ method: 'GET', url: '/api/auth/me', cookie })).json().secondFactor).toEqual({
      active: false,
      required: false,
    })
  })
})
