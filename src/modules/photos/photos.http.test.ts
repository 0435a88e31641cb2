import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { photo, tiff } from '../../../test/support/images'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let bytes: Buffer
let sha: string

const put = (sha256: string, body: Buffer, cookie?: string, type = 'image/jpeg') =>
  t.call({
    method: 'PUT',
    url: `/api/photos/${sha256}`,
    cookie,
    headers: { 'content-type': type },
    payload: body,
  })
const get = (sha256: string, cookie?: string) =>
  t.call({ method: 'GET', url: `/api/photos/${sha256}`, cookie })

beforeAll(async () => {
  t = await testApp()
  a = await t.place('710191', 130)
  b = await t.place('710192', 131)
  bytes = await photo({ exif: tiff({ gps: { lat: 30.5, lng: 104.06 } }) })
  sha = createHash('sha256').update(bytes).digest('hex')
})
afterAll(() => t.close())

describe('field photos by content hash', () => {
  it('stores a photo once, however often the phone sends it', async () => {
    const first = await put(sha, bytes, a.people.worker.cookie)
    expect(first.statusCode, first.body).toBe(201)
    const again = await put(sha, bytes, a.people.worker.cookie)
    expect([again.statusCode, again.json()]).toEqual([200, { sha256: sha }])
  })

  it('shows it, with where it was taken, to its uploader and the chiefs above, and to nobody else', async () => {
    const mine = await get(sha, a.people.worker.cookie)
    expect(mine.statusCode).toBe(200)
    expect(mine.rawPayload.equals(bytes)).toBe(true)
    expect(mine.headers['x-photo-position']).toBe('104.06,30.5')
    expect((await get(sha, a.people.chief.cookie)).statusCode).toBe(200)
    expect((await get(sha, b.people.worker.cookie)).statusCode).toBe(404)
    expect((await get(sha)).statusCode).toBe(401)
  })

  it('keeps the phone’s position for a photo whose Exif went when it was shrunk, and refuses a bad one', async () => {
    const shrunk = await photo({ width: 48 })
    const hash = createHash('sha256').update(shrunk).digest('hex')
    const send = (location: string) =>
      t.call({
        method: 'PUT',
        url: `/api/photos/${hash}`,
        cookie: a.people.worker.cookie,
        headers: { 'content-type': 'image/jpeg', 'x-photo-location': location },
        payload: shrunk,
      })
    expect((await send('104.1,95')).statusCode).toBe(400)
    expect((await send('104.0712345,30.6654321')).statusCode).toBe(201)
    expect((await get(hash, a.people.worker.cookie)).headers['x-photo-position']).toBe(
      '104.0712345,30.6654321',
    )
  })

  it('refuses bytes that do not have the hash named, are not what they claim, or come without a sign-in', async () => {
    const other = await photo({ width: 32 })
    const wrong = await put(sha.replace(/^./, sha[0] === 'a' ? 'b' : 'a'), other, a.people.worker.cookie)
    expect([wrong.statusCode, wrong.json().code]).toEqual([400, 'photo.hash_mismatch'])
    const text = Buffer.from('<script>alert(1)</script>')
    const fake = await put(createHash('sha256').update(text).digest('hex'), text, a.people.worker.cookie)
    expect(fake.statusCode).toBe(415)
    expect((await put(sha, bytes)).statusCode).toBe(401)
    const bad = await put('not-a-hash', bytes, a.people.worker.cookie)
    expect(bad.statusCode).toBe(400)
  })
})
