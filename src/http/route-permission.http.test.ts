import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../test/support/app'

let t: TestApp
let resident: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  resident = await t.as([{ key: 'resident' }])
})
afterAll(() => t?.close())

/** A body of `total` bytes (malformed for every parser) that records how much of it was taken. */
function recordedBody(total: number) {
  const chunk = Buffer.alloc(64 * 1024, '{')
  const taken = { bytes: 0 }
  let sent = 0
  const stream = new Readable({
    read() {
      if (sent >= total) return this.push(null)
      sent += chunk.length
      taken.bytes = sent
      this.push(chunk)
    },
  })
  return { stream, taken }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The routes taking bodies above the default limit, each with a content type it accepts. */
const LARGE_BODY_ROUTES = [
  { method: 'POST', url: '/api/grids/import', type: 'application/json' },
  { method: 'POST', url: '/api/grids/import', type: 'application/zip' },
  { method: 'POST', url: '/api/cases/import', type: XLSX },
  { method: 'POST', url: '/api/cases/import', type: 'text/csv' },
  { method: 'POST', url: '/api/cases/0190a0a0-0000-7000-8000-000000000000/attachments', type: 'image/jpeg' },
  {
    method: 'PUT',
    url: '/api/grids/520102/posts/0190a0a0-0000-7000-8000-000000000000/photo',
    type: 'image/png',
  },
] as const

describe('bodies are read only for callers allowed to send them', () => {
  it('answers an anonymous large, malformed body 401 without reading it', async () => {
    for (const route of LARGE_BODY_ROUTES) {
      const { stream, taken } = recordedBody(8 * 1024 * 1024)
      const res = await t.call({
        method: route.method,
        url: route.url,
        headers: { 'content-type': route.type },
        payload: stream,
      })
      expect([route.url, res.statusCode, res.json().code]).toEqual([route.url, 401, 'auth.unauthenticated'])
      // Nothing beyond what the stream buffers ahead of a reader (one 64 KiB chunk and its high-water mark).
      expect(taken.bytes).toBeLessThanOrEqual(128 * 1024)
    }
  })

  it('answers a signed-in caller without the route’s permission 403 before reading the body', async () => {
    const imports = LARGE_BODY_ROUTES.filter((r) => !r.url.includes('attachments'))
    for (const route of imports) {
      const { stream, taken } = recordedBody(8 * 1024 * 1024)
      const res = await t.call({
        method: route.method,
        url: route.url,
        cookie: resident.cookie,
        headers: { 'content-type': route.type },
        payload: stream,
      })
      expect([route.url, res.statusCode, res.json().code]).toEqual([route.url, 403, 'auth.forbidden'])
      expect(taken.bytes).toBeLessThanOrEqual(128 * 1024)
    }
  })

  it('keeps the default body limit on other writes', async () => {
    const grids = await t.as([{ key: 'community_chief' }])
    const res = await t.call({
      method: 'POST',
      url: '/api/grids',
      cookie: grids.cookie,
      headers: { 'content-type': 'application/json' },
      payload: `{"name":"${'x'.repeat(1024 * 1024)}"}`,
    })
    expect([res.statusCode, res.json().code]).toEqual([413, 'request.too_large'])
  })
})
