import { concat, MalformedImage, type Split, tiffOf } from './exif'

const METADATA = new Set(['EXIF', 'XMP '])
/** VP8X flag bits announcing the metadata chunks (WebP container specification). */
const VP8X_EXIF = 0x08
const VP8X_XMP = 0x04

/**
 * Walks a WebP's RIFF chunks: takes the Exif block, drops the EXIF and XMP chunks, clears their flags
 * in the VP8X header, writes the new RIFF size, and leaves out anything after the RIFF payload.
 */
export function splitWebp(bytes: Uint8Array): Split {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 12) throw new MalformedImage('no RIFF header')
  const riffEnd = 8 + view.getUint32(4, true)
  if (riffEnd > bytes.length) throw new MalformedImage('shorter than its RIFF size')
  const kept: Uint8Array[] = [bytes.subarray(0, 12)]
  let tiff: Uint8Array | null = null
  let removed = riffEnd < bytes.length
  let at = 12
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new MalformedImage('ends inside a chunk header')
    const fourcc = String.fromCharCode(...bytes.subarray(at, at + 4))
    const size = view.getUint32(at + 4, true)
    if (at + 8 + size > riffEnd) throw new MalformedImage(`chunk ${fourcc} overruns`)
    const end = Math.min(at + 8 + size + (size & 1), riffEnd) // chunks are padded to even sizes
    if (METADATA.has(fourcc)) {
      removed = true
      if (fourcc === 'EXIF' && !tiff) tiff = tiffOf(bytes.subarray(at + 8, at + 8 + size))
    } else kept.push(bytes.subarray(at, end))
    at = end
  }
  if (!removed) return { tiff, clean: null }
  const clean = concat(kept)
  new DataView(clean.buffer).setUint32(4, clean.length - 8, true)
  const vp8x = kept.findIndex((c) => String.fromCharCode(...c.subarray(0, 4)) === 'VP8X')
  if (vp8x > 0) {
    const flagsAt = kept.slice(0, vp8x).reduce((n, c) => n + c.length, 0) + 8
    clean[flagsAt] = (clean[flagsAt] as number) & ~(VP8X_EXIF | VP8X_XMP)
  }
  return { tiff, clean }
}
