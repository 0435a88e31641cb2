import { once } from 'node:events'
import type { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'

export type Cell = string | number

/** Beijing time as a sheet shows it: 2026-11-23 10:00:00. */
export const chinaTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')

/**
 * Writes one sheet to `out` as its rows come, page by page: a watermark line (who, when, how many),
 * the header, the rows, the watermark again. Each page waits until the reader has taken the one
 * before (backpressure), so a slow download holds one page in memory, not the export.
 */
export async function writeWorkbook(
  out: PassThrough,
  sheet: {
    title: string
    columns: readonly { zh: string; width?: number }[]
    who: string
    now: Date
    rows: number
    cap: number
    more: boolean
    filters: Record<string, string>
    pages: AsyncIterable<Cell[][]>
  },
) {
  const watermark = `导出人：${sheet.who}　时间：${chinaTime(sheet.now)}（北京时间）　共 ${sheet.rows} 条`
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  book.creator = sheet.who
  book.lastModifiedBy = sheet.who
  book.created = sheet.now
  book.title = `${sheet.title}导出`
  book.subject = watermark
  book.description = `${watermark}；筛选：${JSON.stringify(sheet.filters)}`
  book.company = 'Wangge'
  const ws = book.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 2 }] })
  ws.columns = sheet.columns.map((c) => ({ width: c.width ?? Math.max(12, c.zh.length * 2 + 4) }))
  const mark = ws.addRow([
    sheet.more
      ? `${watermark}；符合条件的记录超过 ${sheet.cap} 条，仅导出前 ${sheet.cap} 条，请缩小范围分批导出`
      : watermark,
  ])
  mark.font = { color: { argb: 'FF999999' }, italic: true }
  mark.commit()
  const head = ws.addRow(sheet.columns.map((c) => c.zh))
  head.font = { bold: true }
  head.commit()
  for await (const page of sheet.pages) {
    for (const cells of page) ws.addRow(cells).commit()
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')])
    // The reader went away: stop reading the ledger for nobody.
    if (out.destroyed) return
  }
  ws.addRow([]).commit()
  ws.addRow([watermark]).commit()
  ws.commit()
  await book.commit()
}
