import QRCode from 'qrcode'
import { gridHeading, type Notice, noticePaths, REPORT_PATH } from './staff.notice'
import { escapeHtml, hotlineFooter, type NoticeLanguage, noticePage, say, sayText } from './staff.notice.page'

/** A QR code as inline SVG: sharp at any print size, and nothing for the page to fetch. */
export const qrSvg = (url: string) =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })

/** The links a printed board carries, absolute: a phone scanning paper has no page to be relative to. */
export function printedLinks(origin: string, code: string) {
  return { report: `${origin}${REPORT_PATH}`, board: `${origin}${noticePaths(code).board}` }
}

// A4 portrait: the two codes side by side, large enough to scan from a metre away.
const PRINT_STYLE = `@page{size:A4 portrait;margin:15mm}
.sheet{background:#fff;border-radius:8px;padding:16px;max-width:180mm;margin:0 auto}
.codes{display:flex;gap:10mm;justify-content:center;flex-wrap:wrap}
figure{margin:0;text-align:center;width:80mm}figure svg{width:70mm;height:70mm;display:block;margin:0 auto}
figcaption{font-size:18px;font-weight:600;margin-top:4px}.url{font-size:12px;color:#555;word-break:break-all;margin-top:2px}
.hint{text-align:center;color:#555;font-size:14px}
@media print{body{background:#fff}header{background:#fff;color:#000;border-bottom:2px solid #c0392b}
.hint,.actions{display:none}.sheet{padding:0}}`

/** The board's QR codes on one A4 sheet: the report page's and the board's own, with the grid's name. */
export async function renderNoticePrint(
  notice: Notice,
  opts: { hotline: string; origin: string; lang: NoticeLanguage },
): Promise<string> {
  const { grid } = notice
  const { lang } = opts
  const links = printedLinks(opts.origin, grid.code)
  const figure = async (url: string, caption: string, testId: string) => `<figure data-qr="${testId}">
${await qrSvg(url)}
<figcaption>${caption}</figcaption>
<div class="url">${escapeHtml(url)}</div>
</figure>`
  return noticePage({
    lang,
    title: `${escapeHtml(grid.name)} · ${sayText(lang, 'print')}`,
    header: gridHeading(lang, grid),
    body: `<p class="hint">${say(lang, 'printHint')}</p>
<nav class="actions"><a class="button" href="${escapeHtml(noticePaths(grid.code).board)}">${say(lang, 'back')}</a></nav>
<div class="sheet">
<div class="codes">
${await figure(links.report, say(lang, 'scanReport'), 'report')}
${await figure(links.board, say(lang, 'scanBoard'), 'board')}
</div>
</div>`,
    footer: hotlineFooter(lang, opts.hotline),
    style: PRINT_STYLE,
  })
}
