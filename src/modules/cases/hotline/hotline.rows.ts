import { isBadText } from '../../../lib/text'
import { type CaseCreateBody, CaseCreateBodySchema } from '../cases.schema'
import { findByLegacyCode } from '../categories/catalogue'
import { REQUEST_NATURES, type Urgency } from '../categories/categories.types'
import type { Sheet } from './hotline.parse'

/** Column names a hotline export may use (zh first), per field. */
const COLUMNS = {
  ticket: ['工单号', '工单编号', 'ticket'],
  nature: ['诉求性质', 'nature'],
  category: ['分类代码', '事项代码', 'category'],
  lng: ['经度', 'lng', 'longitude'],
  lat: ['纬度', 'lat', 'latitude'],
  address: ['事发地址', '地址', 'address'],
  description: ['诉求内容', '内容', 'description'],
  urgency: ['紧急程度', 'urgency'],
  name: ['来电人', '联系人', 'name'],
  phone: ['联系电话', '电话', 'phone'],
} as const

type Field = keyof typeof COLUMNS
const REQUIRED: Field[] = ['ticket', 'category', 'lng', 'lat', 'description']
const URGENCY: Record<string, Urgency> = { 一般: 'normal', 紧急: 'urgent', 特急: 'critical' }

export interface HotlineRow {
  /** The spreadsheet's row number (the header is row 1). */
  row: number
  ticket: string
  body: CaseCreateBody
  contact: { name?: string; phone?: string } | null
}

export interface RowFailure {
  row: number
  ticket: string | null
  code: string
  reason: string
}

/** Where each field's column is, or the fields the header lacks. */
export function readHeader(header: string[]): { columns: Partial<Record<Field, number>>; missing: Field[] } {
  const names = header.map((h) => h.trim().toLowerCase())
  const columns: Partial<Record<Field, number>> = {}
  for (const [field, aliases] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
    const spellings = aliases.map((a) => a.toLowerCase())
    const at = names.findIndex((n) => spellings.includes(n))
    if (at >= 0) columns[field] = at
  }
  return { columns, missing: REQUIRED.filter((f) => columns[f] === undefined) }
}

/** One data row as a report, or why it cannot be one. */
export function readRow(
  cells: string[],
  row: number,
  columns: Partial<Record<Field, number>>,
): HotlineRow | RowFailure {
  const cell = (f: Field) => {
    const at = columns[f]
    const v = at === undefined ? '' : (cells[at] ?? '').trim()
    return v === '' ? undefined : v
  }
  // The same text rule as every request: reported by column number, never echoing the cell.
  const badColumn = cells.findIndex((c) => isBadText(c))
  if (badColumn >= 0) {
    const ticket = columns.ticket === badColumn ? null : (cell('ticket') ?? null)
    const reason = `column ${badColumn + 1}: contains a NUL character or an unpaired surrogate`
    return { row, ticket, code: 'request.invalid_text', reason }
  }
  const ticket = cell('ticket') ?? null
  const fail = (code: string, reason: string): RowFailure => ({ row, ticket, code, reason })
  if (!ticket) return fail('case.import_invalid', 'no ticket number')
  const rawCategory = cell('category') ?? ''
  const categoryCode = /^\d{5}$/.test(rawCategory) ? rawCategory : findByLegacyCode(rawCategory)?.code
  if (!categoryCode) return fail('case.unknown_category', `unknown category ${rawCategory || '(empty)'}`)
  const natureText = cell('nature')
  const nature = natureText
    ? REQUEST_NATURES.find((n) => n.zh === natureText || n.key === natureText)?.key
    : undefined
  if (natureText && !nature) return fail('case.import_invalid', `unknown request nature ${natureText}`)
  const urgencyText = cell('urgency')
  const urgency = urgencyText ? (URGENCY[urgencyText] ?? urgencyText) : undefined
  const parsed = CaseCreateBodySchema.safeParse({
    categoryCode,
    location: { lng: Number(cell('lng')), lat: Number(cell('lat')) },
    address: cell('address'),
    description: cell('description') ?? '',
    urgency,
    source: 'hotline',
    nature,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return fail('case.import_invalid', `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`)
  }
  const name = cell('name')
  const phone = cell('phone')
  return { row, ticket, body: parsed.data, contact: name || phone ? { name, phone } : null }
}

export const isFailure = (r: HotlineRow | RowFailure): r is RowFailure => 'code' in r

/** Every data row of a sheet, read. */
export function readSheet(sheet: Sheet): { rows: (HotlineRow | RowFailure)[]; missing: Field[] } {
  const [header = [], ...data] = sheet
  const { columns, missing } = readHeader(header)
  if (missing.length > 0) return { rows: [], missing }
  return { rows: data.map((cells, i) => readRow(cells, i + 2, columns)), missing }
}
