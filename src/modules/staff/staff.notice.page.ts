import { prefersChinese } from '../../http/problem-titles'

/** The notice pages speak Chinese; a reader asking for English gets it beside the Chinese. */
export type NoticeLanguage = 'zh' | 'zh+en'

export const noticeLanguage = (acceptLanguage: string | undefined): NoticeLanguage =>
  prefersChinese(acceptLanguage) ? 'zh' : 'zh+en'

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

/** The fixed words of the notice pages, in both languages. */
const WORDS = {
  board: ['网格公示牌', 'Grid notice board'],
  code: ['网格编码', 'Grid code'],
  hotline: ['监督电话', 'Supervision hotline'],
  nobody: ['暂无公示人员', 'No staff published yet'],
  report: ['我要上报问题', 'Report a problem'],
  print: ['打印二维码', 'Print the QR codes'],
  scanReport: ['扫码上报问题', 'Scan to report a problem'],
  scanBoard: ['扫码查看本网格公示牌', "Scan for this grid's notice board"],
  printHint: [
    '用浏览器的“打印”（Ctrl+P）打印本页，纸张选 A4。',
    "Print this page with the browser's Print (Ctrl+P) on A4.",
  ],
  back: ['返回公示牌', 'Back to the notice board'],
  missing: ['没有找到这个网格', 'No such grid'],
  missingText: [
    '网格编码可能有误，或该网格已调整、撤销。请核对编码，或直接上报问题。',
    'The grid code may be mistyped, or the grid was reorganised or dissolved. Check the code, or report the problem directly.',
  ],
} as const satisfies Record<string, readonly [string, string]>

export type Word = keyof typeof WORDS

/** A fixed word as HTML: the Chinese, and the English after it when the reader asked for English. */
export function say(lang: NoticeLanguage, word: Word): string {
  const [zh, en] = WORDS[word]
  return lang === 'zh'
    ? escapeHtml(zh)
    : `${escapeHtml(zh)} <span class="en" lang="en">${escapeHtml(en)}</span>`
}

/** A fixed word as plain text (for a title or an alt text). */
export function sayText(lang: NoticeLanguage, word: Word): string {
  const [zh, en] = WORDS[word]
  return escapeHtml(lang === 'zh' ? zh : `${zh} ${en}`)
}

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f5f5;color:#222}
header{background:#c0392b;color:#fff;padding:16px}
h1{margin:0;font-size:20px}.crumb{font-size:13px;opacity:.85;margin-top:4px}.code{font-size:12px;opacity:.7}
.en{font-weight:normal;font-size:.8em;opacity:.85}
main{padding:12px}ul{list-style:none;margin:0;padding:0}.person,.card{background:#fff;border-radius:8px;padding:12px;margin-bottom:10px}
.post{font-size:13px;color:#c0392b}.name{font-size:18px;font-weight:600;margin:2px 0}.phone{font-size:16px}
.duties{font-size:14px;color:#555;margin:6px 0 0}.photo{float:right;width:64px;height:64px;object-fit:cover;border-radius:8px;margin-left:12px}
.person::after{content:"";display:block;clear:both}footer{padding:12px 16px;font-size:15px}
.actions{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:12px}
.button{display:inline-block;padding:10px 16px;border-radius:8px;text-decoration:none;font-size:16px;border:1px solid #c0392b;color:#c0392b;background:#fff}
.button.primary{background:#c0392b;color:#fff}`

/** One notice page: the board's look (red header, cards, the hotline at the foot), no script. */
export function noticePage(page: {
  lang: NoticeLanguage
  title: string
  header: string
  body: string
  footer: string
  style?: string
}): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<style>
${STYLE}
${page.style ?? ''}
</style>
</head>
<body>
<header>${page.header}</header>
<main>
${page.body}
</main>
<footer>${page.footer}</footer>
</body>
</html>`
}

/** The supervision hotline line at the foot of every notice page. */
export const hotlineFooter = (lang: NoticeLanguage, hotline: string) =>
  `${say(lang, 'hotline')}：<a href="tel:${escapeHtml(hotline)}">${escapeHtml(hotline)}</a>`
