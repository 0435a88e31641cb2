import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'
import { coarsenPoint } from '../public/public.publish'

let t: TestApp
let admin: { cookie: string }

beforeAll(async () => {
  t = await testApp({ WANGGE_OPEN311_RATE_LIMIT: '1000', WANGGE_PUBLIC_COORD_PRECISION_M: '250' })
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const post = (url: string, payload: object, cookie?: string) =>
  t.call({ method: 'POST', url, cookie, payload })

let n = 0
/** A grid chain of its own (the shared case place), its grid worker and its street chief. */
async function place() {
  n += 1
  const p = await t.place(String(470100 + n), 70 + n)
  return {
    community: `community${p.d}`,
    point: { lng: p.x + 0.012345, lat: 30.012345 },
    worker: p.people.worker,
    chief: p.people.streetChief,
  }
}

/** What the probe found in a hotline-style report: a name, an ID number, a room. */
const RAW = {
  categoryCode: '06010',
  address: '幸福小区3栋2单元501室',
  description: '来电人王小明(身份证510104199001011234)反映楼下垃圾无人清运，电话13812345678',
}
const LEAKS = ['王小明', '510104199001011234', '13812345678', '3栋', '501室']

/** A staff report: by the grid worker, or by the street chief (who may decide publication) when it asks to publish. */
async function staffReport(p: Awaited<ReturnType<typeof place>>, extra: Record<string, unknown> = {}) {
  const res = await post(
    '/api/cases',
    { source: 'worker', location: p.point, ...RAW, ...extra },
    extra.publish ? p.chief.cookie : p.worker.cookie,
  )
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; no: string; version: number }
}

const listed = async (code = '06010') => {
  const res = await t.call({ method: 'GET', url: `/open311/v2/requests.json?service_code=${code}` })
  expect(res.statusCode, res.body).toBe(200)
  return {
    nos: (res.json() as { service_request_id: string }[]).map((r) => r.service_request_id),
    raw: res.body,
  }
}
const one = (no: string, extensions = false) =>
  t.call({ method: 'GET', url: `/open311/v2/requests/${no}.json${extensions ? '?extensions=true' : ''}` })

describe('what Open311 publishes', () => {
  it('lists no staff report its reporter did not agree to publish, and answers 404 for its number and token', async () => {
    const p = await place()
    const c = await staffReport(p)
    const { nos, raw } = await listed()
    expect(nos).not.toContain(c.no)
    for (const leak of LEAKS) expect(raw).not.toContain(leak)
    expect((await one(c.no)).statusCode).toBe(404)
    expect((await t.call({ method: 'GET', url: `/open311/v2/tokens/${c.no}.json` })).statusCode).toBe(404)
  })

  it('publishes a consented case with the category name, the estate and a coarse point, then the text staff approve, masked', async () => {
    const p = await place()
    const c = await staffReport(p, { publish: true })
    const res = await one(c.no, true)
    expect(res.statusCode, res.body).toBe(200)
    const cell = coarsenPoint(p.point, 250)
    expect(res.json()[0]).toMatchObject({
      service_request_id: c.no,
      description: '暴露垃圾',
      address: '幸福小区',
      lat: cell.lat,
      long: cell.lng,
      media_url: null,
      attributes: [],
      extended_attributes: { state: 'reported' },
    })
    expect(res.json()[0].extended_attributes).not.toHaveProperty('channel')
    for (const leak of LEAKS) expect(res.body).not.toContain(leak)
    expect(Math.abs(cell.lat - p.point.lat)).toBeGreaterThan(0)

    await t.photograph(c.id, 'accept', p.chief.cookie)
    const accepted = await post(
      `/api/cases/${c.id}/actions/accept`,
      { version: c.version, publicText: '垃圾清运已安排，联系人王先生 13912345678，座机 028-85123456' },
      p.chief.cookie,
    )
    expect(accepted.statusCode, accepted.body).toBe(200)
    const after = await one(c.no, true)
    const masked = '垃圾清运已安排，联系人王先生 139****5678，座机 028-****3456'
    expect(after.json()[0]).toMatchObject({ description: masked, status_notes: masked })
    expect(after.json()[0].notes[1]).toMatchObject({ type: 'accept', description: masked })
    for (const leak of [...LEAKS, '13912345678', '85123456']) expect(after.body).not.toContain(leak)
    expect((await listed()).nos).toContain(c.no)
  })

  it('publishes a category only while it is marked public, through the category configuration', async () => {
    const p = await place()
    const c = await staffReport(p, { categoryCode: '06012', publish: true })
    expect((await listed('06012')).nos).toContain(c.no)
    const off = await t.call({
      method: 'PATCH',
      url: '/api/case-categories/06012',
      cookie: admin.cookie,
      payload: { public: false },
    })
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json()).toMatchObject({ public: false, edited: true, shipped: { public: true } })
    expect((await listed('06012')).nos).not.toContain(c.no)
    expect((await one(c.no)).statusCode).toBe(404)
    const on = await t.call({
      method: 'PATCH',
      url: '/api/case-categories/06012',
      cookie: admin.cookie,
      payload: { public: true },
    })
    expect(on.json().public).toBe(true)
    expect((await listed('06012')).nos).toContain(c.no)
  })

  it('lets staff who accept the case record a caller’s consent, audited, and no one else', async () => {
    const p = await place()
    const c = await staffReport(p)
    const set = (publish: boolean, cookie?: string) =>
      t.call({ method: 'PUT', url: `/api/cases/${c.id}/publication`, cookie, payload: { publish } })
    const refused = await set(true, p.worker.cookie)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('case.publication_forbidden')
    expect((await set(true)).statusCode).toBe(401)
    expect((await listed()).nos).not.toContain(c.no)
    const done = await set(true, p.chief.cookie)
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toEqual({ publish: true })
    expect((await listed()).nos).toContain(c.no)
    expect((await set(false, p.chief.cookie)).statusCode).toBe(200)
    expect((await one(c.no)).statusCode).toBe(404)
    const audit = await queryRows<{ actor_id: string; summary: { publish: boolean } }>(
      t.database.db,
      sql`select actor_id, summary from audit_log where action = 'case.publication' and resource_id = ${c.no} order by id`,
    )
    expect(audit).toEqual([
      { actor_id: p.chief.id, summary: { publish: true } },
      { actor_id: p.chief.id, summary: { publish: false } },
    ])
  })

  it.each([
    ['06010', true, '暴露垃圾'],
    ['09003', false, '流浪乞讨'],
    ['21001', false, '矛盾纠纷 邻里纠纷'],
    ['22001', false, '治安隐患'],
  ])('ships %s as public: %s (%s)', async (code, isPublic) => {
    const res = await t.call({ method: 'GET', url: `/api/case-categories/${code}`, cookie: admin.cookie })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().public).toBe(isPublic)
  })

  it('publishes the road or estate of an address, else the community’s name, never a building or a name', async () => {
    const p = await place()
    const community = p.community
    for (const [address, shown] of [
      ['幸福小区B栋2单元', '幸福小区'],
      ['锦江路李四家门口', '锦江路'],
      ['Room 1203, Tower A', community],
    ]) {
      const c = await staffReport(p, { address, publish: true })
      const res = await one(c.no)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()[0].address).toBe(shown)
    }
  })

  it('refuses publish at intake from a reporter who may not decide publication, writing nothing', async () => {
    const p = await place()
    const count = async () =>
      (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases`))[0]?.n
    const before = await count()
    const refused = await post(
      '/api/cases',
      { source: 'worker', location: p.point, ...RAW, publish: true },
      p.worker.cookie,
    )
    expect(refused.statusCode, refused.body).toBe(403)
    expect(refused.json().code).toBe('case.publication_forbidden')
    expect(await count()).toBe(before)
    const decided = await staffReport(p, { publish: true })
    expect((await listed()).nos).toContain(decided.no)
  })

  it('publishes a public-page report only when the resident ticked 公开我的诉求', async () => {
    const p = await place()
    const report = async (publish?: boolean) => {
      const res = await t.call({
        method: 'POST',
        url: '/api/public/cases',
        remoteAddress: `198.51.100.${n * 2 + (publish ? 1 : 0)}`,
        payload: { ...RAW, location: p.point, ...(publish === undefined ? {} : { publish }) },
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json().no as string
    }
    const quiet = await report()
    const open = await report(true)
    const { nos, raw } = await listed()
    expect(nos).not.toContain(quiet)
    expect(nos).toContain(open)
    for (const leak of LEAKS) expect(raw).not.toContain(leak)
  })
})
