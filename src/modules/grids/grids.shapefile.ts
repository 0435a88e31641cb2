import { type ArchiveEntry, type ArchiveLimits, type ArchiveMeter, openArchive } from '../../lib/archive'
import { toLngLat } from './grids.shapefile-crs'
import { type Dbf, readDbf, readShp, unreadable } from './grids.shapefile-read'
import { toMultiPolygon } from './grids.shapefile-rings'

export const SHAPEFILE_ZIP_TYPES = ['application/zip', 'application/x-zip-compressed']

/** Zip bomb guards: a city's grids as a Shapefile are tens of megabytes unpacked. */
export const SHAPEFILE_LIMITS: ArchiveLimits = {
  maxEntries: 1000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
}

type Part = 'shp' | 'dbf' | 'prj' | 'cpg'
const PARTS: readonly string[] = ['shp', 'dbf', 'prj', 'cpg']

/** The part of a Shapefile an entry is, skipping folders and macOS's __MACOSX/ and ._ companions. */
function partOf(path: string): Part | undefined {
  const name = path.split('/').at(-1) ?? ''
  if (path.startsWith('__MACOSX/') || name.startsWith('.')) return undefined
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase()
  return ext && PARTS.includes(ext) ? (ext as Part) : undefined
}

/** Unpacks the Shapefile's parts only, through the shared guarded reader. */
function unzipShapefile(zip: Uint8Array, meter?: ArchiveMeter): Partial<Record<Part, Uint8Array>> {
  const archive = openArchive(zip, SHAPEFILE_LIMITS, meter)
  const wanted: Partial<Record<Part, ArchiveEntry>> = {}
  for (const entry of archive.entries) {
    const part = partOf(entry.name)
    if (!part) continue
    if (wanted[part]) throw unreadable(`The zip holds more than one .${part}: send one Shapefile per zip`)
    wanted[part] = entry
  }
  const pick = (part: Part) => (wanted[part] ? archive.read(wanted[part]) : undefined)
  return { shp: pick('shp'), dbf: pick('dbf'), prj: pick('prj'), cpg: pick('cpg') }
}

// DBF field names stop at 10 characters, so longer property names arrive cut short.
const FIELDS: Record<string, readonly string[]> = {
  code: ['code'],
  name: ['name'],
  level: ['level'],
  parent_code: ['parent_code', 'parent_cod'],
  households: ['households', 'household'],
  population: ['population', 'populatio'],
  exclusive: ['exclusive'],
  sector: ['sector'],
  responsible_unit: ['responsible_unit', 'responsibl', 'resp_unit'],
}

const asCode = (text: string) => text.replace(/\.0*$/, '') // a code kept in a numeric field: 520101.000
const asInteger = (text: string) => (/^[-+]?\d+(\.0*)?$/.test(text) ? Number(text) : text)
function asBoolean(text: string): boolean | string {
  if (/^(t|y|true|yes|1|是)$/i.test(text)) return true
  if (/^(f|n|false|no|0|否)$/i.test(text)) return false
  return text
}
const CONVERT: Record<string, (text: string) => unknown> = {
  code: asCode,
  parent_code: asCode,
  households: asInteger,
  population: asInteger,
  exclusive: asBoolean,
}

/** Which DBF field feeds each import property (matched case-insensitively). */
function fieldMap(dbf: Dbf): [property: string, field: string][] {
  const byName = new Map(dbf.fields.map((f) => [f.name.toLowerCase(), f.name]))
  return Object.entries(FIELDS).flatMap(([property, names]) => {
    const field = names.map((n) => byName.get(n)).find(Boolean)
    return field ? [[property, field] as [string, string]] : []
  })
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined)

/**
 * A zipped Shapefile as GeoJSON features in the import format (properties code, name, level,
 * parent_code, …), one per record in file order; records marked deleted are left out.
 */
export function readShapefileZip(zip: Uint8Array, meter?: ArchiveMeter): unknown[] {
  const parts = unzipShapefile(zip, meter)
  if (!parts.shp || !parts.dbf)
    throw unreadable(`The zip holds no .${parts.shp ? 'dbf' : 'shp'}: a Shapefile needs its .shp and .dbf`)
  const dbf = readDbf(parts.dbf, text(parts.cpg))
  const shapes = toLngLat(readShp(parts.shp), text(parts.prj))
  if (shapes.length !== dbf.rows.length) {
    throw unreadable(`The .shp has ${shapes.length} shapes but the .dbf ${dbf.rows.length} records`)
  }
  const fields = fieldMap(dbf)
  return dbf.rows.flatMap((row, i) => {
    if (!row) return []
    const properties = Object.fromEntries(
      fields.flatMap(([property, field]) => {
        const value = row[field]
        if (value === null || value === undefined) return []
        return [[property, CONVERT[property]?.(value) ?? value]]
      }),
    )
    const rings = shapes[i]
    return [{ type: 'Feature', properties, geometry: rings?.length ? toMultiPolygon(rings) : null }]
  })
}
