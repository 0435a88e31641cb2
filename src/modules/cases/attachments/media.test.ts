import { describe, expect, it } from 'vitest'
import { jpeg, PDF, png, tiff, webp } from '../../../../test/support/images'
import { readGps, tiffOf } from './exif'
import { examine } from './media'

const CHENGDU = { lat: 30.657, lng: 104.066 }

describe('readGps', () => {
  it.each(['II', 'MM'] as const)('reads latitude and longitude from a %s (byte order) TIFF', (order) => {
    const gps = readGps(tiff({ order, gps: CHENGDU }))
    expect(gps?.lat).toBeCloseTo(CHENGDU.lat, 6)
    expect(gps?.lng).toBeCloseTo(CHENGDU.lng, 6)
  })

  it.each([
    ['southern and western', { lat: -33.8568, lng: -151.2153 }],
    ['southern and eastern', { lat: -33.8568, lng: 151.2153 }],
    ['northern and western', { lat: 40.6892, lng: -74.0445 }],
  ])('signs %s refs', (_, point) => {
    for (const order of ['II', 'MM'] as const) {
      const gps = readGps(tiff({ order, gps: point }))
      expect(gps?.lat).toBeCloseTo(point.lat, 6)
      expect(gps?.lng).toBeCloseTo(point.lng, 6)
    }
  })

  it('finds no position without a GPS IFD, with a void fix, or at 0,0', () => {
    expect(readGps(tiff())).toBeNull()
    expect(readGps(tiff({ gps: CHENGDU, status: 'V' }))).toBeNull()
    expect(readGps(tiff({ gps: CHENGDU, status: 'A' }))).not.toBeNull()
    expect(readGps(tiff({ gps: { lat: 0, lng: 0 } }))).toBeNull()
  })

  it('answers null, never throws, for broken blocks', () => {
    const whole = tiff({ order: 'MM', gps: CHENGDU })
    for (let cut = 0; cut < whole.length; cut += 7) expect(readGps(whole.subarray(0, cut))).toBeNull()
    expect(readGps(Uint8Array.from([0x49, 0x49, 43, 0, 8, 0, 0, 0]))).toBeNull() // not 42
    expect(readGps(new TextEncoder().encode('not a tiff at all'))).toBeNull()
    // A zero denominator makes no position.
    const zero = tiff({ gps: CHENGDU })
    const at = zero.length - 4 // the last rational's denominator (longitude seconds)
    zero.set([0, 0, 0, 0], at)
    expect(readGps(zero)).toBeNull()
  })

  it('accepts an Exif block with or without its "Exif\\0\\0" prefix', () => {
    const block = Uint8Array.from([0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff({ gps: CHENGDU })])
    expect(readGps(tiffOf(block))?.lat).toBeCloseTo(CHENGDU.lat, 6)
    expect(tiffOf(tiff())).toEqual(tiff())
  })
})

describe('examine', () => {
  it('checks the bytes against the type', async () => {
    await expect(examine('image/png', jpeg())).rejects.toThrow(/not image\/png/)
    await expect(examine('application/pdf', png())).rejects.toThrow(/not application\/pdf/)
  })

  it.each([
    ['a JPEG (APP1)', 'image/jpeg', jpeg({ exif: tiff({ order: 'MM', gps: CHENGDU }) })],
    ['a PNG (eXIf)', 'image/png', png({ exif: tiff({ gps: CHENGDU }) })],
    ['a WebP (EXIF)', 'image/webp', webp({ exif: tiff({ order: 'MM', gps: CHENGDU }) })],
  ] as const)('reads where %s was taken and encodes a JPEG copy without it', async (_, type, bytes) => {
    const photo = await examine(type, bytes)
    expect(photo.gps?.lat).toBeCloseTo(CHENGDU.lat, 6)
    expect(photo.gps?.lng).toBeCloseTo(CHENGDU.lng, 6)
    const copy = Buffer.from(photo.publicCopy as Uint8Array)
    expect(copy.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    expect(copy.includes('Exif')).toBe(false)
  })

  it('answers neither a position nor a copy for a PDF', async () => {
    expect(await examine('application/pdf', PDF)).toEqual({ gps: null, publicCopy: null })
  })

  it('refuses a malformed image with the attachment type problem', async () => {
    await expect(examine('image/jpeg', jpeg().subarray(0, 20))).rejects.toMatchObject({
      status: 415,
      code: 'case.attachment_type',
    })
  })

  it('refuses a PNG declaring 30,000 × 30,000 pixels before decoding it', async () => {
    await expect(
      examine('image/png', png({ size: { width: 30_000, height: 30_000 } })),
    ).rejects.toMatchObject({
      status: 422,
      code: 'case.attachment_too_many_pixels',
    })
  })
})
