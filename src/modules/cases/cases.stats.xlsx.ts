import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Stats, StatsRow } from './cases.stats.schema'

type Lang = 'zh' | 'en'
type Figure = Exclude<keyof StatsRow, 'key' | 'name'>

/** The indicators in the order offices publish them, with their headers and cell formats. */
const FIGURES: readonly { key: Figure; zh: string; en: string; format?: string }[] = [
  { key: 'received', zh: '受理数', en: 'Received' },
  { key: 'filed', zh: '立案数', en: 'Filed' },
  { key: 'filingRate', zh: '立案率', en: 'Filing rate', format: '0.00%' },
  { key: 'due', zh: '应结案数', en: 'Due' },
  { key: 'closed', zh: '结案数', en: 'Closed' },
  { key: 'closingRate', zh: '结案率', en: 'Closing rate', format: '0.00%' },
  { key: 'onTime', zh: '按期结案数', en: 'Closed on time' },
  { key: 'onTimeRate', zh: '按期结案率', en: 'On-time rate', format: '0.00%' },
  { key: 'handled', zh: '处置数', en: 'Handled' },
  { key: 'reworked', zh: '返工数', en: 'Reworked' },
  { key: 'reworkRate', zh: '返工率', en: 'Rework rate', format: '0.00%' },
  { key: 'extended', zh: '延期数', en: 'Extended' },
  { key: 'extensionRate', zh: '延期率', en: 'Extension rate', format: '0.00%' },
  { key: 'deferred', zh: '缓办数', en: 'Deferred' },
  { key: 'avgHandlingHours', zh: '平均处置时长（小时）', en: 'Average handling time (h)', format: '0.00' },
  { key: 'rated', zh: '评价数', en: 'Rated' },
  { key: 'avgRating', zh: '平均评分', en: 'Average rating', format: '0.00' },
  { key: 'satisfactionRate', zh: '满意率', en: 'Satisfaction rate', format: '0.00%' },
]

/** What the group column holds, per grouping; `code` adds a column of codes before the names. */
const GROUPS: Record<Stats['groupBy'], { zh: string; en: string; code: boolean }> = {
  none: { zh: '范围', en: 'Scope', code: false },
  child: { zh: '网格', en: 'Grid', code: true },
  department: { zh: '部门', en: 'Department', code: true },
  category: { zh: '事件小类', en: 'Category', code: true },
  big_class: { zh: '事件大类', en: 'Class', code: true },
  state: { zh: '状态', en: 'State', code: false },
  month: { zh: '月份', en: 'Month', code: false },
}

const WORDS = {
  sheet: { zh: '事件统计', en: 'Case statistics' },
  about: { zh: '说明', en: 'About' },
  code: { zh: '编码', en: 'Code' },
  total: { zh: '合计', en: 'Total' },
  period: { zh: '统计期间（受理时间）', en: 'Period (reported)' },
  grouping: { zh: '分组', en: 'Grouped by' },
  generated: { zh: '导出时间', en: 'Exported at' },
  note: {
    zh: '仅含读者权限范围内的事件；指标口径见系统说明。',
    en: 'Only the cases within the reader’s scope; definitions in the product’s documentation.',
  },
} as const

/** A China-time date of an instant: the period's bounds as the page shows them. */
const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)

/** The last day of the period [from, to): `to` is exclusive. */
const lastDay = (iso: string) => chinaDate(new Date(Date.parse(iso) - 1).toISOString())

/** The file's name: the period's first and last day. */
export function statsFileName(stats: Pick<Stats, 'from' | 'to'>, lang: Lang): string {
  const stem = lang === 'zh' ? '事件统计' : 'case-statistics'
  return `${stem}_${chinaDate(stats.from)}_${lastDay(stats.to)}.xlsx`
}

function groupCells(stats: Stats, row: StatsRow, lang: Lang): (string | null)[] {
  const group = GROUPS[stats.groupBy]
  const name = row.name?.[lang] ?? row.key ?? WORDS.total[lang]
  return group.code ? [row.key, name] : [name]
}

async function write(out: PassThrough, stats: Stats, lang: Lang, now: Date): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  book.created = now
  const group = GROUPS[stats.groupBy]
  const sheet = book.addWorksheet(WORDS.sheet[lang], { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    ...(group.code ? [{ header: WORDS.code[lang], width: 16 }] : []),
    { header: group[lang], width: 24 },
    ...FIGURES.map((f) => ({ header: f[lang], width: 12, style: f.format ? { numFmt: f.format } : {} })),
  ]
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for (const row of stats.rows) {
    sheet.addRow([...groupCells(stats, row, lang), ...FIGURES.map((f) => row[f.key])]).commit()
  }
  sheet.commit()

  const about = book.addWorksheet(WORDS.about[lang])
  about.columns = [{ width: 22 }, { width: 60 }]
  for (const line of [
    [WORDS.period[lang], `${chinaDate(stats.from)} – ${lastDay(stats.to)}`],
    [WORDS.grouping[lang], group[lang]],
    [WORDS.generated[lang], now.toISOString()],
    [WORDS.note[lang]],
  ]) {
    about.addRow(line).commit()
  }
  about.commit()
  await book.commit()
}

/**
 * The statistics as an .xlsx workbook, streamed: the figures of the page, one row per group, headers
 * in the reader's language; a second sheet states the period and grouping. Aggregates only: no
 * personal data, so nothing to audit.
 */
export function statsWorkbook(stats: Stats, lang: Lang, now: Date): Readable {
  const out = new PassThrough()
  // Not awaited: the writer waits for the reader (backpressure), which is the HTTP response.
  write(out, stats, lang, now).catch((error: unknown) => out.destroy(error as Error))
  return out
}
