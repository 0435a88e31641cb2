import ExcelJS from 'exceljs'
import type { BulletinBody } from './assessment.bulletin.body'
import { bulletinSections, bulletinTitle, printedRows } from './assessment.bulletin.text'

type Lang = 'zh' | 'en'

/** A bulletin as a workbook: one sheet, the title, then each section's heading, header and rows. */
export async function bulletinWorkbook(body: BulletinBody, lang: Lang): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.created = new Date(body.composedAt)
  const sheet = book.addWorksheet(lang === 'zh' ? '通报' : 'Bulletin')
  sheet.columns = [{ width: 18 }, { width: 22 }, { width: 22 }, { width: 20 }, { width: 18 }, { width: 12 }]
  sheet.addRow([bulletinTitle(body, lang)]).font = { bold: true, size: 14 }
  for (const s of bulletinSections(body, lang)) {
    sheet.addRow([])
    sheet.addRow([s.heading]).font = { bold: true, size: 12 }
    if (s.note) sheet.addRow([s.note]).font = { italic: true, color: { argb: 'FF555555' } }
    sheet.addRow(s.header).font = { bold: true }
    for (const row of printedRows(s, lang)) sheet.addRow(row)
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

export function bulletinFileName(body: BulletinBody, ext: 'xlsx' | 'pdf', lang: Lang): string {
  const area = body.area.name ?? (lang === 'zh' ? '全域' : 'all')
  return `${lang === 'zh' ? '通报' : 'bulletin'}_${area}_${body.period}.${ext}`
}
