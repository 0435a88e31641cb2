import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { serviceUnavailable } from '../../lib/problem'
import type { BulletinBody } from './assessment.bulletin.body'
import { bulletinSections, bulletinTitle, chinaTime, printedRows } from './assessment.bulletin.text'

/** Debian's CJK fonts, in order of preference (the first present is used). */
const CANDIDATES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/arphic/ukai.ttc',
]

/** The font the PDF is set in, or a 503 naming the package to install. */
export function pdfFontOf(configured: string | undefined): string {
  const found = configured
    ? existsSync(configured)
      ? configured
      : undefined
    : CANDIDATES.find((f) => existsSync(f))
  if (!found)
    throw serviceUnavailable(
      'bulletin.no_font',
      'No font with Chinese glyphs: install fonts-wqy-microhei or set WANGGE_PDF_FONT',
    )
  return found
}

/**
 * A bulletin as an A4 PDF in Chinese: its title, then each section's heading and rows, the columns
 * set at fixed widths. A cell wider than its column wraps (a class or a department's name is read
 * whole) and its row is as tall as its tallest cell; a new page whenever the next row would not fit.
 */
export function bulletinPdf(body: BulletinBody, font: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: bulletinTitle(body, 'zh') } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  // A collection (TTC) is opened by its first face's PostScript name.
  doc.registerFont('cjk', font, font.endsWith('.ttc') ? faceOf(font) : undefined)
  doc.font('cjk')
  doc.fontSize(18).text(bulletinTitle(body, 'zh'), { align: 'center' })
  doc.moveDown(0.5)
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(`编制时间：${chinaTime(body.composedAt)}`, { align: 'center' })
  doc.fillColor('#000')
  const width = doc.page.width - 96
  for (const section of bulletinSections(body, 'zh')) {
    doc.moveDown(1)
    doc.fontSize(13).text(section.heading)
    doc.moveDown(0.3)
    if (section.note) doc.fontSize(9).fillColor('#555').text(section.note).fillColor('#000')
    const widths = section.widths.map((w) => (w / section.widths.reduce((a, b) => a + b, 0)) * width)
    for (const [i, row] of [section.header, ...printedRows(section, 'zh')].entries()) {
      doc.fontSize(i === 0 ? 9.5 : 9).fillColor(i === 0 ? '#333' : '#000')
      const cells = row.map((cell, c) => ({ text: String(cell ?? '—'), width: (widths[c] ?? 60) - 6 }))
      const height = Math.max(12, ...cells.map((cell) => doc.heightOfString(cell.text, cell)))
      if (doc.y + height > doc.page.height - 48) doc.addPage()
      const y = doc.y
      let x = 48
      for (const cell of cells) {
        doc.text(cell.text, x, y, { width: cell.width })
        x += cell.width + 6
      }
      doc.x = 48
      doc.y = y + height + 3
    }
  }
  doc.end()
  return done
}

function faceOf(font: string): string {
  if (font.includes('wqy-microhei')) return 'WenQuanYiMicroHei'
  if (font.includes('NotoSansCJK')) return 'NotoSansCJKsc-Regular'
  return 'AR-PL-UKai-CN'
}
