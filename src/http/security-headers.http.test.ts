import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../test/support/app'

let t: TestApp
let behindProxy: TestApp
let strict: TestApp
beforeAll(async () => {
  t = await testApp()
  behindProxy = await testApp({ WANGGE_TRUST_PROXY: '1' })
  strict = await testApp({ WANGGE_HSTS: 'always', WANGGE_CSP_EXTRA_ORIGINS: 'https://tiles.example.cn' })
})
afterAll(async () => {
  await Promise.all([t?.close(), behindProxy?.close(), strict?.close()])
})

/** The CSP's directives by name. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '')
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...values]) => [name, values]),
  )
}

function expectProtected(res: LightMyRequestResponse) {
  const policy = csp(res)
  expect(policy.get('default-src')).toEqual(["'self'"])
  expect(policy.get('script-src')).toEqual(["'self'"])
  expect(policy.get('script-src-attr')).toEqual(["'none'"])
  expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
  expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
  expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:80', 'wss://localhost:80'])
  expect(policy.get('worker-src')).toEqual(["'self'", 'blob:'])
  expect(policy.get('frame-ancestors')).toEqual(["'none'"])
  expect(policy.get('object-src')).toEqual(["'none'"])
  expect(policy.get('base-uri')).toEqual(["'self'"])
  expect(policy.get('form-action')).toEqual(["'self'"])
  expect(res.headers['content-security-policy']).not.toMatch(/unsafe-eval/)
  expect(res.headers['x-frame-options']).toBe('DENY')
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['referrer-policy']).toBe('same-origin')
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin')
  expect(res.headers['permissions-policy']).toMatch(/geolocation=\(self\)/)
  expect(res.headers['permissions-policy']).toMatch(/camera=\(\)/)
  expect(res.headers['x-powered-by']).toBeUndefined()
  // Plain HTTP with no trusted proxy: HSTS would be meaningless (and ignored by browsers).
  expect(res.headers['strict-transport-security']).toBeUndefined()
}

describe('browser protections', () => {
  it.each([
    ['the web app', '/'],
    ['the public report page', '/report'],
    ['the public tracking page', '/track/20260101-0001'],
    ['a client-side route', '/grids'],
    ['a notice board of no grid', '/notice/999999999'],
    ['the health check', '/healthz'],
    ['an API answer', '/api/auth/me'],
    ['an unknown API route', '/api/no-such-thing'],
    ['an Open311 answer', '/open311/v2/services.json'],
  ])('are on %s (%s)', async (_what, url) => {
    const res = await t.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBeLessThan(500)
    expectProtected(res)
  })

  it('are on a problem answered before any route ran (an unknown API key)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer wgk_not_a_key' },
    })
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expectProtected(res)
  })

  it('are on a validation problem', async () => {
    const res = await t.call({ method: 'POST', url: '/api/auth/login', payload: { username: 1 } })
    expect(res.statusCode).toBe(400)
    expectProtected(res)
  })

  it('name no host in the CSP that could break out of its directive', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { host: "evil; script-src 'unsafe-inline'" },
    })
    expect(csp(res).get('connect-src')).toEqual(["'self'", "'self'"])
    expect(csp(res).get('script-src')).toEqual(["'self'"])
  })

  it('send HSTS when a trusted proxy says the request came over HTTPS', async () => {
    const https = await behindProxy.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    const http = await behindProxy.app.inject({ method: 'GET', url: '/healthz' })
    expect(http.headers['strict-transport-security']).toBeUndefined()
    // An untrusted sender cannot switch it on or off: it is only a claim.
    const claimed = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(claimed.headers['strict-transport-security']).toBeUndefined()
  })

  it('send HSTS always and allow the configured extra origins when so configured', async () => {
    const res = await strict.app.inject({ method: 'GET', url: '/api/no-such-thing' })
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(csp(res).get('connect-src')).toContain('https://tiles.example.cn')
    expect(csp(res).get('img-src')).toContain('https://tiles.example.cn')
    expect(csp(res).get('script-src')).toEqual(["'self'"])
  })
})
