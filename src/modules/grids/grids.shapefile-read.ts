import { isUtf8 } from 'node:buffer'
import { badRequest } from '../../lib/problem'

/** A ring as the .shp stores it: x, y pairs, closed. */
export type Ring = [number, number][]

export const unreadable = (message: string) => badRequest('grid.import_shapefile', message)

const POLYGON_TYPES = new Set([5, 15, 25]) // Polygon, PolygonZ, PolygonM: x, y come first in all three
const SHAPE_NAMES: Record<number, string> = {
  1: 'point',
  3: 'polyline',
  8: 'multipoint',
  11: 'point',
  13: 'polyline',
  18: 'multipoint',
  21: 'point',
  23: 'polyline',
  28: 'multipoint',
  31: 'multipatch',
}
const shapeName = (type: number) => SHAPE_NAMES[type] ?? `type ${type}`

/** The rings of each record of a polygon .shp, in record order; null for a null shape. */
export function readShp(bytes: Uint8Array): (Ring[] | null)[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 100 || view.getInt32(0) !== 9994) throw unreadable('The .shp is not a Shapefile')
  const type = view.getInt32(32, true)
  if (!POLYGON_TYPES.has(type))
    throw unreadable(`The .shp holds ${shapeName(type)} shapes; grids need polygons`)
  const end = Math.min(view.getInt32(24) * 2, bytes.byteLength)
  const shapes: (Ring[] | null)[] = []
  for (let at = 100; at + 12 <= end; ) {
    const length = view.getInt32(at + 4) * 2
    if (length < 4 || at + 8 + length > bytes.byteLength)
      throw unreadable(`The .shp is cut short at record ${shapes.length}`)
    shapes.push(readPolygon(new DataView(bytes.buffer, bytes.byteOffset + at + 8, length), shapes.length))
    at += 8 + length
  }
  return shapes
}

function readPolygon(view: DataView, index: number): Ring[] | null {
  const type = view.getInt32(0, true)
  if (type === 0) return null
  if (!POLYGON_TYPES.has(type)) throw unreadable(`Record ${index} is a ${shapeName(type)}, not a polygon`)
  const parts = view.byteLength >= 44 ? view.getInt32(36, true) : -1
  const points = view.byteLength >= 44 ? view.getInt32(40, true) : -1
  const xy = 44 + 4 * parts
  if (parts < 0 || points < 0 || xy + 16 * points > view.byteLength)
    throw unreadable(`Record ${index} of the .shp is cut short`)
  const rings: Ring[] = []
  for (let p = 0; p < parts; p++) {
    const from = view.getInt32(44 + 4 * p, true)
    const to = p + 1 < parts ? view.getInt32(48 + 4 * p, true) : points
    if (from < 0 || from > to || to > points) throw unreadable(`Record ${index} of the .shp has broken parts`)
    const ring: Ring = []
    for (let i = from; i < to; i++)
      ring.push([view.getFloat64(xy + 16 * i, true), view.getFloat64(xy + 16 * i + 8, true)])
    rings.push(ring)
  }
  return rings
}

export interface DbfField {
  name: string
  /** C text, N/F number, L logical, D date, … */
  type: string
}

export interface Dbf {
  fields: DbfField[]
  /** Trimmed text of each field, null when blank; null for a record marked deleted. */
  rows: (Record<string, string | null> | null)[]
}

// Labels seen in .cpg files, mapped to what TextDecoder calls them (GB2312 is read as its superset GBK).
const CPG_ENCODINGS: Record<string, string> = {
  utf8: 'utf-8',
  '65001': 'utf-8',
  gbk: 'gbk',
  cp936: 'gbk',
  '936': 'gbk',
  ansi936: 'gbk',
  gb2312: 'gbk',
  '20936': 'gbk',
  gb18030: 'gb18030',
  '54936': 'gb18030',
}

/** The .cpg's encoding when it names one we can read; else UTF-8 if the text is valid UTF-8, else GBK. */
export function dbfEncoding(cpg: string | undefined, text: Uint8Array): string {
  const label = cpg?.trim() ?? ''
  const known = CPG_ENCODINGS[label.toLowerCase().replace(/[\s_-]/g, '')] ?? decoderLabel(label)
  if (known) return known
  return isUtf8(text) ? 'utf-8' : 'gbk'
}

function decoderLabel(label: string): string | undefined {
  if (!label) return undefined
  try {
    return new TextDecoder(label).encoding
  } catch {
    return undefined
  }
}

export function readDbf(bytes: Uint8Array, cpg: string | undefined): Dbf {
  if (bytes.byteLength < 33) throw unreadable('The .dbf is not a dBASE table')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint32(4, true)
  const headerLength = view.getUint16(8, true)
  const recordLength = view.getUint16(10, true)
  const end = headerLength + count * recordLength
  if (headerLength < 33 || end > bytes.byteLength) throw unreadable('The .dbf is cut short')
  const decoder = new TextDecoder(dbfEncoding(cpg, bytes.subarray(headerLength, end)))

  const fields: (DbfField & { length: number })[] = []
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const name = bytes.subarray(at, at + 11)
    const nul = name.indexOf(0)
    fields.push({
      name: decoder.decode(nul < 0 ? name : name.subarray(0, nul)).trim(),
      type: String.fromCharCode(bytes[at + 11] ?? 0x43),
      length: bytes[at + 16] ?? 0,
    })
  }
  if (fields.reduce((sum, f) => sum + f.length, 1) > recordLength)
    throw unreadable('The .dbf fields do not fit its records')

  const rows: Dbf['rows'] = []
  for (let i = 0; i < count; i++) {
    let at = headerLength + i * recordLength
    if (bytes[at] === 0x2a) {
      rows.push(null) // '*': deleted
      continue
    }
    at += 1
    const row: Record<string, string | null> = {}
    for (const f of fields) {
      const text = decoder
        .decode(bytes.subarray(at, at + f.length))
        .replace(/\0/g, '')
        .trim()
      row[f.name] = text === '' || (f.type !== 'C' && /^[*?]+$/.test(text)) ? null : text
      at += f.length
    }
    rows.push(row)
  }
  return { fields: fields.map(({ name, type }) => ({ name, type })), rows }
}
