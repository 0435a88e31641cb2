import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'
import { queryRows } from '../../db/database'

let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
})

/** A district with two streets, children listed before parents to show order does not matter. */
const collection = (district: string, x: number) => ({
  type: 'FeatureCollection',
  features: [
    feature(
      { code: `${district}002`, name: '东街道', level: 'street', parent_code: district },
      box(x + 0.2, 30, 0.2),
    ),
    feature({ code: district, name: '导入区', level: 'district' }, box(x, 30, 0.4)),
    feature(
      { code: `${district}001`, name: '西街道', level: 'street', parent_code: district },
      box(x, 30, 0.2),
    ),
  ],
})

const importGrids = (body: unknown) =>
  t.call({ method: 'POST', url: '/api/grids/import', cookie: admin.cookie, payload: body as object })
const countUnder = async (district: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from grids where code like ${`${district}%`}`,
      )
    )[0]?.n,
  )

describe('importing a FeatureCollection', () => {
  it('creates every feature, parents before children whatever the file order', async () => {
    const res = await importGrids(collection('520101', 60))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().created).toBe(3)
    expect(await countUnder('520101')).toBe(3)
  })

  it('writes nothing when one feature fails, and lists every failing feature with its index and reason', async () => {
    const body = collection('520102', 62)
    body.features.push(
      feature(
        { code: '5201020033', name: '错码', level: 'street', parent_code: '520102' },
        box(62, 30.3, 0.05),
      ),
      feature({ code: '520102004', name: '越界', level: 'street', parent_code: '520102' }, box(70, 30, 0.05)),
      feature({ code: '520102005', level: 'street', parent_code: '520102' }, box(62.3, 30.3, 0.05)),
    )
    const res = await importGrids(body)
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('grid.import_failed')
    expect(res.json().failures).toEqual([
      expect.objectContaining({ index: 3, code: '5201020033', problem: 'grid.code_wrong_width' }),
      expect.objectContaining({ index: 4, code: '520102004', problem: 'grid.boundary_outside_parent' }),
      expect.objectContaining({ index: 5, code: '520102005', problem: 'request.invalid' }),
    ])
    expect(await countUnder('520102')).toBe(0)
  })

  it('exports a subtree in the same format, which imports again after the originals are gone', async () => {
    await importGrids(collection('520103', 64))
    const res = await t.call({ method: 'GET', url: '/api/grids/520103/export.geojson', cookie: admin.cookie })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/)
    const exported = res.json()
    expect(exported.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      '520103',
      '520103001',
      '520103002',
    ])
    expect(exported.features[1].properties).toMatchObject({ level: 'street', parent_code: '520103' })
    // Same codes again: every feature fails as taken, and the answer says so for each.
    const again = await importGrids(exported)
    expect(again.json().failures.map((f: { problem: string }) => f.problem)).toEqual([
      'grid.code_taken',
      'grid.code_taken',
      'grid.code_taken',
    ])
  })

  it('repairs invalid boundaries only when asked, warning for each', async () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [130.01, 30.01],
          [130.05, 30.05],
          [130.05, 30.01],
          [130.01, 30.05],
          [130.01, 30.01],
        ],
      ],
    }
    const body = {
      type: 'FeatureCollection',
      features: [feature({ code: '580101', name: '修复区', level: 'district' }, bowTie)],
    }
    const refused = await importGrids(body)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().failures[0].problem).toBe('grid.boundary_invalid')
    const repaired = await t.call({
      method: 'POST',
      url: '/api/grids/import?repair=true',
      cookie: admin.cookie,
      payload: body,
    })
    expect(repaired.statusCode, repaired.body).toBe(201)
    expect(repaired.json().warnings).toEqual([expect.objectContaining({ code: 'grid.boundary_repaired' })])
  })

  it('refuses a body that is not a FeatureCollection', async () => {
    const res = await importGrids({ type: 'Feature', features: [] })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('request.invalid')
  })
})
