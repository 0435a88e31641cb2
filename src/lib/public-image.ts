import sharp from 'sharp'

/**
 * Pixels an uploaded image may declare. A 40 MP phone photo decodes in about 160 MB; a PNG of a few
 * hundred bytes declaring 30,000 × 30,000 would ask for 3.6 GB (a decompression bomb). The decoder
 * checks the header against this before it allocates anything.
 */
export const MAX_INPUT_PIXELS = 40_000_000

// Each upload is decoded once and never again: libvips' operation cache would only hold on to the
// memory of strangers' images.
sharp.cache(false)

/** JPEG quality of the public copies: photos of streets and faces, not archives. */
const QUALITY = 82

/** The bytes decode to no image sharp reads (a wrong type, a truncated or corrupt file). */
export class UnreadableImage extends Error {}
/** The image declares more than MAX_INPUT_PIXELS. */
export class TooManyPixels extends Error {}

function named(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error)
  return /pixel limit/i.test(message) ? new TooManyPixels(message) : new UnreadableImage(message)
}

const decoder = (bytes: Uint8Array) => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })

/** The image's raw Exif block (with or without its "Exif\0\0" prefix, as the container holds it), if any. */
export async function exifBlock(bytes: Uint8Array): Promise<Uint8Array | null> {
  try {
    return (await decoder(bytes).metadata()).exif ?? null
  } catch (error) {
    throw named(error)
  }
}

/**
 * The copy of an image anyone may see: decoded and encoded anew from its pixels, so nothing of the
 * file survives but the picture (no Exif, XMP, IPTC, comments, unknown segments or chunks, trailing
 * bytes, colour profile). Turned upright first (the Exif orientation applied, as it is then gone),
 * shrunk to fit `maxEdge` on its long side, transparency flattened on white, always a JPEG: one
 * format per copy keeps the serving side simple and photos are what people upload.
 */
export async function reencodeImage(bytes: Uint8Array, opts: { maxEdge: number }): Promise<Buffer> {
  try {
    return await decoder(bytes)
      .autoOrient()
      .resize({ width: opts.maxEdge, height: opts.maxEdge, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: QUALITY })
      .toBuffer()
  } catch (error) {
    throw named(error)
  }
}

/** The media type of every public copy. */
export const PUBLIC_IMAGE_TYPE = 'image/jpeg'
