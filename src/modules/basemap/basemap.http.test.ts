import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { tinyPmtiles } from '../../../test/support/pmtiles'
import { openBasemapArchive } from './basemap.pmtiles'

const dir = mkdtempSync(join(tmpdir(), 'wangge-basemap-'))
const archive = join(dir, 'city.pmtiles')
// Not real pictures: the server hands the archive's bytes over as they are.
const PNG_A = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('tile 12/3285/1694')])
const PNG_B = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('tile 13/6571/3389')])
writeFileSync(
  archive,
  tinyPmtiles([
    { z: 12, x: 3285, y: 1694, bytes: PNG_A },
    { z: 13, x: 6571, y: 3389, bytes: PNG_B },
  ]),
)

let t: TestApp
beforeAll(async () => {
  t = await testApp({ WANGGE_BASEMAP_PMTILES: archive, WANGGE_BASEMAP_ATTRIBUTION: '© 测绘院' })
}, 120_000)
afterAll(async () => {
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a base map from a PMTiles file on the server', () => {
  it('tells the web app, without sign-in, to draw its raster tiles from this server', async () => {
    const res = await t.call({ method: 'GET', url: '/api/public/map' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      basemap: {
        kind: 'raster',
        layers: [['/basemap/{z}/{x}/{y}']],
        minzoom: 12,
        maxzoom: 13,
        attribution: '© 测绘院',
        crs: 'wgs84',
      },
      publicLevels: ['district', 'street', 'community'],
    })
  })

  it('serves each tile with its type and an ETag, and nothing where the archive has none', async () => {
    const a = await t.call({ method: 'GET', url: '/basemap/12/3285/1694' })
    expect(a.statusCode).toBe(200)
    expect(a.headers['content-type']).toBe('image/png')
    expect(a.rawPayload.equals(PNG_A)).toBe(true)
    const b = await t.call({ method: 'GET', url: '/basemap/13/6571/3389.png' })
    expect(b.rawPayload.equals(PNG_B)).toBe(true)
    const again = await t.call({
      method: 'GET',
      url: '/basemap/13/6571/3389.png',
      headers: { 'if-none-match': String(b.headers.etag) },
    })
    expect(again.statusCode).toBe(304)
    expect((await t.call({ method: 'GET', url: '/basemap/12/3285/1695' })).statusCode).toBe(204)
    expect((await t.call({ method: 'GET', url: '/basemap/5/1/1' })).statusCode).toBe(204)
  })

  it('refuses tiles that cannot exist as problems', async () => {
    for (const [url, code] of [
      ['/basemap/2/4/0', 'tile.out_of_range'],
      ['/basemap/23/0/0', 'request.invalid'],
      ['/basemap/12/1/1.exe', 'request.invalid'],
    ] as const) {
      const res = await t.call({ method: 'GET', url })
      expect(res.statusCode, url).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json().code, url).toBe(code)
    }
  })
})

describe('a base map from elsewhere', () => {
  it('lets the configured tile hosts into the CSP, and without one serves no /basemap tiles', async () => {
    const tianditu = await testApp({ WANGGE_TIANDITU_KEY: '0123456789abcdef0123456789abcdef' })
    try {
      const res = await tianditu.call({ method: 'GET', url: '/api/public/map' })
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toMatch(/img-src [^;]*https:\/\/t0\.tianditu\.gov\.cn/)
      expect(csp).toMatch(/connect-src [^;]*https:\/\/t7\.tianditu\.gov\.cn/)
      const { basemap } = res.json()
      expect(basemap.kind).toBe('raster')
      expect(basemap.layers.map((l: string[]) => l[0])).toEqual([
        expect.stringContaining('/vec_w/wmts?'),
        expect.stringContaining('/cva_w/wmts?'),
      ])
      // No archive, no tile route: the path falls to the web app's pages.
      const tile = await tianditu.call({ method: 'GET', url: '/basemap/12/3285/1694' })
      expect(String(tile.headers['content-type'])).not.toMatch(/^image\//)
    } finally {
      await tianditu.close()
    }
  }, 120_000) // a second app of its own

  it('refuses to start on a file that is not a PMTiles archive', async () => {
    const bad = join(dir, 'bad.pmtiles')
    writeFileSync(bad, 'not an archive')
    await expect(testApp({ WANGGE_BASEMAP_PMTILES: bad })).rejects.toThrow(
      /invalid configuration: WANGGE_BASEMAP_PMTILES=.*bad\.pmtiles is not a PMTiles archive/,
    )
    await expect(openBasemapArchive(join(dir, 'missing.pmtiles'))).rejects.toThrow(
      /invalid configuration: WANGGE_BASEMAP_PMTILES=.*missing\.pmtiles cannot be opened/,
    )
  }, 120_000) // a second app of its own
})
