import { jpegGps, type PhotoPoint } from './exifGps'

/** As many photos as a report takes (REPORTER_PHOTOS.count on the server) and an action's dialog. */
export const PHOTO_LIMIT = 6

/** The long side a shrunk photo keeps: a pothole stays visible, a phone's 4000 px photo shrinks tenfold. */
const MAX_EDGE = 1600
const QUALITY = 0.8
/** A photo within MAX_EDGE and under this size goes as it is: shrinking would gain little. */
const SMALL_BYTES = 600 * 1024
/** What the server takes; anything else the browser decodes (HEIC on an iPhone) is sent as a JPEG. */
const SENDABLE = ['image/jpeg', 'image/png', 'image/webp']
/** The Exif block sits near the start of a JPEG (APP1 is at most 64 KiB). */
const EXIF_WINDOW = 256 * 1024

/** A photo ready to send: the bytes to upload and where the original says it was taken. */
export interface PreparedPhoto {
  uid: string
  blob: Blob
  location: PhotoPoint | null
  /** An object URL of `blob` for the thumbnail; revoked when the photo is removed. */
  preview: string
}

/** The picked file is no image this browser can read. */
export class UnreadablePhoto extends Error {}

let uids = 0

/**
 * Reads the position from the original (shrinking drops the Exif) and shrinks a large photo to a
 * JPEG of MAX_EDGE px on its long side, turned upright, transparency on white: on a weak network a
 * 4 MB photo becomes a few hundred kB. A small photo goes as it is (the server reads its Exif itself).
 */
export async function preparePhoto(file: File, maxEdge = MAX_EDGE): Promise<PreparedPhoto> {
  const location = file.type === 'image/jpeg' ? jpegGps(await file.slice(0, EXIF_WINDOW).arrayBuffer()) : null
  const blob = await shrink(file, maxEdge)
  uids += 1
  return { uid: `photo-${uids}`, blob, location, preview: URL.createObjectURL(blob) }
}

async function shrink(file: File, maxEdge: number): Promise<Blob> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    throw new UnreadablePhoto(file.name)
  }
  try {
    const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height))
    const sendable = SENDABLE.includes(file.type)
    if (scale === 1 && sendable && file.size <= SMALL_BYTES) return file
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(bitmap.width * scale))
    canvas.height = Math.max(1, Math.round(bitmap.height * scale))
    const context = canvas.getContext('2d')
    if (!context) throw new UnreadablePhoto(file.name)
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY))
    if (!jpeg) throw new UnreadablePhoto(file.name)
    // A photo already well compressed may come out larger: then the original is the better one to send.
    return sendable && jpeg.size >= file.size ? file : jpeg
  } finally {
    bitmap.close()
  }
}

/** The X-Photo-Location header's value: `lng,lat` in degrees (seven decimals: about a centimetre). */
export const locationHeader = (p: PhotoPoint) => `${p.lng.toFixed(7)},${p.lat.toFixed(7)}`
