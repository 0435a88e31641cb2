import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'

let proxied: TestApp
let forced: TestApp
beforeAll(async () => {
  ;[proxied, forced] = await Promise.all([
    testApp({ WANGGE_TRUST_PROXY: '127.0.0.1' }),
    testApp({ WANGGE_COOKIE_SECURE: 'true' }),
  ])
}, 300_000)
afterAll(async () => {
  await proxied?.close()
  await forced?.close()
})

async function sessionCookie(t: TestApp, headers: Record<string, string>, remoteAddress = '127.0.0.1') {
  const u = await t.make.user()
  const res = await t.call({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: u.username, password: u.password },
    headers,
    remoteAddress,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.cookies.find((c) => c.name === 'wangge_session')
}

describe('the session cookie is Secure whenever the sign-in came over HTTPS', () => {
  it('marks it Secure behind a trusted proxy that saw HTTPS', async () => {
    const overHttps = { 'x-forwarded-proto': 'https', origin: 'https://localhost:80' }
    expect((await sessionCookie(proxied, overHttps))?.secure).toBe(true)
  })

  it('does not believe X-Forwarded-Proto from anyone else', async () => {
    const cookie = await sessionCookie(proxied, { 'x-forwarded-proto': 'https' }, '203.0.113.9')
    expect(cookie?.secure).toBeFalsy()
  })

  it('leaves a plain HTTP sign-in without Secure', async () => {
    expect((await sessionCookie(proxied, {}))?.secure).toBeFalsy()
  })

  it('marks it Secure on plain HTTP when WANGGE_COOKIE_SECURE=true', async () => {
    expect((await sessionCookie(forced, {}))?.secure).toBe(true)
  })
})
