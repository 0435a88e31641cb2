/** A position in WGS84 degrees, as the camera's GPS receiver recorded it. */
export interface GpsPoint {
  lng: number
  lat: number
}

const GPS_IFD_POINTER = 0x8825
const GPS = { latRef: 1, lat: 2, lngRef: 3, lng: 4, status: 9 } as const
const ASCII = 2
const LONG = 4
const RATIONAL = 5
const SRATIONAL = 10
const IFD = 13
/** Bytes per value of each TIFF field type (6.0 and the Exif additions). */
const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00] // "Exif\0\0"

/** Whether an Exif block starts at `at` (JPEG APP1 always; PNG and WebP writers sometimes add it too). */
export function hasExifHeader(bytes: Uint8Array, at = 0): boolean {
  return EXIF_HEADER.every((b, i) => bytes[at + i] === b)
}

/** The TIFF structure of an Exif block, with or without the "Exif\0\0" prefix. */
export function tiffOf(block: Uint8Array): Uint8Array {
  return hasExifHeader(block) ? block.subarray(EXIF_HEADER.length) : block
}

interface Field {
  type: number
  count: number
  /** Where the value is: inside the entry when it fits in 4 bytes, elsewhere at the offset it holds. */
  at: number
}

/**
 * The GPS position of a TIFF structure (the body of an Exif block): IFD0 → GPS IFD → latitude and
 * longitude with their hemisphere refs. Null when there is none, the receiver marked it void, or the
 * block is broken (a position is evidence: better none than a wrong one).
 */
export function readGps(tiff: Uint8Array): GpsPoint | null {
  try {
    return gpsOf(tiff)
  } catch (error) {
    // DataView throws RangeError past the end: a truncated or corrupt block has no position.
    if (error instanceof RangeError) return null
    throw error
  }
}

function gpsOf(tiff: Uint8Array): GpsPoint | null {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0)
  if (order !== 'II' && order !== 'MM') return null
  const le = order === 'II'
  if (view.getUint16(2, le) !== 42) return null

  const fields = (ifdAt: number): Map<number, Field> => {
    const map = new Map<number, Field>()
    const n = view.getUint16(ifdAt, le)
    for (let i = 0; i < n; i++) {
      const entry = ifdAt + 2 + i * 12
      const type = view.getUint16(entry + 2, le)
      const count = view.getUint32(entry + 4, le)
      const size = (TYPE_SIZE[type] ?? 1) * count
      map.set(view.getUint16(entry, le), {
        type,
        count,
        at: size <= 4 ? entry + 8 : view.getUint32(entry + 8, le),
      })
    }
    return map
  }

  const pointer = fields(view.getUint32(4, le)).get(GPS_IFD_POINTER)
  if (!pointer || (pointer.type !== LONG && pointer.type !== IFD)) return null
  const gps = fields(view.getUint32(pointer.at, le))

  const letter = (tag: number) => {
    const f = gps.get(tag)
    return f?.type === ASCII && f.count >= 1 ? String.fromCharCode(view.getUint8(f.at)) : null
  }
  const degrees = (tag: number) => {
    const f = gps.get(tag)
    if (!f || (f.type !== RATIONAL && f.type !== SRATIONAL) || f.count < 3) return null
    const part = (i: number) => {
      const at = f.at + i * 8
      const [num, den] =
        f.type === RATIONAL
          ? [view.getUint32(at, le), view.getUint32(at + 4, le)]
          : [view.getInt32(at, le), view.getInt32(at + 4, le)]
      return den === 0 ? Number.NaN : num / den
    }
    return part(0) + part(1) / 60 + part(2) / 3600
  }

  if (letter(GPS.status) === 'V') return null // 'V': the receiver had no fix
  const latRef = letter(GPS.latRef)
  const lngRef = letter(GPS.lngRef)
  const lat = degrees(GPS.lat)
  const lng = degrees(GPS.lng)
  if (
    lat === null ||
    lng === null ||
    !(latRef === 'N' || latRef === 'S') ||
    !(lngRef === 'E' || lngRef === 'W')
  )
    return null
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || lat > 90 || lng > 180 || lat < 0 || lng < 0)
    return null
  // Cameras without a fix often write zeros: Null Island is not where a street photo was taken.
  if (lat === 0 && lng === 0) return null
  return { lat: latRef === 'S' ? -lat : lat, lng: lngRef === 'W' ? -lng : lng }
}
