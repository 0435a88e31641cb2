import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerWeb } from './web'

const SCRIPT = `console.log(${JSON.stringify('网格'.repeat(2000))})`
const PAGE = '<!doctype html><html><body><div id="root"></div></body></html>'
const FIELD_PAGE =
  '<!doctype html><html><head><title>网格通</title></head><body><div id="root"></div></body></html>'
const SERVICE_WORKER = 'self.addEventListener("fetch", () => {})'

/** A built web app as scripts/build-web.mjs leaves it: hashed assets with their .br and .gz beside them. */
function fakeDist() {
  const root = mkdtempSync(join(tmpdir(), 'wangge-web-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), PAGE)
  mkdirSync(join(root, 'm'))
  writeFileSync(join(root, 'm', 'index.html'), FIELD_PAGE)
  writeFileSync(join(root, 'm', 'sw.js'), SERVICE_WORKER)
  const asset = join(root, 'assets', 'index-CiaLoPDY.js')
  writeFileSync(asset, SCRIPT)
  writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT))
  writeFileSync(`${asset}.gz`, gzipSync(SCRIPT))
  return root
}

describe('serving the built web app', () => {
  let app: FastifyInstance
  let root: string
  beforeAll(async () => {
    root = fakeDist()
    app = Fastify()
    await registerWeb(app, root)
  })
  afterAll(async () => {
    await app.close()
    rmSync(root, { recursive: true, force: true })
  })

  const get = (url: string, encoding?: string) =>
    app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} })

  it('sends a browser that takes brotli the .br the build wrote, a smaller body than the file', async () => {
    const res = await get('/assets/index-CiaLoPDY.js', 'gzip, deflate, br')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10)
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT)
  })

  it('sends gzip to a browser without brotli, and the file itself to one that takes neither', async () => {
    const gz = await get('/assets/index-CiaLoPDY.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT)
    const plain = await get('/assets/index-CiaLoPDY.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(SCRIPT)
  })

  it('answers every page under /m/ with the field app, revalidated on every visit, and its service worker as a file', async () => {
    for (const url of ['/m/', '/m/patrol', '/m/outbox?x=1']) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(res.body, url).toContain('网格通')
    }
    const worker = await get('/m/sw.js')
    expect(worker.headers['content-type']).toMatch(/javascript/)
    expect(worker.headers['cache-control']).toBe('no-cache')
    expect(worker.body).toBe(SERVICE_WORKER)
    // The desk's pages stay the desk's.
    expect((await get('/cases')).body).not.toContain('网格通')
  })

  it('lets a browser keep hashed assets for a year without asking again', async () => {
    const res = await get('/assets/index-CiaLoPDY.js', 'br')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('has the page itself revalidated on every visit, so a new release is seen at once', async () => {
    for (const url of ['/', '/report', '/track/C2026000001']) {
      const res = await get(url, 'br')
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type']).toMatch(/text\/html/)
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(res.body, url).toContain('id="root"')
    }
  })

  it('answers a revalidation of an unchanged page with 304 and no body', async () => {
    const first = await get('/')
    const again = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': String(first.headers.etag) },
    })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
  })

  it('answers an unknown API path with problem+json, not the page', async () => {
    const res = await get('/api/nothing-here')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
  })
})
