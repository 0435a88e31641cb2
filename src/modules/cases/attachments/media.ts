import { Problem } from '../../../lib/problem'
import { exifBlock, reencodeImage, TooManyPixels, UnreadableImage } from '../../../lib/public-image'
import { type GpsPoint, readGps, tiffOf } from './exif'

const startsWith = (bytes: Uint8Array, prefix: number[] | string, at = 0) =>
  [...prefix].every((b, i) => bytes[at + i] === (typeof b === 'string' ? b.charCodeAt(0) : b))

/** What each accepted type must start with: a mislabelled upload is how a "photo" becomes a script. */
const MAGIC = {
  'image/jpeg': (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b: Uint8Array) => startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8),
  'application/pdf': (b: Uint8Array) => startsWith(b, '%PDF-'),
} as const

export type AttachmentType = keyof typeof MAGIC
/** The bytes start as their claimed type's files do. */
export const hasSignatureOf = (type: AttachmentType, bytes: Uint8Array): boolean => MAGIC[type](bytes)
export const ATTACHMENT_TYPES = Object.keys(MAGIC) as AttachmentType[]
/** What a reporter may send, and what staff may show a reporter: photos, never a PDF. */
export const PHOTO_TYPES = ATTACHMENT_TYPES.filter((t) => t.startsWith('image/'))

/** The long edge of the public copy of a case photo: enough to see the pothole on any screen. */
export const PUBLIC_PHOTO_EDGE = 2048

export const isImage = (type: string) => type.startsWith('image/')

export const attachmentTypeProblem = (detail = 'Send a JPEG, PNG or WebP photo or a PDF') =>
  new Problem(415, 'case.attachment_type', detail)
export const attachmentTooLarge = (limit: number) =>
  new Problem(413, 'case.attachment_too_large', `An attachment may be at most ${limit} bytes`, { limit })
/** A reporter sends photos, and only photos are shown to one. */
export const PHOTO_ONLY = 'Send a JPEG, PNG or WebP photo'
export const attachmentTooManyPixels = (detail: string) =>
  new Problem(422, 'case.attachment_too_many_pixels', `The photo has too many pixels: ${detail}`)

/** The media type of a Content-Type header, without parameters, when it is one of `types`. */
export function attachmentTypeOf(
  contentType: string | undefined,
  types: readonly AttachmentType[] = ATTACHMENT_TYPES,
): AttachmentType | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  return types.find((t) => t === type) ?? null
}

/** The image problems of the decoder, as the attachment problems. */
export function imageProblem(type: string, error: unknown): unknown {
  if (error instanceof TooManyPixels) return attachmentTooManyPixels(error.message)
  if (error instanceof UnreadableImage)
    return attachmentTypeProblem(`The ${type} image cannot be decoded: ${error.message}`)
  return error
}

export interface Examined {
  /** Where an image says it was taken (Exif GPS). */
  gps: GpsPoint | null
  /** The image re-encoded from its pixels, for the reporter and the public; null for a PDF. */
  publicCopy: Uint8Array | null
}

/** The copy of a case photo anyone may see (see reencodeImage). */
export async function publicCopyOf(type: string, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await reencodeImage(bytes, { maxEdge: PUBLIC_PHOTO_EDGE })
  } catch (error) {
    throw imageProblem(type, error)
  }
}

/**
 * Checks the bytes are what their type claims and, for an image, reads its GPS position (for staff)
 * and encodes its pixels anew for everyone else. An image the decoder refuses is refused.
 */
export async function examine(type: AttachmentType, bytes: Uint8Array): Promise<Examined> {
  if (!MAGIC[type](bytes)) throw attachmentTypeProblem(`The bytes are not ${type}`)
  if (!isImage(type)) return { gps: null, publicCopy: null }
  const publicCopy = await publicCopyOf(type, bytes)
  const exif = await exifBlock(bytes).catch((error) => {
    throw imageProblem(type, error)
  })
  return { gps: exif ? readGps(tiffOf(exif)) : null, publicCopy }
}
