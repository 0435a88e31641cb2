import {
  type Archive,
  type ArchiveLimits,
  type ArchiveMeter,
  archiveUnreadable,
  openArchive,
} from '../../../lib/archive'

/** A sheet as rows of cells, the first row being the header. */
export type Sheet = string[][]

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF, a UTF-8 BOM tolerated. */
export function parseCsv(text: string): Sheet {
  const rows: Sheet = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''))
}

const decodeXml = (s: string) =>
  s.replace(
    /&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-f]+));/gi,
    (_, name: string, dec?: string, hex?: string) => {
      if (dec) return String.fromCodePoint(Number(dec))
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16))
      return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name.toLowerCase()] ?? ''
    },
  )

/** The text of every `<t>` inside an element (rich text runs concatenated). */
const textOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decodeXml(m[1] ?? '')).join('')

/** Column letters to a 0-based index: A → 0, Z → 25, AA → 26. */
const columnOf = (ref: string) =>
  [...(ref.match(/^[A-Z]+/)?.[0] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1

/** Zip bomb guards: a hotline export of a few thousand rows is a few megabytes unpacked. */
export const XLSX_LIMITS: ArchiveLimits = {
  maxEntries: 1000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
}

/** The worksheet the workbook lists first, by its relationship; else the lowest-numbered sheet file. */
function firstSheetPath(archive: Archive, text: (name: string) => string | undefined): string | undefined {
  const id = text('xl/workbook.xml')?.match(/<sheet\b[^>]*\br:id="([^"]+)"/)?.[1]
  const rels = text('xl/_rels/workbook.xml.rels') ?? ''
  for (const rel of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (id === undefined || rel[0].match(/\bId="([^"]+)"/)?.[1] !== id) continue
    const target = rel[0].match(/\bTarget="([^"]+)"/)?.[1]
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`
  }
  return archive.entries
    .map((e) => e.name)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]))[0]
}

/**
 * The first worksheet of an .xlsx workbook as text cells: shared strings, inline strings and numbers
 * (dates stay as Excel serials: the import has none). Hotline systems export exactly this. Only the
 * workbook, its relationships, the shared strings and that one sheet are unpacked.
 */
export function parseXlsx(bytes: Uint8Array, meter?: ArchiveMeter): Sheet {
  const archive = openArchive(bytes, XLSX_LIMITS, meter)
  const decoder = new TextDecoder()
  const text = (name: string) => {
    const entry = archive.entries.find((e) => e.name === name)
    return entry ? decoder.decode(archive.read(entry)) : undefined
  }
  const sheetName = firstSheetPath(archive, text)
  const xml = sheetName ? text(sheetName) : undefined
  if (xml === undefined) throw archiveUnreadable('The workbook has no worksheet')
  const shared = text('xl/sharedStrings.xml')
  const strings = shared ? [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1] ?? '')) : []
  const rows: Sheet = []
  for (const r of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const row: string[] = []
    for (const c of (r[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? ''
      const inner = c[2] ?? ''
      const ref = attrs.match(/\br="([A-Z]+)\d+"/)?.[1] ?? ''
      const type = attrs.match(/\bt="(\w+)"/)?.[1]
      const value = inner.match(/<v>([\s\S]*?)<\/v>/)?.[1]
      const text =
        type === 's'
          ? (strings[Number(value)] ?? '')
          : type === 'inlineStr'
            ? textOf(inner)
            : decodeXml(value ?? '')
      row[ref ? columnOf(ref) : row.length] = text
    }
    rows.push(Array.from(row, (cell) => cell ?? ''))
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''))
}
