import { createHash } from 'node:crypto'
import { Problem } from '../../lib/problem'
import { PUBLIC_IMAGE_TYPE, reencodeImage, TooManyPixels, UnreadableImage } from '../../lib/public-image'

/** A notice-board photo is a face at 64 px: 256 KiB is plenty, and keeps the table small. */
export const PHOTO_MAX_BYTES = 256 * 1024
/** The long edge of the stored photo: sharp on a high-density phone, a few dozen KiB. */
export const PHOTO_EDGE = 512

const MAGIC = {
  'image/jpeg': (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b: Uint8Array) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
} as const

export type PhotoType = keyof typeof MAGIC
export const PHOTO_TYPES = Object.keys(MAGIC) as PhotoType[]

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte)
}

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  return startsWith(
    bytes.subarray(at),
    [...text].map((c) => c.charCodeAt(0)),
  )
}

export const photoTypeProblem = (detail = 'Send a JPEG, PNG or WebP image') =>
  new Problem(415, 'staff.photo_type', detail)
export const photoTooLarge = () =>
  new Problem(413, 'staff.photo_too_large', `A photo may be at most ${PHOTO_MAX_BYTES / 1024} KiB`)
export const photoTooManyPixels = (detail: string) =>
  new Problem(422, 'staff.photo_too_many_pixels', `The photo has too many pixels: ${detail}`)

/** The media type of a Content-Type header, without parameters, when it is one a photo may have. */
export function photoTypeOf(contentType: string | undefined): PhotoType | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  return PHOTO_TYPES.find((t) => t === type) ?? null
}

/** The photo as the notice board shows it: encoded anew from its pixels, nothing else of the upload kept. */
export async function encodePhoto(bytes: Uint8Array) {
  const encoded = await reencodeImage(bytes, { maxEdge: PHOTO_EDGE })
  return {
    contentType: PUBLIC_IMAGE_TYPE,
    bytes: encoded,
    sha256: createHash('sha256').update(encoded).digest('hex'),
  }
}

export type EncodedPhoto = Awaited<ReturnType<typeof encodePhoto>>

/**
 * The photo as it will be stored, after checking its first bytes are what its type claims (a browser
 * sniffing a mislabelled upload is how a "photo" turns into a script on a public page) and that it
 * decodes to a picture of at most MAX_INPUT_PIXELS.
 */
export async function checkPhoto(contentType: PhotoType, bytes: Uint8Array): Promise<EncodedPhoto> {
  if (bytes.length > PHOTO_MAX_BYTES) throw photoTooLarge()
  if (!MAGIC[contentType](bytes)) throw photoTypeProblem(`The bytes are not a ${contentType} image`)
  try {
    return await encodePhoto(bytes)
  } catch (error) {
    if (error instanceof TooManyPixels) throw photoTooManyPixels(error.message)
    if (error instanceof UnreadableImage)
      throw photoTypeProblem(`The ${contentType} image cannot be decoded: ${error.message}`)
    throw error
  }
}
