/**
 * Tiny but well-formed images, built in code: a TIFF (Exif) writer with a GPS IFD, and JPEG, PNG and
 * WebP files that carry it and every other kind of metadata a phone or an editor leaves in a file,
 * for the attachment and photo tests. Readers here are independent of the code tested.
 */
import { deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { expect } from 'vitest'

export type ByteOrder = 'II' | 'MM'

interface Entry {
  tag: number
  type: number
  count: number
  /** The value's bytes, already in the file's byte order. */
  bytes: number[]
}

class Writer {
  readonly le: boolean
  constructor(order: ByteOrder) {
    this.le = order === 'II'
  }
  u16(n: number): number[] {
    return this.le ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]
  }
  u32(n: number): number[] {
    const be = [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
    return this.le ? be.reverse() : be
  }
}

/** An IFD at `start`, its out-of-line values right after it: answers its bytes. */
function ifd(w: Writer, start: number, entries: Entry[]): number[] {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag)
  const tableSize = 2 + sorted.length * 12 + 4
  const table: number[] = [...w.u16(sorted.length)]
  const extra: number[] = []
  for (const e of sorted) {
    table.push(...w.u16(e.tag), ...w.u16(e.type), ...w.u32(e.count))
    if (e.bytes.length <= 4) table.push(...e.bytes, ...Array(4 - e.bytes.length).fill(0))
    else {
      table.push(...w.u32(start + tableSize + extra.length))
      extra.push(...e.bytes)
      if (extra.length % 2) extra.push(0) // values start on word boundaries
    }
  }
  table.push(...w.u32(0)) // no next IFD
  return [...table, ...extra]
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0)).concat(0)

/** Degrees as the three rationals of Exif: degrees, minutes, seconds (to 1/10000). */
function dms(w: Writer, value: number): number[] {
  const abs = Math.abs(value)
  const deg = Math.floor(abs)
  const minutes = (abs - deg) * 60
  const min = Math.floor(minutes)
  const sec = Math.round((minutes - min) * 60 * 10000)
  return [...w.u32(deg), ...w.u32(1), ...w.u32(min), ...w.u32(1), ...w.u32(sec), ...w.u32(10000)]
}

export interface TiffOptions {
  order?: ByteOrder
  /** Decimal degrees; the refs follow the signs. */
  gps?: { lat: number; lng: number }
  /** GPSStatus: 'V' says the receiver had no fix. */
  status?: 'A' | 'V'
  /** IFD0 Orientation: 6 says "turn 90° clockwise to view". */
  orientation?: number
}

/** A TIFF structure as in an Exif block: IFD0 with the camera's make and, optionally, a GPS IFD. */
export function tiff(opts: TiffOptions = {}): Uint8Array {
  const w = new Writer(opts.order ?? 'II')
  const header = [...(w.le ? [0x49, 0x49] : [0x4d, 0x4d]), ...w.u16(42), ...w.u32(8)]
  const make: Entry = { tag: 0x010f, type: 2, count: 7, bytes: ascii('Wangge') }
  const orientation: Entry[] = opts.orientation
    ? [{ tag: 0x0112, type: 3, count: 1, bytes: w.u16(opts.orientation) }]
    : []
  const ifd0Entries = 1 + orientation.length + (opts.gps ? 1 : 0)
  const ifd0Size = 2 + ifd0Entries * 12 + 4 + 8 // + the make string, padded
  const gpsAt = 8 + ifd0Size
  const ifd0 = ifd(w, 8, [
    make,
    ...orientation,
    ...(opts.gps ? [{ tag: 0x8825, type: 4, count: 1, bytes: w.u32(gpsAt) }] : []),
  ])
  if (!opts.gps) return Uint8Array.from([...header, ...ifd0])
  const { lat, lng } = opts.gps
  const gps = ifd(w, gpsAt, [
    { tag: 0, type: 1, count: 4, bytes: [2, 3, 0, 0] },
    { tag: 1, type: 2, count: 2, bytes: ascii(lat < 0 ? 'S' : 'N') },
    { tag: 2, type: 5, count: 3, bytes: dms(w, lat) },
    { tag: 3, type: 2, count: 2, bytes: ascii(lng < 0 ? 'W' : 'E') },
    { tag: 4, type: 5, count: 3, bytes: dms(w, lng) },
    ...(opts.status ? [{ tag: 9, type: 2, count: 2, bytes: ascii(opts.status) }] : []),
  ])
  return Uint8Array.from([...header, ...ifd0, ...gps])
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]

const segment = (marker: number, payload: number[] | Uint8Array) => {
  const length = payload.length + 2
  return [0xff, marker, length >> 8, length & 0xff, ...payload]
}

/**
 * A 1×1 grey baseline JPEG that decoders accept: DQT, SOF0, one-code Huffman tables and a single
 * block whose DC difference and AC run are both the code `0` (entropy byte 0x3F).
 */
export function jpeg(opts: JpegMetadata & { entropy?: number[] } = {}): Buffer {
  const huffman = (tableClass: number) => [tableClass << 4, 1, ...Array(15).fill(0), 0]
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [...ascii('JFIF'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...metadataSegments(opts),
    ...segment(0xdb, [0, ...Array(64).fill(1)]),
    ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...segment(0xc4, huffman(0)),
    ...segment(0xc4, huffman(1)),
    ...segment(0xda, [1, 1, 0, 0, 63, 0]),
    ...(opts.entropy ?? [0x3f]),
    0xff,
    0xd9,
    ...(opts.trailer ?? []),
  ])
}

export interface JpegMetadata {
  exif?: Uint8Array
  /** An XMP packet (APP1). */
  xmp?: string
  /** An IPTC record in a Photoshop APP13 block; `true` for an empty one. */
  iptc?: boolean | string
  /** A comment segment (COM). */
  comment?: string
  /** Application segments no decoder knows, as marker (0xe2–0xef) and text. */
  app?: [number, string][]
  /** Bytes after the end-of-image marker. */
  trailer?: number[]
}

/** An IPTC dataset 2:120 (caption) holding the text, in an 8BIM resource 0x0404. */
function iptcBlock(text: string): number[] {
  const caption = [...Buffer.from(text)]
  const record = [0x1c, 2, 120, caption.length >> 8, caption.length & 0xff, ...caption]
  const padded = record.length % 2 ? [...record, 0] : record
  return [
    ...ascii('Photoshop 3.0'),
    ...ascii('8BIM').slice(0, 4),
    0x04,
    0x04,
    0,
    0,
    ...be32(record.length),
    ...padded,
  ]
}

function metadataSegments(opts: JpegMetadata): number[] {
  const iptc = opts.iptc === true ? ascii('Photoshop 3.0') : opts.iptc ? iptcBlock(opts.iptc) : null
  return [
    ...(opts.exif ? segment(0xe1, [...EXIF_HEADER, ...opts.exif]) : []),
    ...(opts.xmp ? segment(0xe1, [...ascii('http://ns.adobe.com/xap/1.0/'), ...Buffer.from(opts.xmp)]) : []),
    ...(iptc ? segment(0xed, iptc) : []),
    ...(opts.comment ? segment(0xfe, [...Buffer.from(opts.comment)]) : []),
    ...(opts.app ?? []).flatMap(([marker, text]) => segment(marker, [...Buffer.from(text)])),
  ]
}

/**
 * A JPEG of real pixels (`width` × `height`, left half red, right half blue, drawn by sharp) with the
 * metadata inserted right after its start-of-image marker and the trailer appended.
 */
export async function photo(opts: JpegMetadata & { width?: number; height?: number } = {}): Promise<Buffer> {
  const width = opts.width ?? 64
  const height = opts.height ?? 32
  const half = { width: Math.ceil(width / 2), height, channels: 3 as const }
  const plain = await sharp({ create: { width, height, channels: 3, background: '#0000ff' } })
    .composite([{ input: { create: { ...half, background: '#ff0000' } }, left: 0, top: 0 }])
    .jpeg()
    .toBuffer()
  return Buffer.concat([
    plain.subarray(0, 2),
    Buffer.from(metadataSegments(opts)),
    plain.subarray(2),
    Buffer.from(opts.trailer ?? []),
  ])
}

/** The markers of a JPEG's segments up to the first scan. */
export function jpegMarkers(bytes: Uint8Array): number[] {
  const markers: number[] = []
  let at = 2
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] as number
    markers.push(marker)
    if (marker === 0xda) break
    at += 2 + (((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number))
  }
  return markers
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]

function pngChunk(type: string, data: number[] | Uint8Array): number[] {
  const typed = Uint8Array.from([...type].map((c) => c.charCodeAt(0)).concat([...data]))
  return [...be32(data.length), ...typed, ...be32(crc32(typed))]
}

/**
 * A 1×1 grey PNG (its IDAT a stored zlib block), with an eXIf chunk and text chunks when asked:
 * `text` as tEXt, `itext` as iTXt (UTF-8, uncompressed), `ztext` as zTXt (deflated). `size` makes the
 * header declare other dimensions, as a decompression bomb does.
 */
export function png(
  opts: {
    exif?: Uint8Array
    text?: Record<string, string>
    itext?: Record<string, string>
    ztext?: Record<string, string>
    trailer?: number[]
    size?: { width: number; height: number }
  } = {},
): Buffer {
  // zlib: header, one stored block of the scanline (filter 0, one grey byte), Adler-32 of it.
  const idat = [0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81]
  return Buffer.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk('IHDR', [...be32(opts.size?.width ?? 1), ...be32(opts.size?.height ?? 1), 8, 0, 0, 0, 0]),
    ...(opts.exif ? pngChunk('eXIf', opts.exif) : []),
    ...Object.entries(opts.text ?? {}).flatMap(([k, v]) =>
      pngChunk('tEXt', [...ascii(k), ...Buffer.from(v)]),
    ),
    ...Object.entries(opts.itext ?? {}).flatMap(([k, v]) =>
      pngChunk('iTXt', [...ascii(k), 0, 0, ...ascii('zh'), ...ascii(k), ...Buffer.from(v)]),
    ),
    ...Object.entries(opts.ztext ?? {}).flatMap(([k, v]) =>
      pngChunk('zTXt', [...ascii(k), 0, ...deflateSync(Buffer.from(v))]),
    ),
    ...pngChunk('IDAT', idat),
    ...pngChunk('IEND', []),
    ...(opts.trailer ?? []),
  ])
}

const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]

function riffChunk(fourcc: string, data: number[] | Uint8Array): number[] {
  const bytes = [...fourcc].map((c) => c.charCodeAt(0))
  return [...bytes, ...le32(data.length), ...data, ...(data.length % 2 ? [0] : [])]
}

/** A 1×1 lossless WebP (the well-known VP8L pixel), extended (VP8X) with EXIF and XMP chunks when asked. */
export function webp(opts: { exif?: Uint8Array; xmp?: string } = {}): Buffer {
  const vp8l = [0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07]
  const flags = (opts.exif ? 0x08 : 0) | (opts.xmp ? 0x04 : 0)
  const chunks = [
    ...(flags ? riffChunk('VP8X', [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]) : []),
    ...riffChunk('VP8L', vp8l),
    ...(opts.exif ? riffChunk('EXIF', opts.exif) : []),
    ...(opts.xmp ? riffChunk('XMP ', Buffer.from(opts.xmp)) : []),
  ]
  return Buffer.from([
    ...ascii('RIFF').slice(0, 4),
    ...le32(chunks.length + 4),
    ...ascii('WEBP').slice(0, 4),
    ...chunks,
  ])
}

// Fixtures for the public copies: every kind of metadata a file can carry, and the check that none is left.

const CHENGDU = { lat: 30.657, lng: 104.066 }
/** What a reporter or a worker's phone leaves in a file, one marker per place it can hide. */
export const METADATA_MARKERS = {
  comment: '13800138000 30.66,104.06',
  xmp: 'XMP-CREATOR-张三',
  iptc: 'IPTC-CAPTION-锦江区',
  app: 'APP11-VENDOR-BLOB',
  trailer: 'TRAILING-MOTION-PHOTO',
  text: 'PNG-TEXT-13800138000',
  itext: 'PNG-ITXT-住址',
  ztext: 'PNG-ZTXT-13800138000',
}

/** A JPEG carrying every kind of metadata: GPS Exif, XMP, IPTC, a comment, APP11 and APP15, a trailer. */
export const loadedJpeg = () =>
  photo({
    exif: tiff({ gps: CHENGDU }),
    xmp: `<x:xmpmeta>${METADATA_MARKERS.xmp}</x:xmpmeta>`,
    iptc: METADATA_MARKERS.iptc,
    comment: METADATA_MARKERS.comment,
    app: [
      [0xeb, METADATA_MARKERS.app],
      [0xef, METADATA_MARKERS.app],
    ],
    trailer: [...Buffer.from(METADATA_MARKERS.trailer)],
  })

export const loadedPng = () =>
  png({
    exif: tiff({ order: 'MM', gps: CHENGDU }),
    text: { Comment: METADATA_MARKERS.text },
    itext: { 'XML:com.adobe.xmp': `<x:xmpmeta>${METADATA_MARKERS.itext}</x:xmpmeta>` },
    ztext: { Description: METADATA_MARKERS.ztext },
    trailer: [...Buffer.from(METADATA_MARKERS.trailer)],
  })

export const loadedWebp = () =>
  webp({ exif: tiff({ gps: CHENGDU }), xmp: `<x:xmpmeta>${METADATA_MARKERS.xmp}</x:xmpmeta>` })

/** Fails unless the bytes are a bare JPEG: no marker, no Exif/XMP/IPTC structure, comment or colour profile. */
export async function expectNoMetadata(bytes: Buffer) {
  const meta = await sharp(bytes).metadata()
  expect(meta.format).toBe('jpeg')
  expect([meta.exif, meta.xmp, meta.iptc, meta.icc, meta.comments]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ])
  for (const marker of [
    ...Object.values(METADATA_MARKERS),
    'Exif',
    'http://ns.adobe.com',
    'Photoshop',
    '8BIM',
  ])
    expect(bytes.includes(Buffer.from(marker)), marker).toBe(false)
  // Before the scan only what a plain JPEG needs (JFIF, tables, frame): no APP1–APP15, no comment.
  expect(jpegMarkers(bytes).filter((m) => m >= 0xe1)).toEqual([])
}

/** A one-page PDF, as small as a viewer still opens. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
)

/** A 1×1 GIF: a type attachments do not take. */
export const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')
