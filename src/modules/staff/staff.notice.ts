import { escapeHtml, hotlineFooter, type NoticeLanguage, noticePage, say, sayText } from './staff.notice.page'
import type { StaffService } from './staff.service'

export type Notice = NonNullable<Awaited<ReturnType<StaffService['notice']>>>

/** Where a grid's board and its parts are: the same paths on every page, and in the QR codes. */
export const noticePaths = (code: string) => {
  const board = `/notice/${encodeURIComponent(code)}`
  return {
    board,
    print: `${board}/print`,
    photo: (postId: string, version: string) => `${board}/photos/${postId}?v=${encodeURIComponent(version)}`,
  }
}

/** The resident's report page: it starts on the map, so the link carries no grid. */
export const REPORT_PATH = '/report'

/** The grid's name, the chain of grids above it and its code: the head of the board and its print. */
export function gridHeading(lang: NoticeLanguage, grid: Notice['grid']): string {
  const breadcrumb = [...grid.ancestors.map((a) => a.name), grid.name].map(escapeHtml).join(' › ')
  return `<h1>${escapeHtml(grid.name)} ${say(lang, 'board')}</h1><div class="crumb">${breadcrumb}</div><div class="code">${say(lang, 'code')} ${escapeHtml(grid.code)}</div>`
}

/** The public notice board 公示牌 of a grid as one phone-friendly page (no script, no login). */
export function renderNotice(notice: Notice, hotline: string, lang: NoticeLanguage): string {
  const { grid, posts } = notice
  const paths = noticePaths(grid.code)
  const people = posts
    .map(
      (p) => `<li class="person">
  ${p.photoVersion ? `<img class="photo" src="${escapeHtml(paths.photo(p.id, p.photoVersion))}" alt="${escapeHtml(p.holder)}" width="64" height="64" loading="lazy">` : ''}
  <div class="post">${escapeHtml(p.postZh)}${lang === 'zh' ? '' : ` <span class="en" lang="en">${escapeHtml(p.postEn)}</span>`}</div>
  <div class="name">${escapeHtml(p.holder)}</div>
  ${p.workPhone ? `<a class="phone" href="tel:${escapeHtml(p.workPhone)}">${escapeHtml(p.workPhone)}</a>` : ''}
  ${p.duties ? `<p class="duties">${escapeHtml(p.duties)}</p>` : ''}
</li>`,
    )
    .join('\n')
  return noticePage({
    lang,
    title: `${escapeHtml(grid.name)} · ${sayText(lang, 'board')}`,
    header: gridHeading(lang, grid),
    body: `<nav class="actions">
<a class="button primary" href="${REPORT_PATH}">${say(lang, 'report')}</a>
<a class="button" href="${escapeHtml(paths.print)}">${say(lang, 'print')}</a>
</nav>
<ul>
${people || `<li class="person">${say(lang, 'nobody')}</li>`}
</ul>`,
    footer: hotlineFooter(lang, hotline),
  })
}

/** The page for a code that names no current grid: the board's look, a way on, answered with 404. */
export function renderNoticeMissing(code: string, hotline: string, lang: NoticeLanguage): string {
  return noticePage({
    lang,
    title: `${sayText(lang, 'missing')} · ${sayText(lang, 'board')}`,
    header: `<h1>${say(lang, 'board')}</h1><div class="code">${say(lang, 'code')} ${escapeHtml(code)}</div>`,
    body: `<div class="card">
<p class="name">${say(lang, 'missing')}</p>
<p class="duties">${say(lang, 'missingText')}</p>
</div>
<nav class="actions"><a class="button primary" href="${REPORT_PATH}">${say(lang, 'report')}</a></nav>`,
    footer: hotlineFooter(lang, hotline),
  })
}
