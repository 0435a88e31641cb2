import { describe, expect, it } from 'vitest'
import {
  contains,
  jpeg,
  jpegMarkers,
  PDF,
  png,
  pngChunks,
  tiff,
  webp,
  webpChunks,
} from '../../../../test/support/images'
import { readGps, tiffOf } from './exif'
import { splitJpeg } from './jpeg'
import { examine } from './media'
import { splitPng } from './png'
import { splitWebp } from './webp'

const CHENGDU = { lat: 30.657, lng: 104.066 }
const APP1 = 0xe1

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

describe('splitJpeg', () => {
  it('leaves a JPEG without metadata alone', () => {
    expect(splitJpeg(jpeg())).toEqual({ tiff: null, clean: null })
  })

  it('takes the Exif block and drops every APP1 (Exif, XMP) and APP13 segment, keeping the rest in order', () => {
    const original = jpeg({ exif: tiff({ order: 'MM', gps: CHENGDU }), xmp: '<x:xmpmeta/>', iptc: true })
    const { tiff: block, clean } = splitJpeg(original)
    expect(readGps(block as Uint8Array)?.lng).toBeCloseTo(CHENGDU.lng, 6)
    expect(jpegMarkers(original)).toEqual([0xe0, APP1, APP1, 0xed, 0xdb, 0xc0, 0xc4, 0xc4, 0xda])
    expect(jpegMarkers(clean as Uint8Array)).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xc4, 0xda])
    expect(contains(clean as Uint8Array, 'Exif')).toBe(false)
    expect(contains(clean as Uint8Array, 'xmpmeta')).toBe(false)
    expect(Buffer.from(clean as Uint8Array).equals(jpeg())).toBe(true)
  })

  it('keeps entropy data with stuffed bytes and restart markers, and drops what trails the end of image', () => {
    const entropy = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]
    const original = jpeg({ exif: tiff(), entropy, trailer: [...Buffer.from('MotionPhoto_Data')] })
    const clean = splitJpeg(original).clean as Uint8Array
    expect(Buffer.from(clean).equals(jpeg({ entropy }))).toBe(true)
    // Only a trailer to remove: still a new copy.
    expect(splitJpeg(jpeg({ trailer: [1, 2, 3] })).clean?.length).toBe(jpeg().length)
  })

  it('keeps segments between the scans of a progressive JPEG and drops an APP1 found there', () => {
    const base = jpeg()
    const eoi = base.length - 2
    const secondScan = [
      0xff, 0xe1, 0x00, 0x04, 0xaa, 0xbb, 0xff, 0xc4, 0x00, 0x03, 0x11, 0xff, 0xda, 0x00, 0x03, 0x77,
    ]
    const original = Buffer.concat([base.subarray(0, eoi), Buffer.from(secondScan), base.subarray(eoi)])
    const clean = Buffer.from(splitJpeg(original).clean as Uint8Array)
    expect(clean.includes(Buffer.from([0xaa, 0xbb]))).toBe(false)
    expect(clean.includes(Buffer.from([0xff, 0xc4, 0x00, 0x03, 0x11, 0xff, 0xda, 0x00, 0x03, 0x77]))).toBe(
      true,
    )
  })

  it('refuses a JPEG whose segments cannot be walked', () => {
    const original = jpeg({ exif: tiff({ gps: CHENGDU }) })
    expect(() => splitJpeg(original.subarray(0, 30))).toThrow(/overruns|no image data|ends inside/)
    const garbled = Buffer.from(original)
    garbled[2] = 0x00 // no marker where the first segment should start
    expect(() => splitJpeg(garbled)).toThrow(/no marker/)
    expect(() => splitJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toThrow(/no image data/)
  })
})

describe('splitPng', () => {
  it('leaves a PNG without metadata alone', () => {
    expect(splitPng(png())).toEqual({ tiff: null, clean: null })
  })

  it('takes the eXIf block and drops eXIf and text chunks, the others intact with their CRCs', () => {
    const original = png({
      exif: tiff({ gps: CHENGDU }),
      text: { Author: '张三', Comment: 'home' },
      trailer: [9, 9],
    })
    const { tiff: block, clean } = splitPng(original)
    expect(readGps(block as Uint8Array)?.lat).toBeCloseTo(CHENGDU.lat, 6)
    expect(pngChunks(original).map((c) => c.type)).toEqual(['IHDR', 'eXIf', 'tEXt', 'tEXt', 'IDAT', 'IEND'])
    expect(pngChunks(clean as Uint8Array)).toEqual([
      { type: 'IHDR', crcOk: true },
      { type: 'IDAT', crcOk: true },
      { type: 'IEND', crcOk: true },
    ])
    expect(Buffer.from(clean as Uint8Array).equals(png())).toBe(true)
  })

  it('refuses a PNG cut short', () => {
    const original = png({ exif: tiff() })
    expect(() => splitPng(original.subarray(0, original.length - 12))).toThrow(/IEND|overruns|ends inside/)
  })
})

describe('splitWebp', () => {
  it('leaves a WebP without metadata alone', () => {
    expect(splitWebp(webp())).toEqual({ tiff: null, clean: null })
  })

  it('takes the EXIF block, drops EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const original = webp({ exif: tiff({ order: 'MM', gps: { lat: -22.9519, lng: -43.2105 } }), xmp: '<x/>' })
    const { tiff: block, clean } = splitWebp(original)
    expect(readGps(block as Uint8Array)?.lat).toBeCloseTo(-22.9519, 6)
    expect(webpChunks(original).chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'VP8L', 'EXIF', 'XMP '])
    const parsed = webpChunks(clean as Uint8Array)
    expect(parsed.chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'VP8L'])
    expect(parsed.riffSize).toBe((clean as Uint8Array).length - 8)
    expect(parsed.chunks[0]?.data[0]).toBe(0) // neither the EXIF nor the XMP flag
    expect(webpChunks(original).chunks[0]?.data[0]).toBe(0x0c) // the original is untouched
  })

  it('refuses a WebP shorter than its RIFF size', () => {
    const original = webp({ exif: tiff() })
    expect(() => splitWebp(original.subarray(0, original.length - 4))).toThrow(/RIFF size/)
  })
})

describe('examine', () => {
  it('checks the bytes against the type', () => {
    expect(() => examine('image/png', jpeg())).toThrow(/not image\/png/)
    expect(() => examine('application/pdf', png())).toThrow(/not application\/pdf/)
  })

  it('answers the GPS and a public copy of an image, neither for a PDF', () => {
    const photo = examine('image/jpeg', jpeg({ exif: tiff({ gps: CHENGDU }) }))
    expect(photo.gps?.lat).toBeCloseTo(CHENGDU.lat, 6)
    expect(photo.publicCopy && jpegMarkers(photo.publicCopy)).not.toContain(APP1)
    expect(examine('application/pdf', PDF)).toEqual({ gps: null, publicCopy: null })
  })

  it('refuses a malformed image with the attachment type problem', () => {
    expect(() => examine('image/jpeg', jpeg().subarray(0, 20))).toThrow(
      expect.objectContaining({ status: 415, code: 'case.attachment_type' }),
    )
  })
})
