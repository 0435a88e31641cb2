import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../test/support/app'
import { shippedMigrationCount } from '../db/migrate'

let t: TestApp
let tuned: TestApp
beforeAll(async () => {
  ;[t, tuned] = await Promise.all([
    // inject's requests come from 127.0.0.1: a monitoring address here, as a Prometheus host would be.
    testApp({ WANGGE_MONITORING_ADDRESSES: '127.0.0.1' }),
    testApp({ WANGGE_BODY_LIMIT: '2048', WANGGE_ALLOWED_ORIGINS: 'https://gov.example.cn' }),
  ])
})
afterAll(async () => {
  await Promise.all([t?.close(), tuned?.close()])
})

/** Every error leaves as problem+json with a code and a request id, and never with a stack. */
function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.json()
  expect(body).toMatchObject({ status, code, requestId: res.headers['x-request-id'] })
  expect(body).not.toHaveProperty('stack')
  expect(res.body).not.toMatch(/\n\s+at |node_modules|Failed query/)
  return body
}

/** inject exactly these headers (no default Origin). */
const raw = (app: TestApp, opts: InjectOptions) => app.app.inject(opts)

describe('problem+json conventions', () => {
  it('answers an unknown API route with 404 route.not_found', async () => {
    const get = await t.call({ method: 'GET', url: '/api/no-such-thing?x=1' })
    expect(expectProblem(get, 404, 'route.not_found').instance).toBe('/api/no-such-thing')
    expectProblem(
      await t.call({ method: 'POST', url: '/api/no-such-thing', payload: {} }),
      404,
      'route.not_found',
    )
  })

  it('answers malformed JSON with 400 request.malformed_json', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", ',
    })
    expectProblem(res, 400, 'request.malformed_json')
  })

  it('answers a body that is not JSON with 415 request.unsupported_media_type', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login><username>admin</username></login>',
    })
    expectProblem(res, 415, 'request.unsupported_media_type')
  })

  it('answers a body over WANGGE_BODY_LIMIT with 413 request.too_large', async () => {
    const res = await tuned.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'x'.repeat(10 * 1024) },
    })
    expectProblem(res, 413, 'request.too_large')
  })

  it('answers a body under the limit normally', async () => {
    const res = await tuned.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody_here', password: 'x'.repeat(200) },
    })
    expectProblem(res, 401, 'auth.invalid_credentials')
  })

  it.each([
    [undefined, '接口不存在'],
    ['zh-CN,zh;q=0.9,en;q=0.8', '接口不存在'],
    ['en-US,en;q=0.9', 'No route GET /api/nope'],
    ['en', 'No route GET /api/nope'],
  ])('with Accept-Language %j titles the problem %j', async (language, title) => {
    const headers = language ? { 'accept-language': language } : {}
    const res = await t.call({ method: 'GET', url: '/api/nope', headers })
    const body = expectProblem(res, 404, 'route.not_found')
    expect(body.title).toBe(title)
  })

  it('keeps the English title as detail when the title is Chinese', async () => {
    const res = await t.call({ method: 'GET', url: '/api/nope' })
    expect(res.json().detail).toBe('No route GET /api/nope')
  })

  it('makes up a request id, and ignores a client’s own unless it comes through a trusted proxy', async () => {
    const made = await t.call({ method: 'GET', url: '/healthz' })
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)

    const claimed = await t.call({
      method: 'GET',
      url: '/api/nope',
      headers: { 'x-request-id': 'hotline-42.a' },
    })
    expect(claimed.headers['x-request-id']).not.toBe('hotline-42.a')
    expect(claimed.json().requestId).toBe(claimed.headers['x-request-id'])

    const proxied = await testApp({ WANGGE_TRUST_PROXY: '127.0.0.1' })
    try {
      const given = await proxied.call({
        method: 'GET',
        url: '/api/nope',
        headers: { 'x-request-id': 'hotline-42.a' },
      })
      expect(given.headers['x-request-id']).toBe('hotline-42.a')
      expect(given.json().requestId).toBe('hotline-42.a')
      const unsafe = await proxied.call({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'a b\tc' },
      })
      expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    } finally {
      await proxied.close()
    }
  })

  it('hides the inside of a 500: no stack, no SQL, just server.internal', async () => {
    const broken = await testApp()
    try {
      await broken.database.close()
      const res = await broken.call({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'accept-language': 'en' },
        payload: { username: 'admin', password: 'Whatever#2026' },
      })
      const body = expectProblem(res, 500, 'server.internal')
      expect(body.title).toBe('Internal server error')
      expect(Object.keys(body).sort()).toEqual(['code', 'instance', 'requestId', 'status', 'title', 'type'])

      const ready = await broken.call({ method: 'GET', url: '/readyz' })
      expect(ready.statusCode).toBe(503)
      expect(ready.json().code).toBe('server.unavailable')
    } finally {
      await broken.app.close()
    }
  })
})

describe('CSRF: cookie-authenticated writes must come from the site', () => {
  const signedIn = async (app: TestApp = t) => {
    const u = await app.make.user()
    return app.login(u.username)
  }
  const logout = (app: TestApp, cookie: string, headers: Record<string, string>) =>
    raw(app, { method: 'POST', url: '/api/auth/logout', headers: { cookie, ...headers } })
  const alive = async (app: TestApp, cookie: string) =>
    (await app.call({ method: 'GET', url: '/api/auth/me', cookie })).statusCode === 200

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['no Origin and no Referer', {}],
    ['a foreign Referer and no Origin', { referer: 'https://evil.example/attack.html' }],
    ['a Referer that is not a URL', { referer: 'not a url' }],
    ['the same host on another port', { origin: 'http://localhost:8080' }],
  ])('refuses %s with 403 auth.csrf', async (_name, headers) => {
    const cookie = await signedIn()
    expectProblem(await logout(t, cookie, headers), 403, 'auth.csrf')
    expect(await alive(t, cookie)).toBe(true)
  })

  it('allows the site’s own Origin', async () => {
    const cookie = await signedIn()
    const res = await logout(t, cookie, {
      host: 'wangge.example.cn:3000',
      origin: 'http://wangge.example.cn:3000',
    })
    expect(res.statusCode, res.body).toBe(204)
    expect(await alive(t, cookie)).toBe(false)
  })

  it('allows a Referer from the site when there is no Origin', async () => {
    const cookie = await signedIn()
    const res = await logout(t, cookie, {
      host: 'wangge.example.cn:3000',
      referer: 'http://wangge.example.cn:3000/users?page=2',
    })
    expect(res.statusCode, res.body).toBe(204)
  })

  // Browsers leave the default port out of Origin; a Host header (as many proxies forward it: nginx
  // `proxy_set_header Host $host:$server_port`) or a Referer may name it. Same origin all the same.
  it.each([
    [
      'Origin without the default port, Host with it',
      { host: 'wangge.example.cn:80', origin: 'http://wangge.example.cn' },
    ],
    [
      'Referer without the default port, Host with it',
      { host: 'wangge.example.cn:80', referer: 'http://wangge.example.cn/users' },
    ],
  ])('treats the default port as the same origin: %s', async (_name, headers) => {
    const cookie = await signedIn()
    const res = await logout(t, cookie, headers)
    expect(res.statusCode, res.body).toBe(204)
  })

  it('allows an origin listed in WANGGE_ALLOWED_ORIGINS', async () => {
    const cookie = await signedIn(tuned)
    const res = await logout(tuned, cookie, { origin: 'https://gov.example.cn' })
    expect(res.statusCode, res.body).toBe(204)
  })

  it('lets a safe method through from anywhere', async () => {
    const cookie = await signedIn()
    const res = await raw(t, {
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie, origin: 'https://evil.example' },
    })
    expect(res.statusCode).toBe(200)
  })

  it('refuses a sign-in posted from a foreign Origin', async () => {
    const u = await t.make.user()
    const res = await raw(t, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: u.username, password: u.password },
    })
    expectProblem(res, 403, 'auth.csrf')
    expect(res.cookies).toEqual([])
  })

  it('allows a sign-in from a non-browser client (no Origin, no cookie)', async () => {
    const u = await t.make.user()
    const res = await raw(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    })
    expect(res.statusCode, res.body).toBe(200)
  })
})

describe('operations endpoints', () => {
  it('/healthz answers 200', async () => {
    const res = await t.call({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('/readyz answers 200 with every shipped migration applied', async () => {
    const res = await t.call({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'ready',
      database: t.database.kind,
      migrations: shippedMigrationCount(),
    })
    expect(shippedMigrationCount()).toBeGreaterThan(0)
  })

  it('/metrics is Prometheus text with request durations by route', async () => {
    await t.call({ method: 'GET', url: '/healthz' })
    const res = await t.call({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.body).toContain('# TYPE wangge_http_request_duration_seconds histogram')
    expect(res.body).toMatch(/wangge_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} \d+/)
  })

  it('/openapi.json documents the API', async () => {
    const res = await t.call({ method: 'GET', url: '/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users']))
    expect(doc.paths['/api/auth/login']).toHaveProperty('post')
  })

  it('/docs serves the API explorer', async () => {
    let res = await t.call({ method: 'GET', url: '/docs' })
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      const location = new URL(String(res.headers.location), 'http://localhost/docs/')
      res = await t.call({ method: 'GET', url: location.pathname })
    }
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toMatch(/swagger/i)
  })
})
