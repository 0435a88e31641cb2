import { concat, hasExifHeader, MalformedImage, type Split } from './exif'

const EOI = 0xd9
const SOS = 0xda
const APP1 = 0xe1 // Exif, XMP and extended XMP
const APP13 = 0xed // Photoshop IRB with IPTC: captions, by-lines, place names

/** Markers that stand alone, without a length: TEM, RSTn, SOI, EOI. */
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= EOI)

/**
 * Where the entropy-coded data after a scan header ends: at the next marker. Inside the data 0xFF is
 * followed by 0x00 (a stuffed byte) or a restart marker; anything else is the next segment.
 */
function scanEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue
    const next = bytes[i + 1] as number
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      i++
      continue
    }
    return i
  }
  return bytes.length // truncated after the last scan: keep what there is
}

/**
 * Walks a JPEG's segments: takes the GPS-bearing Exif block and drops every APP1 (Exif, XMP) and APP13
 * (IPTC) segment, and whatever trails the end-of-image marker (motion-photo videos, maker trailers).
 * Segments up to the first scan must be well formed, or the file is refused.
 */
export function splitJpeg(bytes: Uint8Array): Split {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new MalformedImage('no start-of-image marker')
  const kept: Uint8Array[] = [bytes.subarray(0, 2)]
  let tiff: Uint8Array | null = null
  let removed = false
  let scanned = false
  let at = 2
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new MalformedImage(`no marker at byte ${at}`)
    let m = at + 1
    while (bytes[m] === 0xff) m++ // fill bytes before a marker
    const marker = bytes[m]
    if (marker === undefined) throw new MalformedImage('ends inside a marker')
    if (standalone(marker)) {
      kept.push(bytes.subarray(m - 1, m + 1))
      at = m + 1
      if (marker === EOI) break
      continue
    }
    if (m + 3 > bytes.length) throw new MalformedImage('ends inside a segment length')
    const end = m + 1 + (((bytes[m + 1] as number) << 8) | (bytes[m + 2] as number))
    if (end < m + 3 || end > bytes.length)
      throw new MalformedImage(`segment 0x${marker.toString(16)} overruns`)
    if (marker === APP1 || marker === APP13) {
      removed = true
      if (marker === APP1 && !tiff && hasExifHeader(bytes, m + 3)) tiff = bytes.subarray(m + 9, end)
    } else kept.push(bytes.subarray(m - 1, end))
    at = end
    if (marker === SOS) {
      scanned = true
      const dataEnd = scanEnd(bytes, at)
      kept.push(bytes.subarray(at, dataEnd))
      at = dataEnd
    }
  }
  if (!scanned) throw new MalformedImage('no image data')
  if (at < bytes.length) removed = true
  return { tiff, clean: removed ? concat(kept) : null }
}
