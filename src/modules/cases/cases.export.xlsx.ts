import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { ExportRow } from './cases.inbox'
import { CASE_STATES, type CaseState } from './cases.states'

type Lang = 'zh' | 'en'
type Words = Record<string, { zh: string; en: string }>

const URGENCY: Words = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
  critical: { zh: '特急', en: 'Critical' },
}
const SOURCE: Words = {
  worker: { zh: '网格员上报', en: 'Grid worker' },
  resident: { zh: '居民上报', en: 'Resident' },
  department: { zh: '部门上报', en: 'Department' },
  hotline: { zh: '12345热线', en: 'Hotline' },
  integration: { zh: '系统对接', en: 'Integration' },
}
const LIGHT: Words = {
  green: { zh: '正常', en: 'On time' },
  yellow: { zh: '临期', en: 'Due soon' },
  red: { zh: '超期', en: 'Overdue' },
}

const word = (words: Words, key: string | null, lang: Lang) => (key ? (words[key]?.[lang] ?? key) : '')

/** China time, as the desk shows it: 2026-11-23 10:00. */
const chinaTime = (iso: string | null) =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : ''

/** The running stage's deadline: accept, handle or verify, whichever is set for its state. */
function deadline(row: ExportRow): string | null {
  const { accept, handle, verify } = row.deadlines
  if (row.state === 'reported') return accept
  if (row.state === 'handled') return verify
  return CASE_STATES[row.state as CaseState]?.open ? handle : null
}

const COLUMNS: { zh: string; en: string; width: number; cell: (r: ExportRow, lang: Lang) => string }[] = [
  { zh: '事件编号', en: 'Number', width: 20, cell: (r) => r.no },
  { zh: '事件类别', en: 'Category', width: 22, cell: (r, l) => (l === 'zh' ? r.category.zh : r.category.en) },
  { zh: '状态', en: 'State', width: 10, cell: (r, l) => CASE_STATES[r.state as CaseState]?.[l] ?? r.state },
  { zh: '紧急程度', en: 'Urgency', width: 10, cell: (r, l) => word(URGENCY, r.urgency, l) },
  { zh: '来源', en: 'Source', width: 12, cell: (r, l) => word(SOURCE, r.source, l) },
  { zh: '所属网格', en: 'Grid', width: 24, cell: (r) => (r.grid ? `${r.grid.name}（${r.grid.code}）` : '') },
  { zh: '处置部门', en: 'Department', width: 18, cell: (r) => r.department?.name ?? '' },
  { zh: '事发地址', en: 'Address', width: 28, cell: (r) => r.address ?? '' },
  { zh: '事件描述', en: 'Description', width: 48, cell: (r) => r.description },
  { zh: '上报时间', en: 'Reported at', width: 18, cell: (r) => chinaTime(r.reportedAt) },
  { zh: '当前时限', en: 'Due', width: 18, cell: (r) => chinaTime(deadline(r)) },
  { zh: '时限状态', en: 'Timeliness', width: 10, cell: (r, l) => word(LIGHT, r.light, l) },
  { zh: '督办', en: 'Supervision', width: 10, cell: (r) => r.supervision ?? '' },
]

const WORDS = {
  sheet: { zh: '事件列表', en: 'Cases' },
  about: { zh: '说明', en: 'About' },
  filters: { zh: '筛选条件', en: 'Filters' },
  none: { zh: '无', en: 'none' },
  count: { zh: '导出条数', en: 'Rows' },
  generated: { zh: '导出时间', en: 'Exported at' },
  note: {
    zh: '仅含读者权限范围内的事件，不含上报人联系方式。',
    en: 'Only the cases within the reader’s scope; no reporter contact.',
  },
} as const

/** What the sheet says when the list was cut at the cap. */
const capped = (cap: number, lang: Lang) =>
  lang === 'zh'
    ? `符合条件的事件超过 ${cap} 条，仅导出最新的 ${cap} 条；请缩小筛选范围后分批导出。`
    : `More than ${cap} cases matched; only the newest ${cap} are exported. Narrow the filters to export the rest.`

export interface CaseExport {
  rows: ExportRow[]
  more: boolean
  cap: number
  now: Date
  /** The filters as sent, for the About sheet. */
  filters: Record<string, string>
}

async function write(out: PassThrough, data: CaseExport, lang: Lang): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  book.created = data.now
  const sheet = book.addWorksheet(WORDS.sheet[lang], { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map((c) => ({ header: c[lang], width: c.width }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for (const row of data.rows) sheet.addRow(COLUMNS.map((c) => c.cell(row, lang))).commit()
  // Said where the rows end too, so a reader of the first sheet alone cannot miss it.
  if (data.more) sheet.addRow([capped(data.cap, lang)]).commit()
  sheet.commit()

  const about = book.addWorksheet(WORDS.about[lang])
  about.columns = [{ width: 16 }, { width: 80 }]
  const filters = Object.entries(data.filters).map(([k, v]) => `${k}=${v}`)
  for (const line of [
    [WORDS.filters[lang], filters.length ? filters.join('; ') : WORDS.none[lang]],
    [WORDS.count[lang], String(data.rows.length)],
    [WORDS.generated[lang], data.now.toISOString()],
    ...(data.more ? [[capped(data.cap, lang)]] : []),
    [WORDS.note[lang]],
  ])
    about.addRow(line).commit()
  about.commit()
  await book.commit()
}

/** The filtered cases as a streamed .xlsx: one row per case, headers in the reader's language. */
export function casesWorkbook(data: CaseExport, lang: Lang): Readable {
  const out = new PassThrough()
  // Not awaited: the writer waits for the reader (backpressure), which is the HTTP response.
  write(out, data, lang).catch((error: unknown) => out.destroy(error as Error))
  return out
}

export const casesFileName = (now: Date, lang: Lang) =>
  `${lang === 'zh' ? '事件列表' : 'cases'}_${chinaTime(now.toISOString()).slice(0, 10)}.xlsx`
