import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../test/support/app'

let t: TestApp
let lan: TestApp
beforeAll(async () => {
  t = await testApp()
  lan = await testApp({ WANGGE_MONITORING_ADDRESSES: '10.20.0.0/16, 2001:db8::1' })
})
afterAll(async () => {
  await Promise.all([t?.close(), lan?.close()])
})

const OUTSIDE = '203.0.113.9'
const get = (app: TestApp, url: string, remoteAddress: string, cookie?: string) =>
  app.app.inject({ method: 'GET', url, remoteAddress, headers: cookie ? { cookie } : {} })

describe('metrics and API documents', () => {
  it.each(['/metrics', '/openapi.json', '/docs', '/docs/static/index.html'])(
    'are refused to an anonymous caller from elsewhere (%s)',
    async (url) => {
      const res = await get(t, url, OUTSIDE)
      expect(res.statusCode).toBe(401)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(res.json().code).toBe('auth.unauthenticated')
      expect(res.body).not.toMatch(/wangge_http_request|"openapi":|swagger/i)
    },
  )

  it('are refused to staff who are not administrators of the whole deployment', async () => {
    const worker = await t.as([{ key: 'grid_worker' }])
    const chief = await t.as([{ key: 'street_chief', scope: { type: 'grid', path: '510104.001' } }])
    for (const cookie of [worker.cookie, chief.cookie]) {
      const res = await get(t, '/metrics', OUTSIDE, cookie)
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('auth.forbidden')
    }
  })

  it('answer the system administrator from anywhere', async () => {
    const admin = await t.as([{ key: 'admin' }])
    expect((await get(t, '/metrics', OUTSIDE, admin.cookie)).statusCode).toBe(200)
    expect((await get(t, '/openapi.json', OUTSIDE, admin.cookie)).json()).toHaveProperty('openapi')
  })

  it.each([
    ['127.0.0.1', 200],
    ['::1', 200],
    ['::ffff:127.0.0.1', 200],
    [OUTSIDE, 401],
  ])('answer the default monitoring addresses without sign-in (%s → %i)', async (ip, status) => {
    expect((await get(t, '/metrics', ip)).statusCode).toBe(status)
  })

  it.each([
    ['10.20.3.4', 200],
    ['2001:db8::1', 200],
    ['10.21.0.1', 401],
    ['127.0.0.1', 401],
  ])('answer the configured monitoring addresses only (%s → %i)', async (ip, status) => {
    expect((await get(lan, '/metrics', ip)).statusCode).toBe(status)
  })

  it('leave the health checks open to load balancers', async () => {
    expect((await get(t, '/healthz', OUTSIDE)).statusCode).toBe(200)
  })
})
