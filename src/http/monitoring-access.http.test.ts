import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../test/support/app'

let t: TestApp
let lan: TestApp
let local: TestApp
let proxied: TestApp
beforeAll(async () => {
  t = await testApp()
  lan = await testApp({ WANGGE_MONITORING_ADDRESSES: '10.20.0.0/16, 2001:db8::1' })
  local = await testApp({ WANGGE_MONITORING_ADDRESSES: '127.0.0.1,::1' })
  proxied = await testApp({ WANGGE_MONITORING_ADDRESSES: '10.20.0.0/16', WANGGE_TRUST_PROXY: '127.0.0.1' })
})
afterAll(async () => {
  await Promise.all([t?.close(), lan?.close(), local?.close(), proxied?.close()])
})

const OUTSIDE = '203.0.113.9'
const get = (
  app: TestApp,
  url: string,
  remoteAddress: string,
  cookie?: string,
  headers: Record<string, string> = {},
) => app.app.inject({ method: 'GET', url, remoteAddress, headers: cookie ? { ...headers, cookie } : headers })

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

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1', OUTSIDE])(
    'answer no address without sign-in by default (%s)',
    async (ip) => {
      expect((await get(t, '/metrics', ip)).statusCode).toBe(401)
    },
  )

  it.each([
    ['127.0.0.1', 200],
    ['::1', 200],
    ['::ffff:127.0.0.1', 200],
    [OUTSIDE, 401],
  ])('answer loopback when it is configured (%s → %i)', async (ip, status) => {
    expect((await get(local, '/metrics', ip)).statusCode).toBe(status)
  })

  it.each<Record<string, string>>([
    { 'x-forwarded-for': OUTSIDE },
    { 'x-forwarded-for': '127.0.0.1' },
    { forwarded: 'for=203.0.113.9' },
  ])('refuse a request forwarded by an untrusted proxy on a monitoring address (%o)', async (headers) => {
    const res = await get(local, '/metrics', '127.0.0.1', undefined, headers)
    expect(res.statusCode).toBe(401)
    expect(res.body).not.toMatch(/wangge_http_request/)
  })

  it('believe a trusted proxy about the client, and nobody else', async () => {
    const viaProxy = (client: string) =>
      get(proxied, '/metrics', '127.0.0.1', undefined, { 'x-forwarded-for': client })
    expect((await viaProxy('10.20.3.4')).statusCode).toBe(200)
    expect((await viaProxy(OUTSIDE)).statusCode).toBe(401)
    const forged = await get(proxied, '/metrics', OUTSIDE, undefined, { 'x-forwarded-for': '10.20.3.4' })
    expect(forged.statusCode).toBe(401)
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
