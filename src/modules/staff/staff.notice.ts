import type { StaffService } from './staff.service'

type Notice = NonNullable<Awaited<ReturnType<StaffService['notice']>>>

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

/** The public notice board 公示牌 of a grid as one phone-friendly page (no script, no login). */
export function renderNotice(notice: Notice, hotline: string): string {
  const { grid, posts } = notice
  const breadcrumb = [...grid.ancestors.map((a) => a.name), grid.name].map(escapeHtml).join(' › ')
  const people = posts
    .map(
      (p) => `<li class="person">
  ${p.hasPhoto ? `<img class="photo" src="/notice/${encodeURIComponent(grid.code)}/photos/${p.id}" alt="${escapeHtml(p.holder)}" width="64" height="64" loading="lazy">` : ''}
  <div class="post">${escapeHtml(p.postZh)}</div>
  <div class="name">${escapeHtml(p.holder)}</div>
  ${p.workPhone ? `<a class="phone" href="tel:${escapeHtml(p.workPhone)}">${escapeHtml(p.workPhone)}</a>` : ''}
  ${p.duties ? `<p class="duties">${escapeHtml(p.duties)}</p>` : ''}
</li>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(grid.name)} · 网格公示牌</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f5f5;color:#222}
header{background:#c0392b;color:#fff;padding:16px}
h1{margin:0;font-size:20px}.crumb{font-size:13px;opacity:.85;margin-top:4px}.code{font-size:12px;opacity:.7}
ul{list-style:none;margin:0;padding:12px}.person{background:#fff;border-radius:8px;padding:12px;margin-bottom:10px}
.post{font-size:13px;color:#c0392b}.name{font-size:18px;font-weight:600;margin:2px 0}.phone{font-size:16px}
.duties{font-size:14px;color:#555;margin:6px 0 0}.photo{float:right;width:64px;height:64px;object-fit:cover;border-radius:8px;margin-left:12px}
.person::after{content:"";display:block;clear:both}footer{padding:12px 16px;font-size:15px}
</style>
</head>
<body>
<header><h1>${escapeHtml(grid.name)} 网格公示牌</h1><div class="crumb">${breadcrumb}</div><div class="code">网格编码 ${escapeHtml(grid.code)}</div></header>
<ul>
${people || '<li class="person">暂无公示人员</li>'}
</ul>
<footer>监督电话：<a href="tel:${escapeHtml(hotline)}">${escapeHtml(hotline)}</a></footer>
</body>
</html>`
}
