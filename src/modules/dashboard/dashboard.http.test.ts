import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { personIn } from '../../../test/support/ledger-people'
import type { CasePlace } from '../../../test/support/places'
import { residentReport } from '../../../test/support/places'
import { queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

// A Wednesday afternoon in Shanghai; the cases are reported on the Monday before, yesterday and today.
let now = new Date('2026-11-25T15:00:00+08:00')
const at = (iso: string) => {
  now = new Date(iso)
}
let t: TestApp
let a: CasePlace
let b: CasePlace
let admin: { cookie: string }

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  a = await t.place('490201', 7)
  b = await t.place('490202', 8)
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

type Step = [who: 'chief' | 'officer' | 'worker', action: string, body?: object]

async function report(p: CasePlace, source = 'worker', categoryCode = '06010') {
  const res = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: p.people.worker.cookie,
    payload: { categoryCode, location: p.point, description: '垃圾', source },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; version: number }
}

async function run(p: CasePlace, start: { id: string; version: number }, steps: Step[]) {
  const cookies = {
    chief: p.people.streetChief.cookie,
    officer: p.people.officer.cookie,
    worker: p.people.worker.cookie,
  }
  let c = start
  for (const [who, action, body] of steps) {
    const res = await t.act(c.id, action, { version: c.version, ...body }, cookies[who])
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
    c = res.json()
  }
  return c
}

const CLOSE: Step[] = [
  ['chief', 'accept'],
  ['chief', 'dispatch'],
  ['officer', 'handle'],
  ['worker', 'verify', { pass: true }],
  ['chief', 'close'],
]

async function screen(cookie: string, query: string) {
  return t.call({ method: 'GET', url: `/api/dashboard/screen?${query}`, cookie })
}

/** The KPI strip recounted from the cases themselves, for a subtree and [from, to) China days. */
async function recount(path: string, from: string, to: string) {
  const since = new Date(`${from}T00:00:00+08:00`)
  const until = new Date(`${to}T00:00:00+08:00`)
  const [row] = await queryRows<{
    reported: number
    accepted: number
    closed: number
    open: number
    overdue: number
  }>(
    t.database.db,
    sql`select
      count(*) filter (where reported_at >= ${since} and reported_at < ${until})::int as reported,
      count(*) filter (where accepted_at >= ${since} and accepted_at < ${until})::int as accepted,
      count(*) filter (where closed_at >= ${since} and closed_at < ${until})::int as closed,
      count(*) filter (where state not in ('closed', 'rejected', 'merged', 'voided'))::int as open,
      count(*) filter (where (state = 'reported' and accept_due < ${now})
        or (state in ('accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated') and handle_due < ${now})
        or (state = 'handled' and verify_due < ${now}))::int as overdue
    from cases where grid_path <@ ${path}::ltree`,
  )
  return row
}

async function stats(cookie: string, grid: string, from: string, to: string, groupBy = 'none') {
  const res = await t.call({
    method: 'GET',
    url: `/api/cases/stats?from=${from}T00:00:00%2B08:00&to=${to}T00:00:00%2B08:00&grid=${grid}&groupBy=${groupBy}`,
    cookie,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().rows as {
    key: string | null
    received: number
    closingRate: number | null
    onTimeRate: number | null
    satisfactionRate: number | null
  }[]
}

describe('the big screen', () => {
  beforeAll(async () => {
    // Monday: two closed (rated 5 and 4), one rejected.
    at('2026-11-23T09:00:00+08:00')
    const first = await run(a, await report(a), CLOSE)
    await t.act(
      first.id,
      'rate',
      { version: (first as { version: number }).version, rating: 5 },
      a.people.worker.cookie,
    )
    const second = await run(a, await report(a, 'hotline'), CLOSE)
    await t.act(
      second.id,
      'rate',
      { version: (second as { version: number }).version, rating: 4 },
      a.people.worker.cookie,
    )
    await run(a, await report(a), [['chief', 'reject', { reason: '不属实' }]])
    // Yesterday: accepted, still open; and one left waiting past its acceptance deadline by now.
    at('2026-11-24T10:00:00+08:00')
    await run(a, await report(a, 'hotline', '06007'), [['chief', 'accept']])
    await report(a)
    // Today: a resident's report (with a name and phone that must not reach the screen), and one in B.
    at('2026-11-25T11:00:00+08:00')
    await residentReport(t, a.point)
    await report(b)
    at('2026-11-25T15:00:00+08:00')
  })

  it('counts a street from the rollup as the cases and the statistics count it', async () => {
    const res = await screen(a.people.streetChief.cookie, `grid=${a.d}001&period=month`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    const raw = await recount(a.paths.street, '2026-11-01', '2026-11-26')
    expect(body.kpi).toMatchObject(raw ?? {})
    expect(body.kpi.reported).toBe(6)
    const [row] = await stats(a.people.streetChief.cookie, `${a.d}001`, '2026-11-01', '2026-11-26')
    expect(body.kpi).toMatchObject({
      reported: row?.received,
      closingRate: row?.closingRate,
      onTimeRate: row?.onTimeRate,
      satisfactionRate: row?.satisfactionRate,
    })
    expect(body.kpi.satisfactionRate).toBe(1)
    expect(body.from).toBe('2026-11-01')
    expect(body.to).toBe('2026-11-25')
    expect(body.scope).toMatchObject({ code: `${a.d}001`, level: 'street' })
    // The street chief's area begins at the street: no step above it.
    expect(body.scope.breadcrumb.map((s: { code: string }) => s.code)).toEqual([`${a.d}001`])
    expect(body.scope.children).toEqual([
      { code: `${a.d}001001`, name: `community${a.d}`, level: 'community' },
    ])
    // Each day of the trend as the cases say; the categories and sources add up to the period's reports.
    const trend = Object.fromEntries(
      body.trend.map((d: { day: string; reported: number }) => [d.day, d.reported]),
    )
    expect(body.trend).toHaveLength(30)
    expect([trend['2026-11-23'], trend['2026-11-24'], trend['2026-11-25']]).toEqual([3, 2, 1])
    expect(body.trend.at(-1)).toMatchObject({ day: '2026-11-25', closed: 0 })
    expect(body.trend.find((d: { day: string }) => d.day === '2026-11-23').closed).toBe(2)
    const sum = (xs: { count: number }[]) => xs.reduce((s, x) => s + x.count, 0)
    expect(sum(body.categories)).toBe(6)
    expect(body.categories[0]).toMatchObject({ code: '06010', count: 5, name: { zh: expect.any(String) } })
    expect(sum(body.sources)).toBe(6)
    expect(body.sources).toEqual(
      expect.arrayContaining([
        { source: 'worker', count: 3 },
        { source: 'hotline', count: 2 },
        { source: 'resident', count: 1 },
      ]),
    )
    expect(body.ranking.basis).toBe('event_composite')
    expect(body.ranking.items).toEqual([
      expect.objectContaining({ code: `${a.d}001001`, received: 6, closingRate: row?.closingRate, rank: 1 }),
    ])
  })

  it('reads the cases below the rollup (a grid and its micro-grids) and agrees with them', async () => {
    for (const [grid, path] of [
      [`${a.d}001001001`, a.paths.grid],
      [`${a.d}001001`, a.paths.community],
    ] as const) {
      for (const [period, from] of [
        ['day', '2026-11-25'],
        ['week', '2026-11-23'],
      ] as const) {
        const res = await screen(a.people.chief.cookie, `grid=${grid}&period=${period}`)
        expect(res.statusCode, res.body).toBe(200)
        const body = res.json()
        expect(body.kpi, `${grid} ${period}`).toMatchObject((await recount(path, from, '2026-11-26')) ?? {})
        const [row] = await stats(a.people.chief.cookie, grid, from, '2026-11-26')
        expect(body.kpi.closingRate).toBe(row?.closingRate ?? null)
        // The community's children (grids) and the grid's (micro-grids) ranked from the cases.
        const children = await stats(a.people.chief.cookie, grid, from, '2026-11-26', 'child')
        expect(body.ranking.items.map((i: { received: number }) => i.received)).toEqual(
          children.filter((c) => c.key !== null).map((c) => c.received),
        )
      }
    }
    const week = (await screen(a.people.chief.cookie, `grid=${a.d}001001001&period=week`)).json()
    expect(week.kpi).toMatchObject({ reported: 6, accepted: 3, closed: 2, open: 3 })
    expect(week.scope.breadcrumb.map((s: { level: string }) => s.level)).toEqual(['community', 'grid'])
  })

  it('opens on the whole deployment for an administrator, each district a child', async () => {
    const res = await screen(admin.cookie, 'period=day')
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.scope).toMatchObject({ code: null, level: null })
    expect(body.scope.breadcrumb).toEqual([{ code: null, name: '', level: null }])
    const codes = body.scope.children.map((c: { code: string }) => c.code)
    expect(codes).toEqual(expect.arrayContaining([a.d, b.d]))
    const ranked = Object.fromEntries(
      body.ranking.items.map((i: { code: string; received: number }) => [i.code, i.received]),
    )
    expect([ranked[a.d], ranked[b.d]]).toEqual([1, 1])
    expect(body.workers).toMatchObject({ patrolHours: expect.any(Number), offline: [], outsideGrid: [] })
    // Drilled into a district, the breadcrumb has the whole area above it.
    const district = (await screen(admin.cookie, `grid=${a.d}&period=day`)).json()
    expect(district.scope.breadcrumb.map((s: { code: string | null }) => s.code)).toEqual([null, a.d])
    expect(district.scope.bbox).toHaveLength(4)
  })

  it('counts the accounts on duty again as soon as a post changes, each account once', async () => {
    // Posts start on the database's day: the screen is asked for on the real one.
    const wednesday = now
    now = new Date()
    onTestFinished(() => {
      now = wednesday
    })
    const total = async () =>
      (await screen(admin.cookie, `grid=${a.d}&period=day`)).json().workers.total as number
    const before = await total()
    expect(await total()).toBe(before)
    const worker = await t.as([])
    const appoint = async (code: string) => {
      const res = await t.call({
        method: 'POST',
        url: `/api/grids/${code}/posts`,
        cookie: admin.cookie,
        payload: { post: 'full_time_worker', userId: worker.id },
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json().id as string
    }
    const first = await appoint(`${a.d}001001001`)
    expect(await total()).toBe(before + 1)
    // A second post of the same account in the district: still one more account on duty.
    await appoint(`${a.d}001001001001`)
    expect(await total()).toBe(before + 1)
    // Both posts ended before the screen's day: the account is off duty.
    await t.database.db.execute(
      sql`update grid_posts set valid_to = current_date - 1 where user_id = ${worker.id}`,
    )
    expect(await total()).toBe(before)
    await t.database.db.execute(sql`update grid_posts set valid_to = null where id = ${first}`)
    expect(await total()).toBe(before + 1)
  })

  it('refuses a scope outside the reader’s events: 404 when they may not see the grid, 403 when they may', async () => {
    const unseen = await screen(b.people.chief.cookie, `grid=${a.d}001001&period=day`)
    expect(unseen.statusCode).toBe(404)
    expect(unseen.headers['content-type']).toContain('application/problem+json')
    expect(unseen.json().code).toBe('grid.not_found')
    const security = await t.as([{ key: 'security_admin' }])
    const roles = await t.call({
      method: 'POST',
      url: '/api/roles',
      cookie: security.cookie,
      payload: { key: 'map_viewer', nameZh: '看图', nameEn: 'Map viewer', permissions: ['grid.read'] },
    })
    expect(roles.statusCode, roles.body).toBe(201)
    const viewer = await t.as([
      { key: 'map_viewer', scope: { type: 'grid', path: '' } },
      { key: 'community_chief', scope: { type: 'grid', path: b.paths.community } },
    ])
    const refused = await screen(viewer.cookie, `grid=${a.d}001&period=day`)
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json().code).toBe('dashboard.out_of_scope')
    expect((await screen(viewer.cookie, 'grid=99999999&period=day')).statusCode).toBe(404)
    expect((await screen(viewer.cookie, 'period=year')).statusCode).toBe(400)
    // Its own area opens on its community.
    const own = (await screen(viewer.cookie, 'period=day')).json()
    expect(own.scope.code).toBe(`${b.d}001001`)
    expect(own.kpi.reported).toBe(1)
    const resident = await t.as([{ key: 'resident' }])
    expect((await screen(resident.cookie, 'period=day')).statusCode).toBe(403)
  })

  it('shows counts of people and groups, never a name, number or phone', async () => {
    const person = await personIn(t.database.db, a.micro, '王秘密')
    await t.database.db.execute(sql`update people set kind = 'floating' where id = ${person}`)
    await t.database.db.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code, starts_on)
      select ${uuidv7()}, ${person}, grid_id, grid_path, 'elderly_alone', '2026-01-01' from people where id = ${person}`)
    // A scope not asked for before (base data is kept a minute): the person's micro-grid.
    const res = await screen(a.people.chief.cookie, `grid=${a.d}001001001001&period=month`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.base.people).toMatchObject({ total: 1, floating: 1 })
    expect(body.groups).toEqual([
      { code: 'elderly_alone', name: { zh: '独居老人', en: 'Elderly living alone' }, count: 1 },
    ])
    const text = res.body
    for (const secret of ['王秘密', '李四', '13912345678', person]) expect(text).not.toContain(secret)
    // No field anywhere that names a resident's details.
    for (const key of ['phone', 'idNumber', 'contact', 'address', 'birthDate'])
      expect(text).not.toContain(`"${key}"`)
  })
})
