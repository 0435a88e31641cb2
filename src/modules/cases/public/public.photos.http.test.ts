import { mkdtempSync, rmSync } from 'node:fs'
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
  PDF,
  photo,
  png,
  tiff,
} from '../../../../test/support/images'
import { queryRows } from '../../../db/database'
import { REPORTER_PHOTOS } from '../attachments/attachments.service'
import { PUBLIC_LIMITS } from './public.limits'

const dir = mkdtempSync(join(tmpdir(), 'wangge-public-photos-'))
let t: TestApp
beforeAll(async () => {
  t = await testApp({ WANGGE_ATTACHMENTS_DIR: dir })
})
afterAll(async () => {
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Where the test photos say they were taken (their Exif), and where a browser says a shrunk one was. */
const CHENGDU = { lat: 30.657, lng: 104.066 }
const BROWSER_SAYS = { lng: 104.0712345, lat: 30.6654321 }

/** Each anonymous caller comes from its own address, so the per-IP limits stay out of the way. */
let ips = 0
const nextIp = () => {
  ips += 1
  return `203.0.113.${ips % 250}`
}

/** One place for the file: each test reports cases of its own there. */
let shared: ReturnType<TestApp['place']> | undefined
const place = () => {
  shared ??= t.place('470101', 81, { code: 'ppho1' })
  return shared
}

async function reportPublicly(point: { lng: number; lat: number }) {
  const res = await t.call({
    method: 'POST',
    url: '/api/public/cases',
    remoteAddress: nextIp(),
    payload: { categoryCode: '06010', location: point, description: '路边有一堆垃圾' },
  })
  expect(res.statusCode, res.body).toBe(201)
  const { no, token } = res.json() as { no: string; token: string }
  const [row] = await queryRows<{ id: string }>(t.database.db, sql`select id from cases where no = ${no}`)
  return { no, token, id: row?.id as string }
}

const send = (
  no: string,
  token: string | undefined,
  body: Uint8Array | string,
  type = 'image/jpeg',
  headers: Record<string, string> = {},
  ip = nextIp(),
) =>
  t.call({
    method: 'POST',
    url: `/api/public/cases/${no}/photos`,
    remoteAddress: ip,
    headers: {
      'content-type': type,
      ...(token === undefined ? {} : { 'x-tracking-token': token }),
      ...headers,
    },
    payload: Buffer.from(body),
  })
const fetchPhoto = (no: string, token: string | undefined, id: string, ip = nextIp()) =>
  t.call({
    method: 'GET',
    url: `/api/public/cases/${no}/photos/${id}`,
    remoteAddress: ip,
    headers: token === undefined ? {} : { 'x-tracking-token': token },
  })
const track = async (no: string, token: string) => {
  const res = await t.call({
    method: 'GET',
    url: `/api/public/cases/${no}`,
    remoteAddress: nextIp(),
    headers: { 'x-tracking-token': token },
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { photos: { id: string; by: string; at: string }[] }
}
const staffList = async (caseId: string, cookie: string) =>
  (await t.call({ method: 'GET', url: `/api/cases/${caseId}/attachments`, cookie })).json().items as {
    id: string
    exifLocation: { lng: number; lat: number } | null
    byReporter: boolean
    shownToReporter: boolean
  }[]
const staffUpload = (caseId: string, cookie: string, body: Uint8Array, type: string, query = '') =>
  t.call({
    method: 'POST',
    url: `/api/cases/${caseId}/attachments${query}`,
    cookie,
    headers: { 'content-type': type },
    payload: Buffer.from(body),
  })

describe('a reporter’s photos, with the tracking token', () => {
  it('takes a photo, keeps where it was taken for staff, and serves the token holder a copy without metadata', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const sent = await send(r.no, r.token, await loadedJpeg())
    expect(sent.statusCode, sent.body).toBe(201)
    const { id } = sent.json()
    expect(sent.json()).toEqual({ id: expect.any(String) })

    expect((await track(r.no, r.token)).photos).toEqual([{ id, by: 'resident', at: expect.any(String) }])
    const served = await fetchPhoto(r.no, r.token, id)
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/jpeg')
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect(served.headers['cache-control']).toBe('private, max-age=300')
    const meta = await sharp(served.rawPayload).metadata()
    expect(meta.exif).toBeUndefined()
    await expectNoMetadata(served.rawPayload)
    // The same copy again is a 304.
    const again = await t.call({
      method: 'GET',
      url: `/api/public/cases/${r.no}/photos/${id}`,
      remoteAddress: nextIp(),
      headers: { 'x-tracking-token': r.token, 'if-none-match': served.headers.etag as string },
    })
    expect(again.statusCode).toBe(304)

    // Staff see where the phone says it was taken, and that the reporter sent it.
    const [listed] = await staffList(r.id, p.people.chief.cookie)
    expect(listed).toMatchObject({ id, byReporter: true, shownToReporter: true })
    expect(listed?.exifLocation?.lat).toBeCloseTo(CHENGDU.lat, 6)
    expect(listed?.exifLocation?.lng).toBeCloseTo(CHENGDU.lng, 6)
  })

  it('keeps the position the browser read from a photo it shrank, and prefers the file’s own', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const location = { 'x-photo-location': `${BROWSER_SAYS.lng},${BROWSER_SAYS.lat}` }
    const shrunk = await send(r.no, r.token, await photo(), 'image/jpeg', location)
    expect(shrunk.statusCode, shrunk.body).toBe(201)
    const original = await send(r.no, r.token, jpeg({ exif: tiff({ gps: CHENGDU }) }), 'image/jpeg', location)
    expect(original.statusCode, original.body).toBe(201)
    const listed = await staffList(r.id, p.people.chief.cookie)
    expect(listed.map((a) => a.exifLocation)).toEqual([
      { lng: expect.closeTo(BROWSER_SAYS.lng, 6), lat: expect.closeTo(BROWSER_SAYS.lat, 6) },
      { lng: expect.closeTo(CHENGDU.lng, 6), lat: expect.closeTo(CHENGDU.lat, 6) },
    ])
    for (const bad of ['104.07', '104.07,95', '181,30', 'east,north', '104.07;30.66']) {
      const res = await send(r.no, r.token, await photo(), 'image/jpeg', { 'x-photo-location': bad })
      expect(res.statusCode, bad).toBe(400)
      expect(res.json().code).toBe('request.invalid')
    }
  })

  it('is a 404 without the token, with a wrong one, or for a photo of another case', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const other = await reportPublicly(p.point)
    const id = (await send(r.no, r.token, jpeg())).json().id
    for (const res of [
      await send(r.no, undefined, jpeg()),
      await send(r.no, 'wgt_wrong', jpeg()),
      await send(r.no, other.token, jpeg()),
      await send('E20000101000001', r.token, jpeg()),
      await fetchPhoto(r.no, undefined, id),
      await fetchPhoto(r.no, other.token, id),
    ]) {
      expect(res.statusCode).toBe(404)
      expect(res.json().code).toBe('case.not_found')
    }
    const elsewhere = await fetchPhoto(other.no, other.token, id)
    expect(elsewhere.statusCode).toBe(404)
    expect(elsewhere.json().code).toBe('case.attachment_not_found')
    expect((await track(other.no, other.token)).photos).toEqual([])
  })

  it(`takes ${REPORTER_PHOTOS.count} photos a case, even sent at once, and refuses more with 409 case.photo_limit`, async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const answers = await Promise.all(
      Array.from({ length: REPORTER_PHOTOS.count + 2 }, (_, i) =>
        send(r.no, r.token, jpeg({ comment: `${i}` })),
      ),
    )
    const codes = answers.map((a) => a.statusCode).sort()
    expect(codes).toEqual([...Array(REPORTER_PHOTOS.count).fill(201), 409, 409])
    const refused = answers.find((a) => a.statusCode === 409)
    expect(refused?.json()).toMatchObject({
      code: 'case.photo_limit',
      limit: REPORTER_PHOTOS.count,
      title: '每件上报最多附 6 张照片',
    })
    expect((await track(r.no, r.token)).photos).toHaveLength(REPORTER_PHOTOS.count)
    // Staff photos do not count against the reporter's.
    expect((await staffUpload(r.id, p.people.chief.cookie, jpeg(), 'image/jpeg')).statusCode).toBe(201)
  })

  it.each([
    ['a PDF', PDF, 'application/pdf', 415, 'case.attachment_type'],
    ['a GIF', GIF, 'image/gif', 415, 'case.attachment_type'],
    ['JPEG bytes declared as PNG', jpeg(), 'image/png', 415, 'case.attachment_type'],
    ['text declared as a JPEG', 'not a photo at all', 'image/jpeg', 415, 'case.attachment_type'],
    ['JSON', '{"a":1}', 'application/json', 415, 'case.attachment_type'],
    [
      'a PNG of a few bytes declaring 30,000 × 30,000 pixels',
      png({ size: { width: 30_000, height: 30_000 } }),
      'image/png',
      422,
      'case.attachment_too_many_pixels',
    ],
  ])('refuses %s', async (_, body, type, status, code) => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const res = await send(r.no, r.token, body, type)
    expect(res.statusCode, res.body).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json().code).toBe(code)
    expect((await track(r.no, r.token)).photos).toEqual([])
  })

  it(`refuses a photo over ${REPORTER_PHOTOS.bytes} bytes with 413`, async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const big = jpeg({ entropy: Array(REPORTER_PHOTOS.bytes).fill(0x3f) })
    const res = await send(r.no, r.token, big)
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'case.attachment_too_large', limit: REPORTER_PHOTOS.bytes })
  })

  it('takes no photo once the case is rejected', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const rejected = await t.act(
      r.id,
      'reject',
      { version: 1, reason: '不属于受理范围' },
      p.people.streetChief.cookie,
    )
    expect(rejected.statusCode, rejected.body).toBe(200)
    const res = await send(r.no, r.token, jpeg())
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('case.attachment_closed')
  })

  it(`answers 429 case.rate_limited after ${PUBLIC_LIMITS.photo} uploads a minute from one address`, async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const ip = '192.0.2.77'
    for (let i = 0; i < PUBLIC_LIMITS.photo; i++)
      expect((await send(r.no, 'wgt_wrong', jpeg(), 'image/jpeg', {}, ip)).statusCode).toBe(404)
    const res = await send(r.no, r.token, jpeg(), 'image/jpeg', {}, ip)
    expect(res.statusCode).toBe(429)
    expect(res.json().code).toBe('case.rate_limited')
  })
})

describe('result photos staff show the reporter', () => {
  it('shows the reporter the photos staff chose, re-encoded, and never staff-only ones', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const staffOnly = await staffUpload(r.id, p.people.chief.cookie, await loadedJpeg(), 'image/jpeg')
    expect(staffOnly.statusCode, staffOnly.body).toBe(201)
    const shown = await staffUpload(
      r.id,
      p.people.chief.cookie,
      await loadedJpeg(),
      'image/jpeg',
      '?showToReporter=true',
    )
    expect(shown.statusCode, shown.body).toBe(201)

    expect((await track(r.no, r.token)).photos).toEqual([
      { id: shown.json().id, by: 'staff', at: expect.any(String) },
    ])
    const served = await fetchPhoto(r.no, r.token, shown.json().id)
    expect(served.statusCode).toBe(200)
    await expectNoMetadata(served.rawPayload)
    const hidden = await fetchPhoto(r.no, r.token, staffOnly.json().id)
    expect(hidden.statusCode).toBe(404)
    expect(hidden.json().code).toBe('case.attachment_not_found')
    expect((await staffList(r.id, p.people.chief.cookie)).map((a) => a.shownToReporter)).toEqual([
      false,
      true,
    ])
  })

  it('shows only photos, and only staff may show them', async () => {
    const p = await place()
    const r = await reportPublicly(p.point)
    const pdf = await staffUpload(r.id, p.people.chief.cookie, PDF, 'application/pdf', '?showToReporter=true')
    expect(pdf.statusCode).toBe(415)
    expect(pdf.json().code).toBe('case.attachment_type')

    // A resident with an account reads their own case, but is not staff.
    const resident = await t.as([{ key: 'resident' }])
    const own = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: resident.cookie,
      payload: { source: 'resident', description: '井盖缺失', categoryCode: '06010', location: p.point },
    })
    expect(own.statusCode, own.body).toBe(201)
    const res = await staffUpload(
      own.json().id,
      resident.cookie,
      jpeg(),
      'image/jpeg',
      '?showToReporter=true',
    )
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('case.attachment_show_forbidden')
    expect((await staffUpload(own.json().id, resident.cookie, jpeg(), 'image/jpeg')).statusCode).toBe(201)
  })
})
