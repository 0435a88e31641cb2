import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import {
  expectNoMetadata,
  GIF,
  jpeg,
  loadedJpeg,
  loadedPng,
  loadedWebp,
  PDF,
  photo as picture,
  png,
  tiff,
  webp,
} from '../../../../test/support/images'
import { loadConfig } from '../../../config'
import { queryRows } from '../../../db/database'
import type { AttachmentView } from './attachments.schema'
import { attachmentsSince, createCaseAttachments } from './attachments.service'

/** Monday 23 November 2026, 10:00 China time; tests move it forward. */
let now = new Date('2026-11-23T10:00:00+08:00')
const dir = mkdtempSync(join(tmpdir(), 'wangge-attachments-'))
let t: TestApp
/** Reads the audit log (三员分立: not the system administrator's). */
let auditor: { cookie: string }
beforeAll(async () => {
  t = await testApp({ WANGGE_ATTACHMENTS_DIR: dir }, { clock: () => now })
  auditor = await t.as([{ key: 'audit_admin' }])
})
afterAll(async () => {
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

const CHENGDU = { lat: 30.657, lng: 104.066 }
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const onDisk = (hash: string) => join(dir, hash.slice(0, 2), hash.slice(2, 4), hash)

let n = 0
/** A place of its own in `app` (`t.place`), with its people and a resident. */
async function place(app = t) {
  n += 1
  const p = await app.place(String(460100 + n), 60 + n)
  return { point: p.point, ...p.people, resident: await app.as([{ key: 'resident' }]) }
}

/** A case reported by the place's resident. */
async function reported(p: Awaited<ReturnType<typeof place>>, app = t) {
  const res = await app.call({
    method: 'POST',
    url: '/api/cases',
    cookie: p.resident.cookie,
    payload: { source: 'resident', description: '井盖缺失', categoryCode: '06010', location: p.point },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: string; version: number }
}

const upload = (caseId: string, body: Uint8Array | string, type: string, cookie: string, app = t) =>
  app.call({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments`,
    cookie,
    headers: { 'content-type': type },
    payload: Buffer.from(body),
  })
const list = (caseId: string, cookie: string) =>
  t.call({ method: 'GET', url: `/api/cases/${caseId}/attachments`, cookie })
const original = (caseId: string, id: string, cookie: string, headers: Record<string, string> = {}) =>
  t.call({ method: 'GET', url: `/api/cases/${caseId}/attachments/${id}`, cookie, headers })
const service = () =>
  createCaseAttachments(
    { db: t.database.db, afterWrite: () => {} },
    loadConfig({ WANGGE_ATTACHMENTS_DIR: dir }),
    () => now,
  )

describe('uploading a photo', () => {
  it('keeps where a JPEG was taken for staff and stores a public copy encoded anew from its pixels', async () => {
    const p = await place()
    const c = await reported(p)
    const photo = jpeg({ exif: tiff({ order: 'MM', gps: CHENGDU }), xmp: '<x:xmpmeta>GPS</x:xmpmeta>' })
    const res = await upload(c.id, photo, 'image/jpeg', p.resident.cookie)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toEqual({
      id: expect.any(String),
      contentType: 'image/jpeg',
      size: photo.length,
      sha256: sha256(photo),
      hasExifLocation: true,
    })

    const asStaff = (await list(c.id, p.chief.cookie)).json().items
    expect(asStaff).toEqual([
      {
        id: res.json().id,
        contentType: 'image/jpeg',
        size: photo.length,
        createdAt: now.toISOString(),
        uploadedBy: expect.stringMatching(/^测试用户/),
        exifLocation: { lng: expect.closeTo(CHENGDU.lng, 6), lat: expect.closeTo(CHENGDU.lat, 6) },
        byReporter: false,
        shownToReporter: false,
      },
    ])
    // The reporter sees the list, not the position.
    expect((await list(c.id, p.resident.cookie)).json().items[0].exifLocation).toBeNull()

    const copy = await service().publicAttachment(c.id, res.json().id)
    expect(copy).toEqual({
      contentType: 'image/jpeg',
      path: expect.stringContaining(dir),
      sha256: expect.any(String),
    })
    const copied = readFileSync(copy?.path as string)
    await expectNoMetadata(copied)
    expect(copied.includes('xmpmeta')).toBe(false)
    // Both files under the configured directory, by hash.
    expect(readFileSync(onDisk(sha256(photo))).equals(photo)).toBe(true)
    expect(copy?.path).toBe(onDisk(sha256(copied)))
    expect(copy?.sha256).toBe(sha256(copied))
  })

  it('keeps the position a browser read from a photo it shrank (X-Photo-Location), for photos only', async () => {
    const p = await place()
    const c = await reported(p)
    const headers = { 'content-type': 'image/jpeg', 'x-photo-location': '104.0712345,30.6654321' }
    const res = await t.call({
      method: 'POST',
      url: `/api/cases/${c.id}/attachments`,
      cookie: p.worker.cookie,
      headers,
      payload: await picture(),
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().hasExifLocation).toBe(true)
    const pdf = await t.call({
      method: 'POST',
      url: `/api/cases/${c.id}/attachments`,
      cookie: p.worker.cookie,
      headers: { ...headers, 'content-type': 'application/pdf' },
      payload: PDF,
    })
    expect(pdf.json().hasExifLocation).toBe(false)
    expect(
      (await list(c.id, p.chief.cookie)).json().items.map((a: AttachmentView) => a.exifLocation),
    ).toEqual([{ lng: expect.closeTo(104.0712345, 6), lat: expect.closeTo(30.6654321, 6) }, null])
  })

  it('serves the original to staff with an ETag (304 when it matches), and the reporter the re-encoded copy', async () => {
    const p = await place()
    const c = await reported(p)
    const photo = jpeg({ exif: tiff({ gps: CHENGDU }) })
    const id = (await upload(c.id, photo, 'image/jpeg', p.resident.cookie)).json().id
    for (const who of [p.chief, p.worker]) {
      const res = await original(c.id, id, who.cookie)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('image/jpeg')
      expect(res.headers['content-length']).toBe(String(photo.length))
      expect(res.headers['cache-control']).toBe('private, max-age=300')
      expect(res.headers['content-disposition']).toBe('inline')
      expect(res.headers.etag).toBe(`"${sha256(photo)}"`)
      expect(res.rawPayload.equals(photo)).toBe(true)
    }
    const again = await original(c.id, id, p.chief.cookie, { 'if-none-match': `W/"${sha256(photo)}"` })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    // The reporter reads their own case, not as staff: the photo comes without its position.
    const mine = await original(c.id, id, p.resident.cookie)
    expect(mine.statusCode).toBe(200)
    expect(mine.headers['content-type']).toBe('image/jpeg')
    expect(mine.headers['x-content-type-options']).toBe('nosniff')
    expect(mine.headers['content-disposition']).toBe('inline')
    expect(mine.headers.etag).toBe(`"${sha256(mine.rawPayload)}"`)
    expect(mine.headers['content-length']).toBe(String(mine.rawPayload.length))
    await expectNoMetadata(mine.rawPayload)
  })

  it('is a 404 for someone of another community, on every route', async () => {
    const p = await place()
    const other = await place()
    const c = await reported(p)
    const id = (await upload(c.id, jpeg(), 'image/jpeg', p.resident.cookie)).json().id
    for (const who of [other.chief, other.resident]) {
      expect((await list(c.id, who.cookie)).json().code).toBe('case.not_found')
      expect((await original(c.id, id, who.cookie)).statusCode).toBe(404)
      const res = await upload(c.id, jpeg(), 'image/jpeg', who.cookie)
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('case.not_found')
    }
    const unknown = await original(c.id, '01900000-0000-7000-8000-000000000000', p.chief.cookie)
    expect(unknown.json().code).toBe('case.attachment_not_found')
    const anonymous = await t.call({
      method: 'POST',
      url: `/api/cases/${c.id}/attachments`,
      headers: { 'content-type': 'image/jpeg' },
      payload: jpeg(),
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it.each([
    ['a JPEG with GPS Exif, XMP, IPTC, a comment, APP11/APP15 and a trailer', 'image/jpeg', loadedJpeg],
    ['a PNG with eXIf, tEXt, iTXt, zTXt and a trailer', 'image/png', async () => loadedPng()],
    ['a WebP with EXIF and XMP', 'image/webp', async () => loadedWebp()],
  ] as const)('gives the reporter and the public nothing but the pixels of %s', async (_, type, make) => {
    const p = await place()
    const c = await reported(p)
    const image = await make()
    const res = await upload(c.id, image, type, p.resident.cookie)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().hasExifLocation).toBe(true)
    const listed = (await list(c.id, p.chief.cookie)).json().items[0]
    expect(listed.exifLocation.lat).toBeCloseTo(CHENGDU.lat, 6)
    const mine = await original(c.id, res.json().id, p.resident.cookie)
    expect(mine.headers['content-type']).toBe('image/jpeg')
    await expectNoMetadata(mine.rawPayload)
    const copy = await service().publicAttachment(c.id, res.json().id)
    expect(readFileSync(copy?.path as string).equals(mine.rawPayload)).toBe(true)
    // Staff still get the file as it came.
    expect((await original(c.id, res.json().id, p.chief.cookie)).rawPayload.equals(image)).toBe(true)
  })

  it('turns the public copy upright and shrinks it to 2048 px on its long edge', async () => {
    const p = await place()
    const c = await reported(p)
    const sideways = await picture({ width: 2400, height: 1200, exif: tiff({ orientation: 6 }) })
    const id = (await upload(c.id, sideways, 'image/jpeg', p.resident.cookie)).json().id
    const meta = await sharp((await original(c.id, id, p.resident.cookie)).rawPayload).metadata()
    expect([meta.width, meta.height, meta.orientation]).toEqual([1024, 2048, undefined])
  })

  it('makes a public copy even of a photo without metadata, and stores the same bytes once', async () => {
    const p = await place()
    const c = await reported(p)
    const image = png()
    const first = (await upload(c.id, image, 'image/png', p.worker.cookie)).json()
    const second = (await upload(c.id, image, 'image/png', p.chief.cookie)).json()
    expect(second.id).not.toBe(first.id)
    expect(second.sha256).toBe(first.sha256)
    expect(first.hasExifLocation).toBe(false)
    const copy = await service().publicAttachment(c.id, first.id)
    expect(copy?.path).not.toBe(onDisk(first.sha256))
    expect(copy?.contentType).toBe('image/jpeg')
    // One file each, no temporary files left beside them.
    expect(readdirSync(join(dir, first.sha256.slice(0, 2), first.sha256.slice(2, 4)))).toEqual([first.sha256])
    const copyHash = copy?.sha256 as string
    expect(readdirSync(join(dir, copyHash.slice(0, 2), copyHash.slice(2, 4)))).toEqual([copyHash])
    expect((await list(c.id, p.chief.cookie)).json().items).toHaveLength(2)
  })

  it('makes the public copy of a photo from before copies were re-encoded on first use, and keeps it', async () => {
    const p = await place()
    const c = await reported(p)
    const image = await loadedJpeg()
    const id = (await upload(c.id, image, 'image/jpeg', p.resident.cookie)).json().id
    // What the migration leaves of a photo stored with a hand-stripped copy.
    await t.database.db.execute(sql`update case_attachments set public_path = null where id = ${id}`)
    const mine = await original(c.id, id, p.resident.cookie)
    expect(mine.statusCode).toBe(200)
    await expectNoMetadata(mine.rawPayload)
    const [row] = await queryRows<{ public_path: string | null }>(
      t.database.db,
      sql`select public_path from case_attachments where id = ${id}`,
    )
    expect(row?.public_path).toMatch(new RegExp(`${sha256(mine.rawPayload)}$`))
  })
})

describe('PDFs and refusals', () => {
  it('takes a PDF, served to readers but never to the public channel', async () => {
    const p = await place()
    const c = await reported(p)
    const res = await upload(c.id, PDF, 'application/pdf', p.worker.cookie)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ contentType: 'application/pdf', hasExifLocation: false })
    expect(existsSync(onDisk(sha256(PDF)))).toBe(true)
    expect(await service().publicAttachment(c.id, res.json().id)).toBeNull()
    const served = await original(c.id, res.json().id, p.resident.cookie)
    expect(served.headers['content-type']).toBe('application/pdf')
    expect(served.rawPayload.equals(PDF)).toBe(true)
  })

  it.each([
    ['a GIF', GIF, 'image/gif'],
    ['JPEG bytes declared as PNG', jpeg(), 'image/png'],
    ['a PNG declared as PDF', png(), 'application/pdf'],
    ['JSON', '{"a":1}', 'application/json'],
    ['a JPEG cut before its image data', jpeg().subarray(0, 40), 'image/jpeg'],
    ['PNG magic bytes before no image', Buffer.concat([png().subarray(0, 8), Buffer.alloc(40)]), 'image/png'],
  ])('refuses %s with 415', async (_, body, type) => {
    const p = await place()
    const c = await reported(p)
    const res = await upload(c.id, body, type, p.worker.cookie)
    expect(res.statusCode).toBe(415)
    expect(res.json().code).toBe('case.attachment_type')
  })

  it('refuses a PNG of a few bytes declaring 30,000 × 30,000 pixels with 422, storing nothing', async () => {
    const p = await place()
    const c = await reported(p)
    const bomb = png({ exif: tiff({ gps: CHENGDU }), size: { width: 30_000, height: 30_000 } })
    const res = await upload(c.id, bomb, 'image/png', p.resident.cookie)
    expect(res.statusCode).toBe(422)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().code).toBe('case.attachment_too_many_pixels')
    expect(res.json().title).toBe('照片像素过多（不超过 4000 万像素）')
    expect(existsSync(onDisk(sha256(bomb)))).toBe(false)
    expect((await list(c.id, p.chief.cookie)).json().items).toEqual([])
  })

  it('takes nothing more once a case is rejected', async () => {
    const p = await place()
    const c = await reported(p)
    const rejected = await t.call({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/reject`,
      cookie: p.streetChief.cookie,
      payload: { version: c.version, reason: '不属于受理范围' },
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    const res = await upload(c.id, jpeg(), 'image/jpeg', p.resident.cookie)
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('case.attachment_closed')
  })

  it('audits the upload as case.attach', async () => {
    const p = await place()
    const c = await reported(p)
    const id = (await upload(c.id, jpeg(), 'image/jpeg', p.worker.cookie)).json().id
    const audit = await t.call({
      method: 'GET',
      url: '/api/audit?action=case.attach',
      cookie: auditor.cookie,
    })
    expect(audit.statusCode, audit.body).toBe(200)
    expect(JSON.stringify(audit.json())).toContain(id)
  })
})

describe('attachmentsSince (the evidence rule)', () => {
  it('counts the images uploaded to a case since a time, not its PDFs', async () => {
    const p = await place()
    const c = await reported(p)
    const before = new Date(now.getTime() - 60_000)
    expect(await attachmentsSince(t.database.db, c.id, before)).toBe(0)
    await upload(c.id, jpeg({ exif: tiff() }), 'image/jpeg', p.worker.cookie)
    await upload(c.id, PDF, 'application/pdf', p.worker.cookie)
    expect(await attachmentsSince(t.database.db, c.id, before)).toBe(1)
    now = new Date(now.getTime() + 3600_000)
    const dispatched = new Date(now.getTime() - 1000)
    expect(await attachmentsSince(t.database.db, c.id, dispatched)).toBe(0)
    await upload(c.id, webp(), 'image/webp', p.worker.cookie)
    expect(await attachmentsSince(t.database.db, c.id, dispatched)).toBe(1)
    expect(await attachmentsSince(t.database.db, c.id, before)).toBe(2)
  })
})

describe('a small WANGGE_ATTACHMENT_LIMIT', () => {
  let smallDir: string
  let small: TestApp
  beforeAll(async () => {
    smallDir = mkdtempSync(join(tmpdir(), 'wangge-attachments-small-'))
    small = await testApp({ WANGGE_ATTACHMENT_LIMIT: '2048', WANGGE_ATTACHMENTS_DIR: smallDir })
  })
  afterAll(async () => {
    await small?.close()
    if (smallDir) rmSync(smallDir, { recursive: true, force: true })
  })

  it('refuses a larger file with 413 and takes one at the limit', async () => {
    const p = await place(small)
    const c = await reported(p, small)
    const big = jpeg({ entropy: Array(3000).fill(0x3f) })
    const res = await upload(c.id, big, 'image/jpeg', p.worker.cookie, small)
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('case.attachment_too_large')
    const fits = jpeg({ entropy: Array(2048 - jpeg().length + 1).fill(0x3f) })
    expect(fits.length).toBe(2048)
    expect((await upload(c.id, fits, 'image/jpeg', p.worker.cookie, small)).statusCode).toBe(201)
    expect(existsSync(join(smallDir, sha256(fits).slice(0, 2)))).toBe(true)
  })
})
