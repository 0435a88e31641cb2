import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'
import { queryRows } from '../../db/database'

// Small caps keep the test quick; the rule is the same at the defaults (100,000 and 2,000,000).
const PER_FEATURE = 20_000
const PER_IMPORT = 100_000

let t: TestApp
let chief: { cookie: string }
beforeAll(async () => {
  t = await testApp({
    WANGGE_GRID_MAX_VERTICES: String(PER_FEATURE),
    WANGGE_IMPORT_MAX_VERTICES: String(PER_IMPORT),
    // Room for a split whose parts together pass the per-import cap.
    WANGGE_BODY_LIMIT: String(8 * 1024 * 1024),
  })
  chief = await t.as([{ key: 'community_chief' }])
})
afterAll(() => t?.close())

/** A polygon of `n` vertices on a circle, the closing one included. */
function circle(x: number, y: number, r: number, n: number) {
  const ring = Array.from({ length: n - 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / (n - 1)
    return [x + r * Math.cos(a), y + r * Math.sin(a)]
  })
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
}

const feature = (code: string, level: string, parent: string | null, geometry: unknown) => ({
  type: 'Feature',
  properties: { code, name: `网格${code}`, level, parent_code: parent },
  geometry,
})

/** A district with `streets` round streets of `vertices` each (the district's square adds 5 more). */
const district = (code: string, x: number, streets: number, vertices: number) => ({
  type: 'FeatureCollection',
  features: [
    feature(code, 'district', null, box(x, 30, 0.5)),
    ...Array.from({ length: streets }, (_, i) =>
      feature(
        `${code}${String(i + 1).padStart(3, '0')}`,
        'street',
        code,
        circle(x + 0.05 + i * 0.1, 30.25, 0.04, vertices),
      ),
    ),
  ],
})

const post = (url: string, payload: unknown, method: 'POST' | 'PATCH' = 'POST') =>
  t.call({ method, url, cookie: chief.cookie, payload: payload as object })
const countUnder = async (code: string) =>
  (
    await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from grids where code like ${`${code}%`}`,
    )
  )[0]?.n

describe('grid geometry is capped before any SQL', () => {
  it('refuses an import with a feature over the per-feature cap, naming it, and writes nothing', async () => {
    const res = await post('/api/grids/import', district('520201', 60, 2, PER_FEATURE + 1))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({
      code: 'grid.geometry_too_complex',
      index: 1,
      grid: '520201001',
      vertices: PER_FEATURE + 1,
      limit: PER_FEATURE,
    })
    expect(res.json().detail).toMatch(/Feature 1 \(520201001\) has 20001 vertices/)
    expect(await countUnder('520201')).toBe(0)
  })

  it('refuses an import over the per-import cap in all', async () => {
    const res = await post('/api/grids/import', district('520202', 61, 6, PER_FEATURE))
    expect([res.statusCode, res.json().code, res.json().limit]).toEqual([
      422,
      'grid.geometry_too_complex',
      PER_IMPORT,
    ])
    expect(await countUnder('520202')).toBe(0)
  })

  it('holds creation, re-drawing and splitting to the same cap', async () => {
    const created = await post('/api/grids/import', district('520203', 62, 1, 100))
    expect(created.statusCode, created.body).toBe(201)
    const dense = circle(62.05, 30.25, 0.04, PER_FEATURE + 1)
    const create = await post('/api/grids', {
      code: '520203002',
      name: '密',
      level: 'street',
      parentCode: '520203',
      boundary: dense,
    })
    const redraw = await post('/api/grids/520203001', { boundary: dense }, 'PATCH')
    const split = await post('/api/grids/520203001/split', {
      parts: [
        { code: '520203003', name: '甲', boundary: dense },
        { code: '520203004', name: '乙', boundary: circle(62.05, 30.25, 0.01, 10) },
      ],
    })
    for (const res of [create, redraw, split])
      expect([res.statusCode, res.json().code]).toEqual([422, 'grid.geometry_too_complex'])
    expect(await countUnder('520203')).toBe(2)
  })

  it('holds the parts of a split together to the per-import cap', async () => {
    const created = await post('/api/grids/import', district('520205', 64, 1, 100))
    expect(created.statusCode, created.body).toBe(201)
    const parts = Array.from({ length: PER_IMPORT / PER_FEATURE + 1 }, (_, i) => ({
      code: `52020500${i + 2}`,
      name: `部分${i + 2}`,
      boundary: circle(64.05, 30.25, 0.04 - i * 0.001, PER_FEATURE),
    }))
    const res = await post('/api/grids/520205001/split', { parts })
    expect([res.statusCode, res.json().code, res.json().limit]).toEqual([
      422,
      'grid.geometry_too_complex',
      PER_IMPORT,
    ])
    expect(res.json().vertices).toBe(parts.length * PER_FEATURE)
    expect(await countUnder('520205')).toBe(2)
  })
})

describe('an import at the caps on the embedded database', () => {
  it('leaves /healthz answering while it runs', async () => {
    const body = district('520204', 63, PER_IMPORT / PER_FEATURE - 1, PER_FEATURE)
    const started = performance.now()
    let done = false
    const importing = post('/api/grids/import', body).finally(() => {
      done = true
    })
    // The longest the server went without answering: between one probe's answer and the next's.
    let answered = performance.now()
    let longest = 0
    let probes = 0
    while (!done) {
      const res = await t.call({ method: 'GET', url: '/healthz' })
      expect(res.statusCode).toBe(200)
      const now = performance.now()
      longest = Math.max(longest, now - answered)
      answered = now
      probes += 1
      await new Promise((resolve) => setImmediate(resolve))
    }
    const res = await importing
    const took = performance.now() - started
    expect(res.statusCode, res.body).toBe(201)
    // The bound: one feature's checks (four features here, so about a quarter of the import, plus the
    // parse before the first). Without steps between features the server is silent for the whole import.
    expect(probes).toBeGreaterThan(3)
    expect(longest).toBeLessThan(took / 2)
  })
})

describe('geometry a reader or a merge asks for on PostgreSQL', () => {
  const STREETS = 4
  let slow: TestApp
  beforeAll(async () => {
    slow = await testApp({ WANGGE_GEOMETRY_TIMEOUT_MS: '100' })
  })
  afterAll(() => slow?.close())

  /** A district whose streets are dense circles (400,000 vertices each) overlapping each other, written straight to the table: their union alone takes about 275 ms on an idle 2-core machine, well over the 100 ms limit. */
  async function denseDistrict(code: string) {
    const manager = await slow.as([{ key: 'community_chief' }])
    const made = await slow.call({
      method: 'POST',
      url: '/api/grids/import',
      cookie: manager.cookie,
      payload: district(code, 65, STREETS, 20),
    })
    expect(made.statusCode, made.body).toBe(201)
    await slow.database.db.execute(
      sql`update grids set boundary = ST_Multi(ST_Buffer(ST_Centroid(boundary), 0.3, 'quad_segs=100000'))
        where code like ${`${code}_%`}`,
    )
    return manager
  }

  it('cuts off the union of a coverage and of a merge, and writes nothing', async (ctx) => {
    if (slow.database.kind === 'pglite') ctx.skip()
    const manager = await denseDistrict('520206')
    const coverage = await slow.call({
      method: 'GET',
      url: '/api/grids/520206/coverage',
      cookie: manager.cookie,
    })
    expect([coverage.statusCode, coverage.json().code]).toEqual([422, 'grid.geometry_timeout'])
    const codes = Array.from({ length: STREETS }, (_, i) => `520206${String(i + 1).padStart(3, '0')}`)
    const merge = await slow.call({
      method: 'POST',
      url: '/api/grids/merge',
      cookie: manager.cookie,
      payload: { codes, into: { code: '520206099', name: '合并' } },
    })
    expect([merge.statusCode, merge.json().code]).toEqual([422, 'grid.geometry_timeout'])
    const current = await queryRows<{ n: number }>(
      slow.database.db,
      sql`select count(*)::int as n from grids where code like '520206%' and valid_to is null`,
    )
    expect(current[0]?.n).toBe(STREETS + 1)
  })
})
