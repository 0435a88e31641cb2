import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { uuidv7 } from '../../lib/ids'

// Track points are kept in day partitions made from the clock at start: the app starts on the patrol's day.
let now = new Date('2026-11-05T09:00:00+08:00')
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let admin: string
let schemes: { grid: Scheme; worker: Scheme }

interface Scheme {
  id: string
  code: string
  version: number
  body: Record<string, unknown>
}
interface Result {
  subject: { key: string; name: string }
  values: Record<string, number | null>
  score: number
  rank: number
  previousRank: number | null
  movement: number | null
  stars: number
  list: string | null
  subsidy: { total: number } | null
}
interface Run {
  id: string
  dataVersion: string
  state: string
  results: Result[]
  abilities: string[]
}

const compute = (cookie: string, payload: object) =>
  t.call({ method: 'POST', url: '/api/assessment/runs', cookie, payload })
const computed = async (cookie: string, payload: object): Promise<Run> => {
  const res = await compute(cookie, payload)
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}
const mark = (cookie: string, payload: object) =>
  t.call({ method: 'PUT', url: '/api/assessment/marks', cookie, payload })

/** A worker's report through the API at the clock's time. */
async function report(place: StaffedPlace, at: string) {
  now = new Date(at)
  const res = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: place.people.worker.cookie,
    payload: { categoryCode: '06010', location: place.point, description: '路边垃圾', source: 'worker' },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; version: number }
}

/** A 30-minute patrol through the worker's own grid, a point every 30 s. */
async function patrol(place: StaffedPlace, startAt: string) {
  const t0 = Date.parse(startAt)
  now = new Date(t0 + 31 * 60_000)
  const id = uuidv7()
  const cookie = place.people.worker.cookie
  expect(
    (await t.call({ method: 'POST', url: '/api/patrols', cookie, payload: { id, startedAt: startAt } }))
      .statusCode,
  ).toBe(201)
  const points = Array.from({ length: 61 }, (_, i) => ({
    seq: i,
    t: new Date(t0 + i * 30_000).toISOString(),
    lon: place.x + 0.01 + 0.0002 * i,
    lat: 30.01,
    acc: 5,
  }))
  expect(
    (await t.call({ method: 'POST', url: `/api/patrols/${id}/points`, cookie, payload: { points } }))
      .statusCode,
  ).toBe(200)
  const ended = await t.call({
    method: 'POST',
    url: `/api/patrols/${id}/end`,
    cookie,
    payload: { endedAt: new Date(t0 + 30 * 60_000).toISOString() },
  })
  expect(ended.statusCode, ended.body).toBe(200)
  return ended.json() as { distanceM: number; durationS: number }
}

let walked: { distanceM: number; durationS: number }

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  a = await t.place('630101', 100)
  b = await t.place('630201', 102)
  admin = (await t.as([{ key: 'admin' }])).cookie
  // Each place's worker holds the full-time worker's post of their grid.
  for (const p of [a, b]) {
    const posted = await t.call({
      method: 'POST',
      url: `/api/grids/${p.d}001001001/posts`,
      cookie: p.people.streetChief.cookie,
      payload: { post: 'full_time_worker', userId: p.people.worker.id },
    })
    expect(posted.statusCode, posted.body).toBe(201)
  }
  // A post is dated by the database's own date, which the test's clock does not move: held since October.
  await t.database.db.execute(sql`update grid_posts set valid_from = '2026-10-01'`)
  walked = await patrol(a, '2026-11-05T10:00:00+08:00')
  // October: one report in each place, both accepted.
  for (const p of [a, b]) {
    const c = await report(p, '2026-10-21T10:00:00+08:00')
    const accepted = await t.act(c.id, 'accept', { version: c.version }, p.people.streetChief.cookie)
    expect(accepted.statusCode, accepted.body).toBe(200)
  }
  // November: A's worker reports three, two accepted and one refused; B's reports one, accepted.
  const made = [
    await report(a, '2026-11-03T09:00:00+08:00'),
    await report(a, '2026-11-03T09:10:00+08:00'),
    await report(a, '2026-11-03T09:20:00+08:00'),
  ]
  for (const c of made.slice(0, 2))
    expect(
      (await t.act(c.id, 'accept', { version: c.version }, a.people.streetChief.cookie)).statusCode,
    ).toBe(200)
  const refused = made[2] as { id: string; version: number }
  expect(
    (
      await t.act(
        refused.id,
        'reject',
        { version: refused.version, reason: '不属于受理范围' },
        a.people.streetChief.cookie,
      )
    ).statusCode,
  ).toBe(200)
  const bs = await report(b, '2026-11-04T09:00:00+08:00')
  expect(
    (await t.act(bs.id, 'accept', { version: bs.version }, b.people.streetChief.cookie)).statusCode,
  ).toBe(200)
  now = new Date('2026-12-02T09:00:00+08:00')
  const list = await t.call({ method: 'GET', url: '/api/assessment/schemes', cookie: admin })
  expect(list.statusCode, list.body).toBe(200)
  const items = list.json().items as (Scheme & { subject: string })[]
  schemes = {
    grid: items.find((s) => s.code === 'grid-monthly') as Scheme,
    worker: items.find((s) => s.code === 'worker-monthly') as Scheme,
  }
}, 180_000)
afterAll(() => t?.close())

describe('assessment runs', () => {
  it('computes last month’s rankings of every scheme by itself, once', async () => {
    expect(await t.app.monthlyAssessment.run()).toBe(2)
    expect(await t.app.monthlyAssessment.run()).toBe(0)
    const runs = await t.call({
      method: 'GET',
      url: `/api/assessment/runs?scheme=${schemes.worker.id}`,
      cookie: admin,
    })
    expect(runs.json().items).toMatchObject([{ period: '2026-11', scope: { path: '' }, state: 'computed' }])
  })

  it('assesses a street’s grids with the same event figures as the statistics', async () => {
    const run = await computed(a.people.streetChief.cookie, {
      scheme: schemes.grid.id,
      period: '2026-11',
      grid: `${a.d}001`,
    })
    expect(run.results.map((r) => r.subject.key)).toEqual([`${a.d}001001001`])
    const stats = await t.call({
      method: 'GET',
      url: `/api/cases/stats?from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00&grid=${a.d}001001001`,
      cookie: a.people.streetChief.cookie,
    })
    const row = stats.json().rows[0]
    const values = run.results[0]?.values ?? {}
    expect(row.received).toBe(3)
    for (const key of ['filingRate', 'closingRate', 'onTimeRate', 'reworkRate', 'satisfactionRate'])
      expect(values[key], key).toBe(row[key])
    expect(values.filingRate).toBe(0.6667)
    // The grid's field work is its worker's: one patrol.
    expect(values.patrolHours).toBe(0.5)
  })

  it('counts a worker’s reports, patrol and spot check, and pays the subsidy by the scheme', async () => {
    const first = await computed(admin, { scheme: schemes.worker.id, period: '2026-11' })
    const mine = first.results.find((r) => r.subject.key === a.people.worker.id)
    expect(mine?.values).toMatchObject({
      reportsFiled: 2,
      reportAccuracy: 0.6667,
      patrolHours: 0.5,
      patrolKm: Math.round(walked.distanceM / 10) / 100,
      spotCheck: null,
    })
    expect(first.results.find((r) => r.subject.key === b.people.worker.id)?.values.reportAccuracy).toBe(1)
    // The same data computes the same version; a spot check changes the score and the version.
    const again = await computed(admin, { scheme: schemes.worker.id, period: '2026-11' })
    expect(again.dataVersion).toBe(first.dataVersion)
    const marked = await mark(a.people.streetChief.cookie, {
      scheme: schemes.worker.id,
      period: '2026-11',
      subject: a.people.worker.id,
      kind: 'spot_check',
      score: 95,
      note: '回访三户，均认可',
    })
    expect(marked.statusCode, marked.body).toBe(200)
    const read = await t.call({
      method: 'GET',
      url: `/api/assessment/marks?scheme=${schemes.worker.id}&period=2026-11`,
      cookie: a.people.streetChief.cookie,
    })
    expect(read.json().items).toMatchObject([
      { subject: a.people.worker.id, kind: 'spot_check', score: 95, note: '回访三户，均认可' },
    ])
    // Another street's chief does not see the marks of A's worker.
    const other = await t.call({
      method: 'GET',
      url: `/api/assessment/marks?scheme=${schemes.worker.id}&period=2026-11`,
      cookie: b.people.streetChief.cookie,
    })
    expect(other.json().items).toEqual([])
    const after = await computed(admin, { scheme: schemes.worker.id, period: '2026-11' })
    const scored = after.results.find((r) => r.subject.key === a.people.worker.id)
    expect(after.dataVersion).not.toBe(first.dataVersion)
    expect(scored?.values.spotCheck).toBe(95)
    expect(scored?.score).not.toBe(mine?.score)
    // 2 filed reports × 3 yuan, with the scheme's quality factor for the score.
    expect(scored?.subsidy?.total).toBeGreaterThan(0)
  })

  it('ranks with movement since the period before, and lists the best and the worst', async () => {
    await computed(admin, { scheme: schemes.grid.id, period: '2026-10' })
    const run = await computed(admin, { scheme: schemes.grid.id, period: '2026-11' })
    expect(run.results).toHaveLength(2)
    for (const r of run.results) {
      expect(r.previousRank).not.toBeNull()
      expect(r.movement).toBe((r.previousRank ?? 0) - r.rank)
    }
    expect(run.results[0]?.rank).toBe(1)
    expect(run.results[0]?.list).toBe('red')
  })

  it('reads a ranking in pages: every line once across the pages, in each order, with the totals', async () => {
    const run = await computed(admin, { scheme: schemes.grid.id, period: '2026-11' })
    const page = async (query: string) => {
      const res = await t.call({
        method: 'GET',
        url: `/api/assessment/runs/${run.id}?${query}`,
        cookie: admin,
      })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as Run & { totals: { subjects: number; ranked: number; red: number }; page: object }
    }
    const whole = await page('limit=500')
    expect(whole.totals).toMatchObject({
      subjects: 2,
      ranked: 2,
      red: whole.results.filter((r) => r.list === 'red').length,
    })
    const keys = whole.results.map((r) => r.subject.key).sort()
    for (const sort of ['rank', 'score', 'name', 'movement'])
      for (const order of ['asc', 'desc']) {
        const seen: string[] = []
        for (let n = 1; n <= 3; n++) {
          const one = await page(`sort=${sort}&order=${order}&limit=1&page=${n}`)
          expect(one.page).toEqual({ number: n, limit: 1, sort, order })
          expect(one.totals.subjects).toBe(2)
          seen.push(...one.results.map((r) => r.subject.key))
        }
        expect([...seen].sort(), `${sort} ${order}`).toEqual(keys)
      }
    // Best first by default: rank 1 on the first page; by score, the highest.
    expect((await page('limit=1')).results[0]?.rank).toBe(1)
    expect((await page('sort=score&limit=1')).results[0]?.score).toBe(
      Math.max(...whole.results.map((r) => r.score)),
    )
    // One subject's line, for a detail opened by its address.
    const last = keys[1] ?? ''
    expect((await page(`subject=${last}`)).results.map((r) => r.subject.key)).toEqual([last])
    const bad = await t.call({
      method: 'GET',
      url: `/api/assessment/runs/${run.id}?limit=501`,
      cookie: admin,
    })
    expect(bad.statusCode).toBe(400)
  })

  it('keeps a published period final', async () => {
    const run = await computed(admin, { scheme: schemes.worker.id, period: '2026-11' })
    const published = await t.call({
      method: 'POST',
      url: `/api/assessment/runs/${run.id}/publish`,
      cookie: admin,
    })
    expect(published.statusCode, published.body).toBe(200)
    expect(published.json()).toMatchObject({ state: 'published', abilities: [] })
    const again = await compute(admin, { scheme: schemes.worker.id, period: '2026-11' })
    expect([again.statusCode, again.json().code]).toEqual([409, 'assessment.published'])
    const late = await mark(admin, {
      scheme: schemes.worker.id,
      period: '2026-11',
      subject: a.people.worker.id,
      kind: 'review',
      score: 50,
    })
    expect([late.statusCode, late.json().code]).toEqual([409, 'assessment.published'])
  })

  it('exports the subsidy sheet with the scheme and data version that made it', async () => {
    const runs = await t.call({
      method: 'GET',
      url: `/api/assessment/runs?scheme=${schemes.worker.id}`,
      cookie: admin,
    })
    const id = runs.json().items.find((r: { period: string }) => r.period === '2026-11').id
    const run = (
      await t.call({ method: 'GET', url: `/api/assessment/runs/${id}`, cookie: admin })
    ).json() as Run
    const res = await t.call({
      method: 'GET',
      url: `/api/assessment/runs/${id}/export.xlsx?sheet=subsidy`,
      cookie: admin,
    })
    expect(res.statusCode).toBe(200)
    expect(decodeURIComponent(res.headers['content-disposition'] as string)).toContain(
      '补贴核算_worker-monthly_2026-11.xlsx',
    )
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('补贴核算')
    const totals = run.results.reduce((sum, r) => sum + (r.subsidy?.total ?? 0), 0)
    const last = sheet?.getRow(sheet.rowCount)
    expect(last?.getCell(1).value).toBe('合计')
    expect(last?.values).toContain(Math.round(totals * 100) / 100)
    const about = book.getWorksheet('说明')
    const lines = about?.getSheetValues().map((r) => (Array.isArray(r) ? r.join(' ') : '')) ?? []
    expect(lines.join('\n')).toContain(run.dataVersion)
    expect(lines.join('\n')).toContain('网格员月度考核（v1）')
  })
})

describe('assessment rules', () => {
  it('lets only those who manage an area assess it, and readers see their own subtree', async () => {
    const other = await compute(a.people.streetChief.cookie, {
      scheme: schemes.grid.id,
      period: '2026-11',
      grid: `${b.d}001`,
    })
    expect([other.statusCode, other.json().code]).toEqual([403, 'assessment.forbidden'])
    const whole = await compute(a.people.streetChief.cookie, { scheme: schemes.grid.id, period: '2026-11' })
    expect(whole.statusCode).toBe(403)
    const worker = await t.call({
      method: 'GET',
      url: '/api/assessment/schemes',
      cookie: a.people.worker.cookie,
    })
    expect([worker.statusCode, worker.json().code]).toEqual([403, 'auth.forbidden'])
    // A street chief reading the whole-deployment run sees only their own street's lines.
    const runs = await t.call({
      method: 'GET',
      url: `/api/assessment/runs?scheme=${schemes.grid.id}`,
      cookie: admin,
    })
    const whole11 = runs
      .json()
      .items.find(
        (r: { period: string; scope: { path: string } }) => r.period === '2026-11' && r.scope.path === '',
      )
    const seen = await t.call({
      method: 'GET',
      url: `/api/assessment/runs/${whole11.id}`,
      cookie: a.people.streetChief.cookie,
    })
    expect(seen.json().results.map((r: Result) => r.subject.key)).toEqual([`${a.d}001001001`])
  })

  it('refuses bad periods, future periods, unknown schemes and subjects, and stale scheme versions', async () => {
    const bad = await compute(admin, { scheme: schemes.grid.id, period: '2026-13' })
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'request.invalid'])
    const future = await compute(admin, { scheme: schemes.grid.id, period: '2027-01' })
    expect([future.statusCode, future.json().code]).toEqual([400, 'assessment.future_period'])
    const unknown = await compute(admin, { scheme: uuidv7(), period: '2026-11' })
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'assessment.scheme_not_found'])
    const nobody = await mark(admin, {
      scheme: schemes.grid.id,
      period: '2026-10',
      subject: '999999',
      kind: 'review',
      score: 80,
    })
    expect([nobody.statusCode, nobody.json().code]).toEqual([404, 'assessment.subject_not_found'])
    const update = (version: number, weight: number) =>
      t.call({
        method: 'PUT',
        url: `/api/assessment/schemes/${schemes.grid.id}`,
        cookie: admin,
        payload: {
          version,
          name: { zh: '网格月度考核', en: 'Monthly grid assessment' },
          body: {
            ...schemes.grid.body,
            items: [{ indicator: 'onTimeRate', weight, floor: 0.6, target: 0.95 }],
          },
        },
      })
    expect((await update(schemes.grid.version, 0)).statusCode).toBe(400)
    const changed = await update(schemes.grid.version, 100)
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().version).toBe(schemes.grid.version + 1)
    const stale = await update(schemes.grid.version, 90)
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'assessment.version_conflict'])
  })
})
