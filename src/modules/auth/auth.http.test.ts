import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

describe('sign-in', () => {
  it('signs in with the right password and answers /me with the cookie', async () => {
    const u = await t.make.user({ roles: [{ key: 'grid_worker' }] })
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    })
    expect(res.statusCode, res.body).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'wangge_session')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Lax')
    const me = await t.call({ method: 'GET', url: '/api/auth/me', cookie: `wangge_session=${cookie?.value}` })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({
      username: u.username,
      permissions: expect.arrayContaining(['case.report']),
    })
  })
})
