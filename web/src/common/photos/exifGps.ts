/** A position in WGS84 degrees, as a camera's GPS receiver wrote it into the photo. */
export interface PhotoPoint {
  lng: number
  lat: number
}

const GPS_IFD_POINTER = 0x8825
const GPS = { latRef: 1, lat: 2, lngRef: 3, lng: 4, status: 9 } as const
const RATIONAL = 5
/** Bytes per value of the TIFF field types a GPS IFD uses (BYTE, ASCII, SHORT, LONG, RATIONAL). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 }

/**
 * Where a JPEG says it was taken: its APP1 Exif block → IFD0 → GPS IFD. Null when it has none, the
 * receiver had no fix, or the block is broken. Shrinking a photo on a canvas drops its Exif, so the
 * report pages read the position here first and send it beside the shrunk photo; the server keeps it
 * for staff as it keeps the Exif position of an unshrunk one (src/modules/cases/attachments/exif.ts
 * reads PNG and WebP too; phone cameras write JPEG, which is all this one reads).
 */
export function jpegGps(bytes: ArrayBuffer): PhotoPoint | null {
  try {
    const tiff = exifOf(new DataView(bytes))
    return tiff ? gpsOf(tiff) : null
  } catch (error) {
    // Reading past the end of a truncated file: no position rather than a wrong one.
    if (error instanceof RangeError) return null
    throw error
  }
}

/** The TIFF structure inside the JPEG's "Exif\0\0" APP1 segment, if any comes before the image data. */
function exifOf(view: DataView): DataView | null {
  if (view.getUint16(0) !== 0xffd8) return null
  let at = 2
  while (at + 4 <= view.byteLength) {
    const marker = view.getUint16(at)
    if (marker >> 8 !== 0xff || marker === 0xffda) return null
    const length = view.getUint16(at + 2)
    if (marker === 0xffe1 && view.getUint32(at + 4) === 0x45786966 && view.getUint16(at + 8) === 0)
      return new DataView(view.buffer, view.byteOffset + at + 10, length - 8)
    at += 2 + length
  }
  return null
}

function gpsOf(tiff: DataView): PhotoPoint | null {
  const order = tiff.getUint16(0)
  if (order !== 0x4949 && order !== 0x4d4d) return null
  const le = order === 0x4949
  const u16 = (at: number) => tiff.getUint16(at, le)
  const u32 = (at: number) => tiff.getUint32(at, le)
  if (u16(2) !== 42) return null

  /** An IFD's entries by tag: where each value is (inside the entry when it fits in 4 bytes). */
  const fields = (ifdAt: number) => {
    const map = new Map<number, { type: number; count: number; at: number }>()
    for (let i = 0; i < u16(ifdAt); i++) {
      const entry = ifdAt + 2 + i * 12
      const type = u16(entry + 2)
      const count = u32(entry + 4)
      const inline = (TYPE_SIZE[type] ?? 1) * count <= 4
      map.set(u16(entry), { type, count, at: inline ? entry + 8 : u32(entry + 8) })
    }
    return map
  }

  const pointer = fields(u32(4)).get(GPS_IFD_POINTER)
  if (!pointer) return null
  const gps = fields(u32(pointer.at))
  const letter = (tag: number) => {
    const f = gps.get(tag)
    return f ? String.fromCharCode(tiff.getUint8(f.at)) : null
  }
  const degrees = (tag: number) => {
    const f = gps.get(tag)
    if (!f || f.type !== RATIONAL || f.count < 3) return null
    const part = (i: number) => u32(f.at + i * 8) / u32(f.at + i * 8 + 4)
    return part(0) + part(1) / 60 + part(2) / 3600
  }

  if (letter(GPS.status) === 'V') return null // 'V': the receiver had no fix
  const lat = degrees(GPS.lat)
  const lng = degrees(GPS.lng)
  const latRef = letter(GPS.latRef)
  const lngRef = letter(GPS.lngRef)
  if (lat === null || lng === null || !Number.isFinite(lat) || !Number.isFinite(lng)) return null
  if (lat > 90 || lng > 180 || (lat === 0 && lng === 0)) return null // zeros: a camera without a fix
  if ((latRef !== 'N' && latRef !== 'S') || (lngRef !== 'E' && lngRef !== 'W')) return null
  return { lat: latRef === 'S' ? -lat : lat, lng: lngRef === 'W' ? -lng : lng }
}
