import { zipSync } from 'fflate'

/** A GeoJSON-style polygon: the outer ring, then holes, each as [x, y] points (winding does not matter). */
type Polygon = number[][][]

export interface DbfFieldSpec {
  /** At most 10 characters, as dBASE allows. */
  name: string
  type: 'C' | 'N'
  length: number
  decimals?: number
}

export interface ShapefileSpec {
  fields: DbfFieldSpec[]
  /** One record per entry: its polygons (null for a null shape) and its values by field name. */
  records: { polygons: Polygon[] | null; values: Record<string, string | number | null | undefined> }[]
  /** How the DBF text is written (default UTF-8). */
  encoding?: 'utf-8' | 'gbk'
  /** The .cpg's content; none is written when left out. */
  cpg?: string
  prj?: string
  /** The shape type written in the .shp header (default 5, Polygon). */
  shapeType?: number
  /** Where the files sit inside the zip, e.g. 'export/' (default the top). */
  folder?: string
  name?: string
}

/** Test-only: a zipped polygon Shapefile (.shp, .dbf and, when asked, .cpg and .prj). */
export function shapefileZip(spec: ShapefileSpec): Uint8Array {
  const base = `${spec.folder ?? ''}${spec.name ?? 'grids'}`
  const files: Record<string, Uint8Array> = {
    [`${base}.shp`]: writeShp(
      spec.records.map((r) => r.polygons),
      spec.shapeType ?? 5,
    ),
    [`${base}.dbf`]: writeDbf(spec),
  }
  if (spec.cpg !== undefined) files[`${base}.cpg`] = new TextEncoder().encode(spec.cpg)
  if (spec.prj !== undefined) files[`${base}.prj`] = new TextEncoder().encode(spec.prj)
  return zipSync(files)
}

const area = (ring: number[][]) =>
  ring.reduce((sum, [x = 0, y = 0], i) => {
    const [px = 0, py = 0] = ring[(i || ring.length) - 1] ?? []
    return sum + (px - x) * (py + y)
  }, 0)

/** The Shapefile's winding: outer rings clockwise, holes counter-clockwise. */
const wound = (ring: number[][], clockwise: boolean) =>
  area(ring) < 0 === clockwise ? ring : [...ring].reverse()

function writeShp(shapes: (Polygon[] | null)[], shapeType: number): Uint8Array {
  const contents = shapes.map((polygons) => {
    if (!polygons) return new DataView(new ArrayBuffer(4)) // a null shape: type 0
    const rings = polygons.flatMap((p) => p.map((ring, i) => wound(ring, i === 0)))
    const points = rings.flat()
    const view = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length))
    view.setInt32(0, shapeType, true)
    const xs = points.map((p) => p[0] ?? 0)
    const ys = points.map((p) => p[1] ?? 0)
    ;[Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => {
      view.setFloat64(4 + 8 * i, v, true)
    })
    view.setInt32(36, rings.length, true)
    view.setInt32(40, points.length, true)
    let start = 0
    rings.forEach((ring, i) => {
      view.setInt32(44 + 4 * i, start, true)
      start += ring.length
    })
    const xy = 44 + 4 * rings.length
    points.forEach(([x = 0, y = 0], i) => {
      view.setFloat64(xy + 16 * i, x, true)
      view.setFloat64(xy + 16 * i + 8, y, true)
    })
    return view
  })
  const length = 100 + contents.reduce((sum, c) => sum + 8 + c.byteLength, 0)
  const out = new Uint8Array(length)
  const view = new DataView(out.buffer)
  view.setInt32(0, 9994)
  view.setInt32(24, length / 2)
  view.setInt32(28, 1000, true)
  view.setInt32(32, shapeType, true)
  let at = 100
  contents.forEach((content, i) => {
    view.setInt32(at, i + 1)
    view.setInt32(at + 4, content.byteLength / 2)
    out.set(new Uint8Array(content.buffer), at + 8)
    at += 8 + content.byteLength
  })
  return out
}

let gbkTable: Map<string, number[]> | undefined

/** Node decodes GBK but cannot encode it: build the encoding table by decoding every two-byte code. */
function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    const table = new Map<string, number[]>()
    const decoder = new TextDecoder('gbk')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const char = decoder.decode(new Uint8Array([lead, trail]))
        if (trail !== 0x7f && char.length === 1 && !table.has(char)) table.set(char, [lead, trail])
      }
    }
    gbkTable = table
  }
  const table = gbkTable
  return new Uint8Array(
    [...text].flatMap((char) =>
      char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) ?? [0x3f]),
    ),
  )
}

function writeDbf(spec: ShapefileSpec): Uint8Array {
  const encode = spec.encoding === 'gbk' ? gbk : (s: string) => new TextEncoder().encode(s)
  const headerLength = 32 + 32 * spec.fields.length + 1
  const recordLength = 1 + spec.fields.reduce((sum, f) => sum + f.length, 0)
  const out = new Uint8Array(headerLength + recordLength * spec.records.length + 1).fill(0x20, headerLength)
  const view = new DataView(out.buffer)
  out.set([0x03, 126, 1, 1])
  view.setUint32(4, spec.records.length, true)
  view.setUint16(8, headerLength, true)
  view.setUint16(10, recordLength, true)
  spec.fields.forEach((f, i) => {
    const at = 32 + 32 * i
    out.set(new TextEncoder().encode(f.name.slice(0, 10)), at)
    out[at + 11] = f.type.charCodeAt(0)
    out[at + 16] = f.length
    out[at + 17] = f.decimals ?? 0
  })
  out[headerLength - 1] = 0x0d
  spec.records.forEach((record, r) => {
    let at = headerLength + r * recordLength + 1
    for (const f of spec.fields) {
      const value = record.values[f.name]
      const text = value === null || value === undefined ? '' : String(value)
      const bytes = encode(f.type === 'N' ? text.padStart(f.length) : text).subarray(0, f.length)
      out.set(bytes, at)
      at += f.length
    }
  })
  out[out.length - 1] = 0x1a
  return out
}
