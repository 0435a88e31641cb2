import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import type { CasePlace } from '../../../test/support/places'

let now = new Date('2026-11-23T09:00:00+08:00')
let t: TestApp
beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
})
afterAll(() => t?.close())

const at = (time: string) => {
  now = new Date(`2026-11-23T${time}:00+08:00`)
}

type Step = [who: 'chief' | 'officer' | 'worker', action: string, body?: object]

/** Reports a case and runs actions on it in turn, each on the version the previous one left. */
async function run(p: CasePlace, steps: Step[]) {
  const c = (
    await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: p.people.worker.cookie,
      payload: { categoryCode: '06010', location: p.point, description: '垃圾', source: 'worker' },
    })
  ).json()
  return goOn(p, c, steps)
}

async function goOn(p: CasePlace, start: { id: string; version: number }, steps: Step[]) {
  const cookies = {
    chief: p.people.streetChief.cookie,
    officer: p.people.officer.cookie,
    worker: p.people.worker.cookie,
  }
  let c = start
  for (const [who, action, body] of steps) {
    await t.photograph(c.id, action, cookies[who])
    const res = await t.call({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/${action}`,
      cookie: cookies[who],
      payload: { version: c.version, ...body },
    })
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
    c = res.json()
  }
  return c
}

describe('statistics', () => {
  it('computes the published indicators over the cases reported in a period', async () => {
    const p = await t.place('490101', 5)
    at('09:00')
    // Closed on time, rated 5.
    await run(p, [
      ['chief', 'accept'],
      ['chief', 'dispatch'],
      ['officer', 'handle'],
      ['worker', 'verify', { pass: true }],
      ['chief', 'close'],
      ['worker', 'rate', { rating: 5 }],
    ])
    // Sent back for rework.
    await run(p, [
      ['chief', 'accept'],
      ['chief', 'dispatch'],
      ['officer', 'handle'],
      ['worker', 'verify', { pass: false }],
    ])
    // Not filed.
    await run(p, [['chief', 'reject', { reason: '不属实' }]])
    // Deferred 缓办: filed but not due.
    await run(p, [
      ['chief', 'accept'],
      ['chief', 'suspend', { reason: '待工程', deferred: true }],
    ])
    // Extended by an hour, then handled after even the extended limit, closed late.
    const extended = await run(p, [
      ['chief', 'accept'],
      ['chief', 'dispatch'],
      ['officer', 'extend', { duration: { hours: 1 }, reason: '车辆' }],
      ['chief', 'decide_extension', { pass: true }],
    ])
    at('17:00')
    await goOn(p, extended, [
      ['officer', 'handle'],
      ['worker', 'verify', { pass: true }],
      ['chief', 'close'],
    ])
    const res = await t.call({
      method: 'GET',
      url: `/api/cases/stats?from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00&grid=${p.d}001`,
      cookie: p.people.streetChief.cookie,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().rows).toEqual([
      {
        key: null,
        received: 5,
        filed: 4,
        filingRate: 0.8,
        due: 3,
        closed: 2,
        closingRate: 0.6667,
        onTime: 1,
        onTimeRate: 0.3333,
        handled: 3,
        reworked: 1,
        reworkRate: 0.3333,
        extended: 1,
        extensionRate: 0.25,
        deferred: 1,
        avgHandlingHours: expect.any(Number),
        rated: 1,
        avgRating: 5,
        satisfactionRate: 1,
      },
    ])
    const byState = await t.call({
      method: 'GET',
      url: `/api/cases/stats?from=2026-11-01&to=2026-12-01&grid=${p.d}001&groupBy=state`,
      cookie: p.people.streetChief.cookie,
    })
    expect(
      Object.fromEntries(
        byState.json().rows.map((r: { key: string; received: number }) => [r.key, r.received]),
      ),
    ).toEqual({ closed: 2, rejected: 1, reopened: 1, suspended: 1 })
  })

  it('keeps each reader to their scope and refuses a bad period', async () => {
    const p = await t.place('490102', 6)
    const other = await t.place('490103', 7)
    // The input first: the other place has a case, and its own street chief reads its figures.
    await t.make.case({ place: other, state: 'accepted' })
    const own = await t.call({
      method: 'GET',
      url: `/api/cases/stats?from=2026-11-01&to=2026-12-01&grid=${other.d}001`,
      cookie: other.people.streetChief.cookie,
    })
    expect(own.statusCode, own.body).toBe(200)
    expect(own.json().rows[0]).toMatchObject({ received: 1, filed: 1 })
    const res = await t.call({
      method: 'GET',
      url: `/api/cases/stats?from=2026-11-01&to=2026-12-01&grid=${other.d}`,
      cookie: p.people.streetChief.cookie,
    })
    // As for a grid that does not exist: the answer does not tell it exists.
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('grid.not_found')
    const missing = await t.call({
      method: 'GET',
      url: '/api/cases/stats?from=2026-11-01&to=2026-12-01&grid=999999999',
      cookie: p.people.streetChief.cookie,
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ code: 'grid.not_found', status: 404 })
    const bad = await t.call({
      method: 'GET',
      url: '/api/cases/stats?from=2026-12-01&to=2026-11-01',
      cookie: p.people.streetChief.cookie,
    })
    expect(bad.statusCode).toBe(400)
  })
})
