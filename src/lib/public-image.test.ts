import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  expectNoMetadata,
  loadedJpeg,
  loadedPng,
  loadedWebp,
  METADATA_MARKERS,
  photo,
  png,
  tiff,
} from '../../test/support/images'
import { exifBlock, MAX_INPUT_PIXELS, reencodeImage, TooManyPixels, UnreadableImage } from './public-image'

describe('reencodeImage', () => {
  it('keeps nothing of a JPEG but its pixels: no Exif, XMP, IPTC, comment, APPn or trailer', async () => {
    const loaded = await loadedJpeg()
    // The fixture does carry it all, as a decoder sees it.
    const before = await sharp(loaded).metadata()
    expect([!!before.exif, !!before.xmp, !!before.iptc]).toEqual([true, true, true])
    expect(loaded.includes(METADATA_MARKERS.comment)).toBe(true)

    const copy = await reencodeImage(loaded, { maxEdge: 2048 })
    await expectNoMetadata(copy)
    expect(await sharp(copy).metadata()).toMatchObject({ width: 64, height: 32 })
  })

  it('keeps nothing of a PNG but its pixels: no eXIf, tEXt, iTXt, zTXt or trailer', async () => {
    const loaded = loadedPng()
    expect((await sharp(loaded).metadata()).exif).toBeDefined()
    await expectNoMetadata(await reencodeImage(loaded, { maxEdge: 2048 }))
  })

  it('keeps nothing of a WebP but its pixels', async () => {
    const loaded = loadedWebp()
    await expectNoMetadata(await reencodeImage(loaded, { maxEdge: 2048 }))
  })

  it('turns a photo upright by its Exif orientation before the orientation is dropped', async () => {
    // Stored 64 wide and 32 high, red on the left; orientation 6: turn 90° clockwise to view.
    const rotated = await photo({ exif: tiff({ orientation: 6 }) })
    const copy = await reencodeImage(rotated, { maxEdge: 2048 })
    const meta = await sharp(copy).metadata()
    expect([meta.width, meta.height, meta.orientation]).toEqual([32, 64, undefined])
    // Upright, the red half is on top.
    const { data } = await sharp(copy).extract({ left: 16, top: 8, width: 1, height: 1 }).raw().toBuffer({
      resolveWithObject: true,
    })
    expect(data[0]).toBeGreaterThan(200)
    expect(data[2]).toBeLessThan(60)
  })

  it('shrinks to fit the long edge, and never enlarges', async () => {
    const big = await photo({ width: 600, height: 300 })
    const meta = await sharp(await reencodeImage(big, { maxEdge: 512 })).metadata()
    expect([meta.width, meta.height]).toEqual([512, 256])
    const small = await sharp(await reencodeImage(await photo(), { maxEdge: 512 })).metadata()
    expect([small.width, small.height]).toEqual([64, 32])
  })

  it('refuses a PNG of a few bytes declaring 30,000 × 30,000 pixels, and reads undecodable bytes as such', async () => {
    expect(30_000 * 30_000).toBeGreaterThan(MAX_INPUT_PIXELS)
    const bomb = png({ size: { width: 30_000, height: 30_000 } })
    expect(bomb.length).toBeLessThan(200)
    await expect(reencodeImage(bomb, { maxEdge: 2048 })).rejects.toBeInstanceOf(TooManyPixels)
    await expect(exifBlock(bomb)).rejects.toBeInstanceOf(TooManyPixels)
    await expect(reencodeImage(Buffer.from('not an image'), { maxEdge: 2048 })).rejects.toBeInstanceOf(
      UnreadableImage,
    )
  })
})
