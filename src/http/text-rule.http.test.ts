import { sql } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../test/support/app'
import type { CasePlace } from '../../test/support/places'
import { queryRows } from '../db/database'

let t: TestApp
let admin: { cookie: string }
let p: CasePlace
beforeAll(async () => {
  t = await testApp()
  admin = await t.as([{ key: 'admin' }])
  p = await t.place('447101', 113)
})
afterAll(async () => {
  await t?.close()
})

const NUL = '\u0000'
const LONE_HIGH = '\ud800'
const LONE_LOW = '\udc00'

/** 400 request.invalid_text naming the field, with none of the bad characters in the answer. */
function expectInvalidText(res: LightMyRequestResponse, field: string) {
  expect(res.statusCode, res.body).toBe(400)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(res.json()).toMatchObject({ code: 'request.invalid_text', errors: [{ field }] })
  expect(res.body).not.toMatch(/\\u0000|\\ud[89ab]|\\udc|\ufffd/i)
}

async function caseCount() {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases`)
  return row?.n ?? 0
}

describe('the text rule: no NUL and no lone surrogate anywhere in a request', () => {
  it('refuses a NUL in a JSON value of an anonymous sign-in', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `admin${NUL}`, password: 'x' },
    })
    expectInvalidText(res, 'body.username')
  })

  it.each([
    ['a lone high surrogate', LONE_HIGH],
    ['a lone low surrogate', LONE_LOW],
    ['a NUL', NUL],
  ])('refuses %s in a nested case field and writes nothing', async (_name, bad) => {
    const before = await caseCount()
    // Sent as JSON escapes, as a client would: JSON.parse turns "\ud800" into a lone surrogate.
    const payload = JSON.stringify({
      categoryCode: '06010',
      location: p.point,
      description: `井盖缺失${bad}`,
    })
    const res = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: p.people.worker.cookie,
      headers: { 'content-type': 'application/json' },
      payload,
    })
    expectInvalidText(res, 'body.description')
    expect(await caseCount()).toBe(before)
  })

  it('names the object, not the key, when a field name is bad', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/public/cases',
      headers: { 'content-type': 'application/json' },
      payload: `{"categoryCode":"27001","location":{"lng":113.01,"lat":30.01,"x\\ud800y":1},"description":"路灯"}`,
    })
    expectInvalidText(res, 'body.location')
  })

  it('accepts a properly paired surrogate (an emoji)', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: p.people.worker.cookie,
      payload: { categoryCode: '06010', location: p.point, description: '井盖缺失 🚧', source: 'worker' },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().description).toBe('井盖缺失 🚧')
  })

  it('refuses %00 in a query string and in a path parameter', async () => {
    expectInvalidText(
      await t.call({ method: 'GET', url: '/api/audit?action=x%00', cookie: admin.cookie }),
      'query.action',
    )
    expectInvalidText(
      await t.call({ method: 'GET', url: '/api/grids/44%00', cookie: admin.cookie }),
      'params.code',
    )
  })

  it('answers a path that is not UTF-8 (an encoded surrogate) with 400 request.invalid_url', async () => {
    const res = await t.call({ method: 'GET', url: '/api/public/cases/%ED%A0%80' })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ code: 'request.invalid_url' })
    expect(res.body).not.toMatch(/\\ud800|\ufffd/)
  })

  it('answers a path segment over 100 characters with 414 request.param_too_long, not 500', async () => {
    const res = await t.call({ method: 'GET', url: `/api/case-categories/${'x'.repeat(101)}` })
    expect(res.statusCode, res.body).toBe(414)
    expect(res.json()).toMatchObject({ code: 'request.param_too_long' })
  })

  it('refuses a NUL in an Open311 form body, in the standard’s error format', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'service_code=06010&lat=30.01&long=113.01&description=a%00b',
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toEqual([{ code: 400, description: expect.stringMatching(/NUL/) }])
    expect(res.body).not.toMatch(/\\u0000/)
  })
})
