import { VectorTile } from '@mapbox/vector-tile'
import gcoord from 'gcoord'
import Protobuf from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import { seedDemo } from '../../demo/demo.seed'
import { tileOf } from '../tiles/tiles.levels'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
  await seedDemo({ db: t.database.db, afterWrite: () => {} }, 'district', 2)
}, 120_000)
afterAll(() => t?.close())

const at = (z: number, lng = 104.06, lat = 30.66) => {
  const { x, y } = tileOf(lng, lat, z)
  return `/tiles/public/${z}/${x}/${y}.mvt`
}

/** Each layer's features' properties, decoded as MapLibre would. */
function decode(body: Buffer) {
  const tile = new VectorTile(new Protobuf(body))
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => [
      name,
      Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties),
    ]),
  )
}

describe('the public map, without sign-in', () => {
  it('draws streets and communities with their names, never a grid, a micro-grid or a code', async () => {
    const levels = new Set<string>()
    for (const z of [8, 12, 14, 15]) {
      const res = await t.call({ method: 'GET', url: at(z) })
      expect(res.statusCode, `zoom ${z}`).toBe(200)
      const layers = decode(res.rawPayload)
      expect(layers.grids?.length, `zoom ${z}`).toBeGreaterThan(0)
      // Close in, a tile may hold no grid's label point; further out each holds some.
      if (z <= 12) expect(layers.labels?.length, `zoom ${z}`).toBeGreaterThan(0)
      for (const features of Object.values(layers)) {
        for (const p of features) {
          expect(Object.keys(p).sort()).toEqual(['level', 'name'])
          levels.add(String(p.level))
        }
      }
    }
    expect([...levels].sort()).toEqual(['community', 'district', 'street'])
    // The staff's tile of the same place holds the grids the public one leaves out.
    const admin = await t.as([{ key: 'admin' }])
    const staff = decode(
      (await t.call({ method: 'GET', url: at(15).replace('public', 'grids'), cookie: admin.cookie }))
        .rawPayload,
    )
    expect(staff.grids?.map((p) => p.level)).toContain('micro')
    expect(staff.labels?.length).toBeGreaterThan(0)
  })

  it('names each street and community once, however their outlines are cut into tiles', async () => {
    // Every z12 tile over the demo district (104.00–104.12E, 30.615–30.705N), with a tile to spare.
    const nw = tileOf(103.99, 30.72, 12)
    const se = tileOf(104.13, 30.6, 12)
    const counts: Record<string, number> = {}
    for (let x = nw.x; x <= se.x; x++)
      for (let y = nw.y; y <= se.y; y++) {
        const res = await t.call({ method: 'GET', url: `/tiles/public/12/${x}/${y}.mvt` })
        for (const p of decode(res.rawPayload).labels ?? [])
          counts[`${p.level}`] = (counts[`${p.level}`] ?? 0) + 1
      }
    expect(se.x - nw.x + 1 + (se.y - nw.y + 1), 'the district spans several tiles').toBeGreaterThan(2)
    expect(counts).toEqual({ street: 8, community: 64 })
  })

  it('shifts outlines and names onto a GCJ-02 base map when asked, as gcoord does', async () => {
    /** Street label points by name over the z12 tiles of the district, in lng/lat. */
    const streets = async (crs: string) => {
      const out: Record<string, number[]> = {}
      const nw = tileOf(103.99, 30.72, 12)
      const se = tileOf(104.13, 30.6, 12)
      for (let x = nw.x; x <= se.x; x++)
        for (let y = nw.y; y <= se.y; y++) {
          const res = await t.call({ method: 'GET', url: `/tiles/public/12/${x}/${y}.mvt?crs=${crs}` })
          const layer = new VectorTile(new Protobuf(res.rawPayload)).layers.labels
          for (let i = 0; i < (layer?.length ?? 0); i++) {
            const f = layer?.feature(i)
            if (f?.properties.level === 'street')
              out[`${f.properties.name}`] = f.toGeoJSON(x, y, 12).geometry.coordinates
          }
        }
      return out
    }
    const wgs = await streets('wgs84')
    const gcj = await streets('gcj02')
    expect(Object.keys(wgs)).toHaveLength(8)
    expect(Object.keys(gcj).sort()).toEqual(Object.keys(wgs).sort())
    for (const [name, point] of Object.entries(wgs)) {
      const [lng = 0, lat = 0] = gcoord.transform(point as [number, number], gcoord.WGS84, gcoord.GCJ02)
      const [glng = 0, glat = 0] = gcj[name] ?? []
      // Within a tile unit or two at z12 (≈2 m each); the shift itself is hundreds of metres.
      expect(Math.abs(glng - lng) * 96_000 + Math.abs(glat - lat) * 111_000, name).toBeLessThan(10)
      expect(Math.abs(glng - (point[0] ?? 0)) * 96_000, name).toBeGreaterThan(100)
    }
    const bad = await t.call({ method: 'GET', url: `${at(12)}?crs=bd09` })
    expect(bad.json().code).toBe('request.invalid')
  })

  it('caches with an ETag and refuses tiles that do not exist as problems', async () => {
    const res = await t.call({ method: 'GET', url: at(12) })
    expect(res.headers['cache-control']).toBe('public, max-age=300')
    const again = await t.call({
      method: 'GET',
      url: at(12),
      headers: { 'if-none-match': String(res.headers.etag) },
    })
    expect(again.statusCode).toBe(304)
    for (const [url, code] of [
      [at(16), 'tile.out_of_range'],
      ['/tiles/public/2/9/0.mvt', 'tile.out_of_range'],
      ['/tiles/public/30/0/0.mvt', 'request.invalid'],
      ['/tiles/public/12/1/abc.mvt', 'request.invalid'],
    ] as const) {
      const bad = await t.call({ method: 'GET', url })
      expect(bad.statusCode, url).toBe(400)
      expect(bad.headers['content-type'], url).toMatch(/^application\/problem\+json/)
      expect(bad.json().code, url).toBe(code)
    }
  })
})

describe('place search', () => {
  it('finds streets and communities by name, with a point inside their box, and no grid', async () => {
    const res = await t.call({ method: 'GET', url: `/api/public/places?q=${encodeURIComponent('和平')}` })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as {
      name: string
      level: string
      parent: string
      centre: number[]
      bbox: number[]
    }[]
    expect(items.length).toBeGreaterThan(0)
    for (const place of items) {
      expect(place.level).toBe('community')
      expect(place.name).toContain('和平')
      expect(place.parent).toMatch(/街道$/)
      const [w = 0, s = 0, e = 0, n = 0] = place.bbox
      const [lng = 0, lat = 0] = place.centre
      expect(lng > w && lng < e && lat > s && lat < n).toBe(true)
    }
    const streets = (
      await t.call({ method: 'GET', url: `/api/public/places?q=${encodeURIComponent('街道')}` })
    ).json()
    expect(streets.items.map((p: { level: string }) => p.level)).toContain('street')
    const grids = (
      await t.call({ method: 'GET', url: `/api/public/places?q=${encodeURIComponent('网格')}` })
    ).json()
    expect(grids.items).toEqual([])
  })

  it('refuses an empty or a long query, and limits each address', async () => {
    for (const q of ['', '%20', 'x'.repeat(41)]) {
      const bad = await t.call({ method: 'GET', url: `/api/public/places?q=${q}` })
      expect(bad.statusCode, q).toBe(400)
      expect(bad.json().code).toBe('request.invalid')
    }
    let last = 0
    for (let i = 0; i < 61 && last !== 429; i++)
      last = (await t.call({ method: 'GET', url: '/api/public/places?q=zz', remoteAddress: '10.9.9.9' }))
        .statusCode
    expect(last).toBe(429)
  })
})
