import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import { seedDemo } from '../../demo/demo.seed'
import { levelsAtZoom, tileOf } from './tiles.levels'

let t: TestApp
let admin: { cookie: string }
beforeAll(async () => {
  t = await testApp()
  await seedDemo({ db: t.database.db, afterWrite: () => {} }, 'district', 2)
  admin = await t.as([{ key: 'admin' }])
}, 120_000)
afterAll(() => t?.close())

const tileUrl = (z: number, lng = 104.06, lat = 30.66) => {
  const { x, y } = tileOf(lng, lat, z)
  return `/tiles/grids/${z}/${x}/${y}.mvt`
}

describe('grid vector tiles', () => {
  it('shows streets far out and micro-grids close in', () => {
    expect(levelsAtZoom(8)).toEqual(['district'])
    expect(levelsAtZoom(12)).toEqual(['street', 'community'])
    expect(levelsAtZoom(16)).toEqual(['grid', 'micro'])
  })

  it('answers a tile of the demo district with an ETag, and 304 when it has not changed', async () => {
    const res = await t.call({ method: 'GET', url: tileUrl(16), cookie: admin.cookie })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    const body = res.rawPayload
    expect(body.length).toBeGreaterThan(100)
    expect(body.includes(Buffer.from('grids'))).toBe(true)
    expect(body.includes(Buffer.from('micro'))).toBe(true)
    const again = await t.call({
      method: 'GET',
      url: tileUrl(16),
      cookie: admin.cookie,
      headers: { 'if-none-match': String(res.headers.etag) },
    })
    expect(again.statusCode).toBe(304)
  })

  it('answers an empty tile far from every grid, and refuses tiles that do not exist', async () => {
    // The input first: the demo's tile at the same zoom has grids, so emptiness is the place's doing.
    const seeded = await t.call({ method: 'GET', url: tileUrl(14), cookie: admin.cookie })
    expect(seeded.rawPayload.length, 'the demo district is seeded').toBeGreaterThan(100)
    const empty = await t.call({ method: 'GET', url: tileUrl(14, 10, 10), cookie: admin.cookie })
    expect(empty.statusCode).toBe(200)
    expect(empty.rawPayload.length).toBe(0)
    const outside = await t.call({ method: 'GET', url: '/tiles/grids/2/9/0.mvt', cookie: admin.cookie })
    expect(outside.json().code).toBe('tile.out_of_range')
    const malformed = await t.call({ method: 'GET', url: '/tiles/grids/30/0/0.mvt', cookie: admin.cookie })
    expect(malformed.json().code).toBe('request.invalid')
  })

  it('needs a signed-in reader, and shows a scoped reader only their subtree', async () => {
    expect((await t.call({ method: 'GET', url: tileUrl(16) })).statusCode).toBe(401)
    const seen = await t.call({ method: 'GET', url: tileUrl(16), cookie: admin.cookie })
    expect(
      seen.rawPayload.length,
      'the tile holds grids for a reader of the whole deployment',
    ).toBeGreaterThan(100)
    const outsider = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: '999999' } }])
    const none = await t.call({ method: 'GET', url: tileUrl(16), cookie: outsider.cookie })
    expect(none.statusCode).toBe(200)
    expect(none.rawPayload.length).toBe(0)
  })

  it('draws a renamed street by its new name in the very next tile (tiles are kept until the grids change)', async () => {
    const url = tileUrl(10)
    const before = await t.call({ method: 'GET', url, cookie: admin.cookie })
    expect(before.rawPayload.length, 'the demo district is seeded').toBeGreaterThan(100)
    const streets = await t.call({
      method: 'GET',
      url: '/api/grids?level=street&limit=1',
      cookie: admin.cookie,
    })
    const street = (streets.json() as { items: { code: string; name: string }[] }).items[0]
    expect(street, 'the demo has a street').toBeDefined()
    expect(before.rawPayload.includes(Buffer.from(street?.name ?? '-'))).toBe(true)
    const renamed = await t.call({
      method: 'PATCH',
      url: `/api/grids/${street?.code}`,
      cookie: admin.cookie,
      payload: { name: '瓦片新名街道' },
    })
    expect(renamed.statusCode, renamed.body).toBe(200)
    const after = await t.call({ method: 'GET', url, cookie: admin.cookie })
    expect(after.rawPayload.includes(Buffer.from('瓦片新名街道'))).toBe(true)
    expect(after.headers.etag).not.toBe(before.headers.etag)
  })
})
