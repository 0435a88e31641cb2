import { concat, MalformedImage, type Split, tiffOf } from './exif'

const SIGNATURE_LENGTH = 8
/** Chunks that carry metadata: Exif, and text (captions, authors, XMP in iTXt). */
const METADATA = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt'])

/**
 * Walks a PNG's chunks: takes the Exif block and drops the metadata chunks and anything after IEND.
 * Each chunk carries its own CRC, so the chunks kept stay valid as they are.
 */
export function splitPng(bytes: Uint8Array): Split {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const kept: Uint8Array[] = [bytes.subarray(0, SIGNATURE_LENGTH)]
  let tiff: Uint8Array | null = null
  let removed = false
  let at = SIGNATURE_LENGTH
  let ended = false
  while (at < bytes.length && !ended) {
    if (at + 12 > bytes.length) throw new MalformedImage('ends inside a chunk header')
    const length = view.getUint32(at)
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    const end = at + 12 + length
    if (end > bytes.length) throw new MalformedImage(`chunk ${type} overruns`)
    if (METADATA.has(type)) {
      removed = true
      if (type === 'eXIf' && !tiff) tiff = tiffOf(bytes.subarray(at + 8, at + 8 + length))
    } else kept.push(bytes.subarray(at, end))
    ended = type === 'IEND'
    at = end
  }
  if (!ended) throw new MalformedImage('no IEND chunk')
  if (at < bytes.length) removed = true
  return { tiff, clean: removed ? concat(kept) : null }
}
