import { Problem } from '../../../lib/problem'
import { type GpsPoint, MalformedImage, readGps, type Split } from './exif'
import { splitJpeg } from './jpeg'
import { splitPng } from './png'
import { splitWebp } from './webp'

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
export const ATTACHMENT_TYPES = Object.keys(MAGIC) as AttachmentType[]

const SPLITTERS: Partial<Record<AttachmentType, (bytes: Uint8Array) => Split>> = {
  'image/jpeg': splitJpeg,
  'image/png': splitPng,
  'image/webp': splitWebp,
}

export const isImage = (type: string) => type.startsWith('image/')

export const attachmentTypeProblem = (detail = 'Send a JPEG, PNG or WebP photo or a PDF') =>
  new Problem(415, 'case.attachment_type', detail)
export const attachmentTooLarge = (limit: number) =>
  new Problem(413, 'case.attachment_too_large', `An attachment may be at most ${limit} bytes`, { limit })

/** The media type of a Content-Type header, without parameters, when it is one an attachment may have. */
export function attachmentTypeOf(contentType: string | undefined): AttachmentType | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  return ATTACHMENT_TYPES.find((t) => t === type) ?? null
}

export interface Examined {
  /** Where an image says it was taken (Exif GPS). */
  gps: GpsPoint | null
  /** The image without its metadata, when it had any; null for a clean image and for a PDF. */
  publicCopy: Uint8Array | null
}

/**
 * Checks the bytes are what their type claims and takes an image apart: its GPS position for staff,
 * a copy without metadata for everyone else. An image whose structure cannot be walked is refused,
 * since its metadata could not be removed with certainty.
 */
export function examine(type: AttachmentType, bytes: Uint8Array): Examined {
  if (!MAGIC[type](bytes)) throw attachmentTypeProblem(`The bytes are not ${type}`)
  const split = SPLITTERS[type]
  if (!split) return { gps: null, publicCopy: null }
  try {
    const { tiff, clean } = split(bytes)
    return { gps: tiff ? readGps(tiff) : null, publicCopy: clean }
  } catch (error) {
    if (error instanceof MalformedImage)
      throw attachmentTypeProblem(`The ${type} image is malformed: ${error.message}`)
    throw error
  }
}
