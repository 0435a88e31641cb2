import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { box } from '../../../test/support/geo'
import {
  expectNoMetadata,
  jpeg,
  loadedJpeg,
  loadedPng,
  loadedWebp,
  photo,
  png,
  tiff,
} from '../../../test/support/images'
import { queryRows } from '../../db/database'
import { PHOTO_MAX_BYTES } from './staff.photos'

let t: TestApp
let admin: { cookie: string }
/** Reads the audit log (三员分立: not the system administrator's). */
let auditor: { cookie: string }
let d = 0
beforeAll(async () => {
  t = await testApp({ WANGGE_SUPERVISION_HOTLINE: '028-12345' })
  admin = await t.as([{ key: 'admin' }])
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(() => t?.close())

/** `size` bytes that start with the given magic bytes and decode to nothing. */
const image = (magic: number[] | string, size = 64) => {
  const bytes = Buffer.alloc(size, 0x20)
  ;(typeof magic === 'string' ? Buffer.from(magic, 'latin1') : Buffer.from(magic)).copy(bytes)
  return bytes
}
/** Three different pictures, one per accepted type. */
const solid = (background: string) => sharp({ create: { width: 24, height: 24, channels: 3, background } })
let JPEG: Buffer
let PNG: Buffer
let WEBP: Buffer
beforeAll(async () => {
  JPEG = await solid('#c04040').jpeg().toBuffer()
  PNG = await solid('#40c040').png().toBuffer()
  WEBP = await solid('#4040c0').webp().toBuffer()
})

/** A grid (district → street → community → grid of its own) with a person in a post; its community's path too. */
async function staffedGrid() {
  d += 1
  const code = String(530100 + d)
  const x = 80 + d
  const levels = [
    { code, name: '区', level: 'district', size: 0.4 },
    { code: `${code}001`, name: '街道', level: 'street', size: 0.2 },
    { code: `${code}001001`, name: '社区', level: 'community', size: 0.1 },
    { code: `${code}001001001`, name: '第一网格', level: 'grid', size: 0.05 },
  ]
  let parentCode: string | undefined
  let path = ''
  for (const l of levels) {
    const res = await t.call({
      method: 'POST',
      url: '/api/grids',
      cookie: admin.cookie,
      payload: { code: l.code, name: l.name, level: l.level, parentCode, boundary: box(x, 30, l.size) },
    })
    expect(res.statusCode, res.body).toBe(201)
    parentCode = l.code
    if (l.level === 'community') path = res.json().path
  }
  const grid = `${code}001001001`
  const post = await t.call({
    method: 'POST',
    url: `/api/grids/${grid}/posts`,
    cookie: admin.cookie,
    payload: { post: 'full_time_worker', personName: '周照片', workPhone: '028-8888 0003' },
  })
  expect(post.statusCode, post.body).toBe(201)
  return { code: grid, postId: post.json().id as string, communityPath: path }
}

const put = (code: string, postId: string, body: Buffer | string, type: string, cookie = admin.cookie) =>
  t.call({
    method: 'PUT',
    url: `/api/grids/${code}/posts/${postId}/photo`,
    cookie,
    headers: { 'content-type': type },
    payload: body,
  })
const photoUrl = (code: string, postId: string) => `/notice/${code}/photos/${postId}`
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('staff photos', () => {
  it('publishes an uploaded photo, re-encoded as a JPEG, on the notice board and at its URL, with an ETag, and replaces it', async () => {
    const g = await staffedGrid()
    expect((await put(g.code, g.postId, JPEG, 'image/jpeg')).statusCode).toBe(204)

    const posts = await t.call({ method: 'GET', url: `/api/grids/${g.code}/posts`, cookie: admin.cookie })
    expect(posts.json()).toEqual([expect.objectContaining({ id: g.postId, hasPhoto: true })])
    const page = await t.app.inject({ method: 'GET', url: `/notice/${g.code}` })
    // The address names the photo's version: a replaced photo is not shown from a cache.
    const version = posts.json()[0].photoVersion
    expect(version).toMatch(/^[0-9a-f]{16}$/)
    expect(page.body).toContain(
      `<img class="photo" src="${photoUrl(g.code, g.postId)}?v=${version}" alt="周照片"`,
    )

    const photo = await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toBe('image/jpeg')
    expect(photo.headers['x-content-type-options']).toBe('nosniff')
    expect(photo.headers['content-disposition']).toBe('inline')
    expect(photo.headers.etag).toBe(`"${sha256(photo.rawPayload)}"`)
    expect(photo.headers['cache-control']).toBe('public, max-age=300')
    expect(photo.rawPayload.equals(JPEG)).toBe(false)
    expect(await sharp(photo.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 24, height: 24 })
    const again = await t.app.inject({
      method: 'GET',
      url: photoUrl(g.code, g.postId),
      headers: { 'if-none-match': photo.headers.etag as string },
    })
    expect(again.statusCode).toBe(304)

    for (const [bytes, type, green] of [
      [PNG, 'image/png', true],
      [WEBP, 'image/webp', false],
    ] as const) {
      expect((await put(g.code, g.postId, bytes, type)).statusCode).toBe(204)
      const replaced = await t.app.inject({
        method: 'GET',
        url: photoUrl(g.code, g.postId),
        headers: { 'if-none-match': photo.headers.etag as string },
      })
      expect(replaced.statusCode).toBe(200)
      expect(replaced.headers['content-type']).toBe('image/jpeg')
      const { dominant } = await sharp(replaced.rawPayload).stats()
      expect(dominant.g > dominant.b, type).toBe(green)
      const board = await t.app.inject({ method: 'GET', url: `/notice/${g.code}` })
      expect(board.body).toContain(
        `${photoUrl(g.code, g.postId)}?v=${sha256(replaced.rawPayload).slice(0, 16)}"`,
      )
    }

    const audit = await t.call({
      method: 'GET',
      url: `/api/audit?action=staff.photo&resourceId=${g.code}`,
      cookie: auditor.cookie,
    })
    expect(audit.json().items).toHaveLength(3)
    expect(audit.json().items[0].summary).toMatchObject({
      postId: g.postId,
      uploadedType: 'image/webp',
      uploadedSize: WEBP.length,
      contentType: 'image/jpeg',
    })
  })

  it('refuses other types, bytes that are not what their type says and images that do not decode with 415', async () => {
    const g = await staffedGrid()
    for (const [body, type] of [
      [image('GIF89a'), 'image/gif'],
      ['a photo', 'text/plain'],
      ['{"photo":1}', 'application/json'],
      [JPEG, 'image/png'],
      [PNG, 'image/webp'],
      [image('RIFF\x38\x00\x00\x00AVI LIST'), 'image/webp'],
      [Buffer.alloc(0), 'image/jpeg'],
      [image([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
      [jpeg().subarray(0, 40), 'image/jpeg'],
    ] as const) {
      const res = await put(g.code, g.postId, body, type)
      expect(res.statusCode, `${type}: ${res.body}`).toBe(415)
      expect(res.json().code).toBe('staff.photo_type')
      expect(res.json().title).toBe('照片须为 JPEG、PNG 或 WebP 图片')
    }
    expect((await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })).statusCode).toBe(404)
  })

  it('takes a photo of 256 KiB and refuses a byte more with 413', async () => {
    const g = await staffedGrid()
    const padded = (size: number) => jpeg({ trailer: Array(size - jpeg().length).fill(0) })
    const largest = padded(PHOTO_MAX_BYTES)
    expect(largest.length).toBe(PHOTO_MAX_BYTES)
    expect((await put(g.code, g.postId, largest, 'image/jpeg')).statusCode).toBe(204)
    const res = await put(g.code, g.postId, padded(PHOTO_MAX_BYTES + 1), 'image/jpeg')
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('staff.photo_too_large')
  })

  it('lets only those who manage the grid set or remove a photo', async () => {
    const g = await staffedGrid()
    const other = await t.as([{ key: 'community_chief', scope: { type: 'grid', path: '999999.001.001' } }])
    expect((await put(g.code, g.postId, JPEG, 'image/jpeg', other.cookie)).statusCode).toBe(404)
    const worker = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: g.communityPath } }])
    const refused = await put(g.code, g.postId, JPEG, 'image/jpeg', worker.cookie)
    expect(refused.statusCode).toBe(403)
    // Managing no grid at all, the worker is refused before the photo is read.
    expect(refused.json().code).toBe('auth.forbidden')
    const chief = await t.as([{ key: 'community_chief', scope: { type: 'grid', path: g.communityPath } }])
    expect((await put(g.code, g.postId, JPEG, 'image/jpeg', chief.cookie)).statusCode).toBe(204)
    const removed = await t.call({
      method: 'DELETE',
      url: `/api/grids/${g.code}/posts/${g.postId}/photo`,
      cookie: other.cookie,
    })
    expect(removed.statusCode).toBe(404)
    const anonymous = await t.call({
      method: 'PUT',
      url: `/api/grids/${g.code}/posts/${g.postId}/photo`,
      headers: { 'content-type': 'image/jpeg' },
      payload: JPEG,
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it('never serves the photo of an ended post, nor takes one for it', async () => {
    const g = await staffedGrid()
    await put(g.code, g.postId, JPEG, 'image/jpeg')
    const ended = await t.call({
      method: 'DELETE',
      url: `/api/grids/${g.code}/posts/${g.postId}`,
      cookie: admin.cookie,
    })
    expect(ended.statusCode).toBe(204)
    const photo = await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })
    expect(photo.statusCode).toBe(404)
    expect(photo.json().code).toBe('staff.photo_not_found')
    const res = await put(g.code, g.postId, JPEG, 'image/jpeg')
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('staff.post_not_found')
    expect((await t.app.inject({ method: 'GET', url: photoUrl('999999999', g.postId) })).statusCode).toBe(404)
  })

  it('removes a photo: the notice board and the post view no longer show it', async () => {
    const g = await staffedGrid()
    await put(g.code, g.postId, JPEG, 'image/jpeg')
    const url = `/api/grids/${g.code}/posts/${g.postId}/photo`
    expect((await t.call({ method: 'DELETE', url, cookie: admin.cookie })).statusCode).toBe(204)
    expect((await t.call({ method: 'DELETE', url, cookie: admin.cookie })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })).statusCode).toBe(404)
    const posts = await t.call({ method: 'GET', url: `/api/grids/${g.code}/posts`, cookie: admin.cookie })
    expect(posts.json()[0].hasPhoto).toBe(false)
    const page = await t.app.inject({ method: 'GET', url: `/notice/${g.code}` })
    expect(page.body).toContain('周照片')
    expect(page.body).not.toContain('<img')
  })

  it('parses image bodies on the photo routes only', async () => {
    const g = await staffedGrid()
    for (const url of [`/api/grids/${g.code}/posts`, '/api/grids']) {
      const res = await t.call({
        method: 'POST',
        url,
        cookie: admin.cookie,
        headers: { 'content-type': 'image/jpeg' },
        payload: JPEG,
      })
      expect(res.statusCode, url).toBe(415)
      expect(res.json().code).toBe('request.unsupported_media_type')
    }
  })

  it('serves none of the metadata of the upload: no Exif GPS, XMP, IPTC, comment, APPn, text chunks or trailer', async () => {
    const g = await staffedGrid()
    for (const [bytes, type] of [
      [await loadedJpeg(), 'image/jpeg'],
      [loadedPng(), 'image/png'],
      [loadedWebp(), 'image/webp'],
    ] as const) {
      expect((await put(g.code, g.postId, bytes, type)).statusCode).toBe(204)
      const served = await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })
      expect(served.statusCode).toBe(200)
      expect(served.headers['content-type']).toBe('image/jpeg')
      await expectNoMetadata(served.rawPayload)
    }
  })

  it('turns a photo upright and shrinks it to 512 px on its long edge', async () => {
    const g = await staffedGrid()
    const sideways = await photo({ width: 1200, height: 600, exif: tiff({ orientation: 6 }) })
    expect((await put(g.code, g.postId, sideways, 'image/jpeg')).statusCode).toBe(204)
    const served = await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })
    const meta = await sharp(served.rawPayload).metadata()
    expect([meta.width, meta.height, meta.orientation]).toEqual([256, 512, undefined])
  })

  it('refuses a PNG declaring 30,000 × 30,000 pixels with 422, keeping the photo there was', async () => {
    const g = await staffedGrid()
    expect((await put(g.code, g.postId, JPEG, 'image/jpeg')).statusCode).toBe(204)
    const before = await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })
    const bomb = png({ size: { width: 30_000, height: 30_000 } })
    const res = await put(g.code, g.postId, bomb, 'image/png')
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().code).toBe('staff.photo_too_many_pixels')
    const after = await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })
    expect(after.headers.etag).toBe(before.headers.etag)
  })

  it('re-encodes a photo stored as uploaded (before photos were re-encoded) the first time it is served', async () => {
    const g = await staffedGrid()
    const uploaded = await loadedJpeg()
    await t.database.db.execute(sql`insert into grid_post_photos (post_id, content_type, bytes, sha256)
      values (${g.postId}, 'image/jpeg', ${uploaded}::bytea, ${sha256(uploaded)})`)
    const served = await t.app.inject({ method: 'GET', url: photoUrl(g.code, g.postId) })
    expect(served.statusCode).toBe(200)
    await expectNoMetadata(served.rawPayload)
    expect(served.headers.etag).toBe(`"${sha256(served.rawPayload)}"`)
    const [row] = await queryRows<{ sha256: string; reencoded: boolean }>(
      t.database.db,
      sql`select sha256, reencoded from grid_post_photos where post_id = ${g.postId}`,
    )
    expect(row).toEqual({ sha256: sha256(served.rawPayload), reencoded: true })
  })
})
