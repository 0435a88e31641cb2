import { unzipSync } from 'fflate'

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

/**
 * The first worksheet of an .xlsx workbook as text cells: shared strings, inline strings and numbers
 * (dates stay as Excel serials: the import has none). Hotline systems export exactly this.
 */
export function parseXlsx(bytes: Uint8Array): Sheet {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, {
      filter: (f) => f.name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(f.name),
    })
  } catch {
    throw new Error('not an .xlsx workbook')
  }
  const decoder = new TextDecoder()
  const sheetName = Object.keys(files)
    .filter((n) => n.startsWith('xl/worksheets/'))
    .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]))[0]
  if (!sheetName) throw new Error('the workbook has no worksheet')
  const shared = files['xl/sharedStrings.xml']
  const strings = shared
    ? [...decoder.decode(shared).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1] ?? ''))
    : []
  const xml = decoder.decode(files[sheetName])
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
