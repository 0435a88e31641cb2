import ExcelJS from 'exceljs'
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
        name: null,
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

describe('names, and the grouping under the reader’s own grid', () => {
  it('names child grids, departments, classes and states; a chief’s children by default', async () => {
    const p = await t.place('490104', 8)
    await t.make.case({ place: p, state: 'dispatched' })
    await t.make.case({ place: p, state: 'rejected' })
    const stats = (query: string) =>
      t.call({
        method: 'GET',
        url: `/api/cases/stats?from=2026-11-01&to=2026-12-01&${query}`,
        cookie: p.people.streetChief.cookie,
      })
    // No grid chosen: the street chief sees the street's communities, not the district above.
    const children = (await stats('groupBy=child')).json().rows
    expect(children).toMatchObject([
      { key: `${p.d}001001`, name: { zh: `community${p.d}`, en: `community${p.d}` }, received: 2 },
    ])
    expect((await stats('groupBy=department')).json().rows).toMatchObject([
      { key: null, name: null, received: 1 }, // the rejected one was never dispatched
      { key: p.department, name: { zh: '环卫所', en: '环卫所' }, received: 1 },
    ])
    expect((await stats('groupBy=big_class')).json().rows).toMatchObject([
      { key: '06', name: { zh: expect.any(String), en: expect.any(String) }, received: 2 },
    ])
    expect((await stats('groupBy=state')).json().rows).toMatchObject([
      { key: 'dispatched', name: { zh: '已派遣', en: 'Dispatched' } },
      { key: 'rejected', name: { zh: '不予立案', en: 'Rejected' } },
    ])
    expect((await stats('groupBy=month')).json().rows).toMatchObject([{ key: '2026-11', name: null }])
  })
})

describe('the Excel export', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

  async function exported(url: string, cookie: string, language?: string) {
    const res = await t.call({
      method: 'GET',
      url,
      cookie,
      headers: language ? { 'accept-language': language } : {},
    })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (!sheet) throw new Error('no sheet')
    const rows: unknown[][] = []
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1))
    })
    return { res, sheet, rows }
  }

  it('streams the figures of the page as a workbook, headers in the reader’s language', async () => {
    const p = await t.place('490105', 9)
    await t.make.case({ place: p, state: 'accepted' })
    await t.make.case({ place: p, state: 'rejected' })
    const url = `/api/cases/stats.xlsx?from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00&grid=${p.d}001&groupBy=child`
    const zh = await exported(url, p.people.streetChief.cookie)
    expect(zh.res.headers['content-type']).toBe(XLSX)
    expect(zh.res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('事件统计_2026-11-01_2026-11-30.xlsx')}`,
    )
    expect(zh.res.rawPayload.subarray(0, 2).toString()).toBe('PK')
    expect(zh.sheet.name).toBe('事件统计')
    expect(zh.rows[0]?.slice(0, 6)).toEqual(['编码', '网格', '受理数', '立案数', '立案率', '应结案数'])
    expect(zh.rows[0]).toHaveLength(20)
    // The known figures: two reported, one filed (50 %), one due, none closed.
    expect(zh.rows.slice(1)).toHaveLength(1)
    expect(zh.rows[1]?.slice(0, 8)).toEqual([`${p.d}001001`, `community${p.d}`, 2, 1, 0.5, 1, 0, 0])
    expect(zh.sheet.getCell('E2').numFmt).toBe('0.00%')

    const en = await exported(url, p.people.streetChief.cookie, 'en-US,en;q=0.9')
    expect(en.res.headers['content-disposition']).toContain('case-statistics_2026-11-01_2026-11-30.xlsx')
    expect(en.sheet.name).toBe('Case statistics')
    expect(en.rows[0]?.slice(0, 5)).toEqual(['Code', 'Grid', 'Received', 'Filed', 'Filing rate'])
    expect(en.rows[1]?.slice(0, 4)).toEqual([`${p.d}001001`, `community${p.d}`, 2, 1])
  })

  it('keeps to the reader’s scope like the page, and needs a sign-in', async () => {
    const p = await t.place('490106', 10)
    const other = await t.place('490107', 11)
    await t.make.case({ place: p, state: 'accepted' })
    await t.make.case({ place: other, state: 'accepted' })
    await t.make.case({ place: other, state: 'accepted' })
    const mine = await exported(
      '/api/cases/stats.xlsx?from=2026-11-01&to=2026-12-01&groupBy=none',
      p.people.streetChief.cookie,
    )
    // One total row: the street's own case, none of the other street's two.
    expect(mine.rows.map((r) => r.slice(0, 3))).toEqual([
      ['范围', '受理数', '立案数'],
      ['合计', 1, 1],
    ])
    const outside = await t.call({
      method: 'GET',
      url: `/api/cases/stats.xlsx?from=2026-11-01&to=2026-12-01&grid=${other.d}001`,
      cookie: p.people.streetChief.cookie,
    })
    expect(outside.statusCode).toBe(404)
    expect(outside.json().code).toBe('grid.not_found')
    const anonymous = await t.call({
      method: 'GET',
      url: '/api/cases/stats.xlsx?from=2026-11-01&to=2026-12-01',
    })
    expect(anonymous.statusCode).toBe(401)
    const resident = await t.as([{ key: 'resident' }])
    const refused = await t.call({
      method: 'GET',
      url: '/api/cases/stats.xlsx?from=2026-11-01&to=2026-12-01',
      cookie: resident.cookie,
    })
    expect(refused.statusCode).toBe(403)
  })
})
