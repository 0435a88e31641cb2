import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { type ArchiveLimits, openArchive } from '../../../lib/archive'
import '../../../lib/exceljs-utf8'
import { badRequest, Problem } from '../../../lib/problem'
import type { CodeBook } from '../codes/codes.book'
import type { RecordTypeSheet, SheetField } from './imports.types'

/**
 * The import sheet of a record type. Row 1: the Chinese headers (a required one ends in *), and in a
 * hidden column after them the template's mark `wangge:<type>:v<version>`; row 2: each column's
 * English key (what the importer goes by: columns may be reordered); data from row 3, the template's
 * example first. Drop-downs come from the code tables through a very hidden sheet, bounded to the
 * template's rows (a whole-column validation makes readers build a million entries).
 */
export const FIRST_DATA_ROW = 3
export const TEMPLATE_ROWS = 5000
const LISTS_SHEET = '代码表'
const ERROR_HEADER = '错误说明'
const ERROR_KEY = '_errors'

/** The zip guards of an uploaded workbook: 200,000 rows of 30 columns unpack to a few hundred MiB. */
export const IMPORT_XLSX_LIMITS: ArchiveLimits = {
  maxEntries: 200,
  maxEntryBytes: 384 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
}

export const templateMark = (sheet: RecordTypeSheet<unknown>) => `wangge:${sheet.type}:v${sheet.version}`

const columnLetter = (n: number): string => {
  let s = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s
  return s
}

const header = (f: SheetField) => (f.required ? `${f.zh}*` : f.zh)

function headerRows(ws: ExcelJS.Worksheet, sheet: RecordTypeSheet<unknown>, withErrors: boolean) {
  const fields = sheet.fields
  const markCol = fields.length + 2
  ws.columns = [
    ...fields.map((f) => ({
      width: Math.max(12, f.zh.length * 2 + 4, sheet.textColumns.includes(f.key) ? 22 : 0),
      style: sheet.textColumns.includes(f.key) ? { numFmt: '@' } : {},
    })),
    { width: withErrors ? 60 : 4 },
    { width: 4, hidden: true },
  ]
  const top = ws.getRow(1)
  fields.forEach((f, i) => {
    top.getCell(i + 1).value = header(f)
  })
  if (withErrors) top.getCell(fields.length + 1).value = ERROR_HEADER
  top.getCell(markCol).value = templateMark(sheet)
  top.font = { bold: true }
  top.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } }
  const keys = ws.getRow(2)
  fields.forEach((f, i) => {
    keys.getCell(i + 1).value = f.key
  })
  if (withErrors) keys.getCell(fields.length + 1).value = ERROR_KEY
  keys.font = { italic: true, color: { argb: 'FF888888' }, size: 9 }
}

/** The template: headers, drop-downs, text columns and one example row; written in memory (small). */
export async function templateWorkbook(
  sheet: RecordTypeSheet<unknown>,
  codes: CodeBook,
  opts: { defaultGrid?: string } = {},
): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Wangge'
  book.created = new Date()
  book.title = `${sheet.zh}导入模板`
  book.keywords = templateMark(sheet)
  const ws = book.addWorksheet(sheet.zh, { views: [{ state: 'frozen', ySplit: 2 }] })
  headerRows(ws, sheet, false)
  const lists = book.addWorksheet(LISTS_SHEET, { state: 'veryHidden' })
  const last = FIRST_DATA_ROW + TEMPLATE_ROWS - 1
  // Range validations: at runtime, not in exceljs's types.
  const validations = (
    ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations
  let listCol = 0
  sheet.fields.forEach((f, i) => {
    const col = columnLetter(i + 1)
    const range = `${col}${FIRST_DATA_ROW}:${col}${last}`
    const note = f.required ? `${f.zh}（必填）` : f.zh
    if (f.type === 'code' && f.codeTable) {
      const names = codes.names(f.codeTable)
      if (!names.length) return
      listCol += 1
      const lc = columnLetter(listCol)
      names.forEach((n, r) => {
        lists.getCell(r + 1, listCol).value = n
      })
      validations.add(range, {
        type: 'list',
        allowBlank: !f.required,
        formulae: [`'${LISTS_SHEET}'!$${lc}$1:$${lc}$${names.length}`],
        showInputMessage: true,
        promptTitle: note,
        prompt: '请从下拉列表中选择',
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: f.zh,
        error: '不在代码表中',
      })
    } else if (f.type === 'choice' && f.choices) {
      validations.add(range, {
        type: 'list',
        allowBlank: !f.required,
        formulae: [`"${f.choices.map(([, zh]) => zh).join(',')}"`],
        showInputMessage: true,
        promptTitle: note,
        prompt: '请从下拉列表中选择',
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: f.zh,
        error: '不是可选的值',
      })
    } else if (f.type === 'yes_no') {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: ['"是,否"'],
        showErrorMessage: true,
        errorStyle: 'warning',
        error: '应填“是”或“否”',
      })
    } else if (f.type === 'date') {
      validations.add(range, {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [20],
        showInputMessage: true,
        promptTitle: note,
        prompt: '格式：2026-03-01',
      })
    } else if (f.type === 'id_number' || f.type === 'phone') {
      validations.add(range, {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: !f.required,
        formulae: [30],
        showInputMessage: true,
        promptTitle: note,
        prompt: f.type === 'id_number' ? '18位身份证号码，按文本填写' : '手机或固定电话',
      })
    }
  })
  const example: Record<string, string> = {
    ...sheet.example,
    ...(opts.defaultGrid ? { gridCode: opts.defaultGrid } : {}),
  }
  const row = ws.getRow(FIRST_DATA_ROW)
  sheet.fields.forEach((f, i) => {
    row.getCell(i + 1).value = example[f.key] ?? null
  })
  row.font = { color: { argb: 'FF1F6FEB' } }
  row.getCell(1).note = '示例行：导入时若未修改将被跳过，可直接覆盖或删除'
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** One row of an uploaded sheet: its number, its cells by column key, and the cells as read (for the report). */
export interface SheetRow {
  number: number
  values: Record<string, string>
  cells: string[]
}

/** A cell's value as text: rich text joined, a formula's result, a date as yyyy-mm-dd. */
export function cellText(v: unknown): string {
  if (v == null) return ''
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string }
    if (o.richText) return o.richText.map((r) => r.text).join('')
    if (o.text !== undefined) return cellText(o.text)
    if (o.result !== undefined) return cellText(o.result)
    if (o.error) return ''
    return ''
  }
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v)
  return String(v)
}

/**
 * Checks an upload is an .xlsx within the zip guards (every entry inflated under the caps, so a bomb
 * or a lying header stops here with 413/400), before the streaming reader sees it; answers the most
 * rows a worksheet holds (counted in its XML).
 */
export function guardWorkbook(bytes: Uint8Array): number {
  const archive = openArchive(bytes, IMPORT_XLSX_LIMITS)
  if (!archive.entries.some((e) => e.name === 'xl/workbook.xml'))
    throw badRequest('import.not_xlsx', 'The file is not an .xlsx workbook')
  let most = 0
  for (const entry of archive.entries) {
    const data = archive.read(entry)
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue
    const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    let rows = 0
    for (let at = text.indexOf('<row'); at >= 0; at = text.indexOf('<row', at + 4)) {
      const next = text[at + 4]
      if (next === 0x20 || next === 0x3e) rows += 1
    }
    most = Math.max(most, rows)
  }
  return most
}

const notTemplate = (sheet: RecordTypeSheet<unknown>) =>
  badRequest(
    'import.template_unknown',
    `The sheet is not this version of the ${sheet.en} template (${templateMark(sheet)}): download the template again`,
  )

/** The parts of exceljs's streaming WorkbookReader that read one part of a workbook (not in its types). */
interface WorkbookParts {
  _parseRels(entry: Readable): Promise<void>
  _parseWorkbook(entry: Readable): Promise<void>
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>
  _parseWorksheet(
    chunks: Iterable<Uint8Array>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>
}

const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/

/**
 * The first worksheet's rows, as exceljs's streaming reader reads them (shared strings, dates, rich
 * text; validations ignored). Its WorkbookReader is not handed the file: it reads the zip in one pass
 * that ends once the zip's bytes are taken in, not once its entries are handed on, so an entry still
 * queued behind a slow step (a worksheet met before the workbook's parts is copied to a temporary
 * file first) is dropped; exceljs writes xl/workbook.xml last, and the reader then fails on its
 * missing model (exceljs issue 3064; most often on a busy machine). Here each part is read through
 * the zip's directory, within the zip guards, the workbook's parts before the worksheet, nothing goes
 * to disk, and the worksheet is inflated piece by piece as its rows are read.
 */
async function firstWorksheet(bytes: Uint8Array): Promise<AsyncIterable<ExcelJS.Row> | null> {
  const archive = openArchive(bytes, IMPORT_XLSX_LIMITS)
  const part = (name: string) => {
    const entry = archive.entries.find((e) => e.name === name)
    return entry ? Readable.from(archive.chunks(entry)) : null
  }
  // The reader's input is never read: its parts are handed to it one by one.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as WorkbookParts
  const rels = part('xl/_rels/workbook.xml.rels')
  if (rels) await reader._parseRels(rels)
  const workbook = part('xl/workbook.xml')
  if (workbook) await reader._parseWorkbook(workbook)
  const strings = part('xl/sharedStrings.xml')
  // Read to its end: the reader keeps the strings ('cache') and yields none.
  if (strings) for await (const _ of reader._parseSharedStrings(strings));
  const entry = archive.entries.find((e) => WORKSHEET_PART.test(e.name))
  const sheetNo = entry?.name.match(WORKSHEET_PART)?.[1]
  if (!entry || !sheetNo) return null
  const [emitted] = reader._parseWorksheet(archive.chunks(entry), sheetNo)
  return emitted?.value ?? null
}

/**
 * The rows of the first worksheet (firstWorksheet): the header rows are checked against the
 * template's mark and keys first (400 `import.template_unknown`). The template's example row, left as
 * it was, is skipped.
 */
export async function* readSheet(
  bytes: Uint8Array,
  sheet: RecordTypeSheet<unknown>,
): AsyncGenerator<SheetRow, void, void> {
  const worksheet = await firstWorksheet(bytes)
  if (!worksheet) throw notTemplate(sheet)
  const known = new Map(sheet.fields.map((f) => [f.key, f]))
  const mark = templateMark(sheet)
  let keys: (string | null)[] | null = null
  let sawMark = false
  for await (const row of worksheet) {
    const values = (row.values as unknown[]).slice(1).map(cellText)
    if (row.number === 1) {
      sawMark = values.some((v) => v.trim() === mark)
      if (!sawMark) throw notTemplate(sheet)
      continue
    }
    if (row.number === 2) {
      keys = values.map((v) => (known.has(v.trim()) ? v.trim() : null))
      // The key row names the type's columns: at least one of its required ones (not every type has a name).
      if (!keys.some((k) => k !== null && known.get(k)?.required)) throw notTemplate(sheet)
      continue
    }
    if (!keys) throw notTemplate(sheet)
    const record: Record<string, string> = {}
    let any = false
    keys.forEach((k, i) => {
      const v = values[i] ?? ''
      if (k && v.trim() !== '') {
        record[k] = v
        any = true
      }
    })
    if (!any) continue
    if (isExample(record, sheet)) continue
    yield { number: row.number, values: record, cells: sheet.fields.map((f) => record[f.key] ?? '') }
  }
  if (!sawMark || !keys) throw notTemplate(sheet)
}

/** The template's example row as it was written (its grid code aside). */
function isExample(record: Record<string, string>, sheet: RecordTypeSheet<unknown>) {
  return sheet.fields.every(
    (f) => f.key === 'gridCode' || (record[f.key] ?? '').trim() === (sheet.example[f.key] ?? ''),
  )
}

/** Reads the header rows only: an upload that is no template of this type is refused before it is queued. */
export async function checkTemplate(bytes: Uint8Array, sheet: RecordTypeSheet<unknown>) {
  try {
    for await (const _ of readSheet(bytes, sheet)) break
  } catch (error) {
    if (error instanceof Problem) throw error
    throw badRequest('import.not_xlsx', 'The file cannot be read as an .xlsx workbook')
  }
}

/** A failed row of the report: the cells as read and what is wrong, each field named. */
export interface FailedRow {
  number: number
  cells: string[]
  errors: { field: string; code: string; message: string }[]
}

/** An error as the report says it: the field's name first, unless the message begins with it. */
const namedError = (field: string | undefined, message: string) =>
  !field || message.startsWith(field) ? message : `${field}：${message}`

/**
 * The error report: the template's columns and mark (fix the rows in it and import it again), the
 * failed rows only, each with an error column naming the row, the fields and why.
 */
export async function errorWorkbook(sheet: RecordTypeSheet<unknown>, rows: readonly FailedRow[]) {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  book.creator = 'Wangge'
  book.title = `${sheet.zh}导入错误报告`
  const ws = book.addWorksheet(`${sheet.zh}（错误）`, { views: [{ state: 'frozen', ySplit: 2 }] })
  headerRows(ws as unknown as ExcelJS.Worksheet, sheet, true)
  ws.getRow(1).commit()
  ws.getRow(2).commit()
  const zh = new Map(sheet.fields.map((f) => [f.key, f.zh]))
  for (const r of rows) {
    const text = `第${r.number}行：${r.errors.map((e) => namedError(zh.get(e.field), e.message)).join('；')}`
    const row = ws.addRow([...r.cells, text])
    row.getCell(sheet.fields.length + 1).font = { color: { argb: 'FFCF1322' } }
    row.commit()
  }
  ws.commit()
  await book.commit()
  await done
  return Buffer.concat(chunks)
}
