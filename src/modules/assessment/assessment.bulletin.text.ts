import type { StatsRow } from '../cases/cases.stats.schema'
import type { BulletinBody, BulletinRanked } from './assessment.bulletin.body'

type Lang = 'zh' | 'en'
type Cell = string | number | null

/** A section of a bulletin as the PDF and the workbook print it: a heading, columns and rows. */
export interface BulletinSection {
  key: string
  heading: string
  note?: string
  header: string[]
  /** Relative column widths. */
  widths: number[]
  rows: Cell[][]
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? null : `${(v * 100).toFixed(1)}%`
/** An instant as China time, `2026-12-03 09:00`. */
export const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

function periodName(period: string, lang: Lang): string {
  const [y, rest] = period.split('-')
  if (!rest) return lang === 'zh' ? `${y}年` : (y ?? period)
  if (rest.startsWith('Q')) return lang === 'zh' ? `${y}年第${rest.slice(1)}季度` : `${y} Q${rest.slice(1)}`
  if (rest.startsWith('H'))
    return lang === 'zh' ? `${y}年${rest === 'H1' ? '上' : '下'}半年` : `${y} H${rest.slice(1)}`
  return lang === 'zh' ? `${y}年${Number(rest)}月` : period
}

export function bulletinTitle(body: BulletinBody, lang: Lang): string {
  const area = body.area.name ?? (lang === 'zh' ? '全域' : 'Whole deployment')
  return lang === 'zh'
    ? `${area}${periodName(body.period, lang)}网格化服务管理工作通报`
    : `${area}: grid service and management bulletin, ${periodName(body.period, lang)}`
}

const W = {
  overview: { zh: '一、总体情况', en: '1. Overview' },
  areas: { zh: '二、各地区情况', en: '2. Areas' },
  rankings: { zh: '三、考核排名（红黑榜）', en: '3. Rankings (red and black lists)' },
  problems: { zh: '四、突出问题', en: '4. Top problems' },
  overdue: { zh: '五、超期未办结事件', en: '5. Overdue cases' },
  praised: { zh: '六、群众满意的典型案例', en: '6. Good examples (five-star closures)' },
} as const

function overview(total: StatsRow | null, lang: Lang): Cell[][] {
  const zh = lang === 'zh'
  return [
    [zh ? '受理数' : 'Received', total?.received ?? 0],
    [zh ? '立案数' : 'Filed', total?.filed ?? 0],
    [zh ? '立案率' : 'Filing rate', pct(total?.filingRate)],
    [zh ? '结案数' : 'Closed', total?.closed ?? 0],
    [zh ? '结案率' : 'Closing rate', pct(total?.closingRate)],
    [zh ? '按期结案率' : 'On-time rate', pct(total?.onTimeRate)],
    [zh ? '返工率' : 'Rework rate', pct(total?.reworkRate)],
    [zh ? '平均处置时长（小时）' : 'Mean handling (h)', total?.avgHandlingHours ?? null],
    [zh ? '满意率' : 'Satisfaction', pct(total?.satisfactionRate)],
  ]
}

/** A section's rows as the PDF and the workbook print them: an empty table says so, as the page does. */
export const printedRows = (section: BulletinSection, lang: Lang): Cell[][] =>
  section.rows.length > 0 ? section.rows : [[lang === 'zh' ? '无' : 'None']]

/** The sections of a bulletin, in order, in one language. */
export function bulletinSections(body: BulletinBody, lang: Lang): BulletinSection[] {
  const zh = lang === 'zh'
  const e = body.events
  const sections: BulletinSection[] = [
    {
      key: 'overview',
      heading: W.overview[lang],
      note: zh
        ? `统计期间 ${body.from} 至 ${body.to}（不含）受理的事件`
        : `Cases reported from ${body.from} to ${body.to} (exclusive)`,
      header: zh ? ['指标', '数值'] : ['Indicator', 'Value'],
      widths: [3, 2],
      rows: overview(e.total, lang),
    },
    {
      key: 'areas',
      heading: W.areas[lang],
      header: zh
        ? ['地区', '受理', '结案率', '按期结案率', '满意率']
        : ['Area', 'Received', 'Closing', 'On time', 'Satisfaction'],
      widths: [4, 2, 2, 2, 2],
      rows: e.children.map((c) => [
        c.name?.[lang] ?? c.key,
        c.received,
        pct(c.closingRate),
        pct(c.onTimeRate),
        pct(c.satisfactionRate),
      ]),
    },
  ]
  for (const [n, r] of body.rankings.entries()) {
    const stars = Object.entries(r.stars)
      .sort(([a], [b]) => Number(b) - Number(a))
      .map(([n, count]) => (zh ? `${n}星 ${count} 个` : `${n}★ ${count}`))
      .join(zh ? '，' : ', ')
    const workers = r.scheme.subject === 'worker'
    const listed = (list: string, x: BulletinRanked) => [
      list,
      x.rank,
      x.name,
      ...(workers ? [x.grid] : []),
      x.score,
      x.stars,
    ]
    sections.push({
      key: `ranking:${r.scheme.code}`,
      // 三、考核排名（一）网格月度考核, （二）网格员月度考核 …
      heading: zh
        ? `${W.rankings.zh}（${'一二三四五六七八九十'[n] ?? n + 1}）${r.scheme.name.zh}`
        : `${W.rankings.en} (${String.fromCharCode(97 + (n % 26))}) ${r.scheme.name.en}`,
      note: zh
        ? `共 ${r.subjects} 个对象（${r.ranked} 个参与排名）；方案 v${r.scheme.version}，数据版本 ${r.run.dataVersion}${r.run.state === 'published' ? '' : '（结果未发布）'}${stars ? `；星级：${stars}` : ''}`
        : `${r.subjects} subjects (${r.ranked} ranked); scheme v${r.scheme.version}, data version ${r.run.dataVersion}${r.run.state === 'published' ? '' : ' (not published)'}${stars ? `; stars: ${stars}` : ''}`,
      // A worker's grid is where they serve; a grid's own name would only repeat (the ranking page
      // shows the column for workers only, too).
      header: zh
        ? ['榜单', '名次', '名称', ...(workers ? ['所在网格'] : []), '得分', '星级']
        : ['List', 'Rank', 'Name', ...(workers ? ['Grid'] : []), 'Score', 'Stars'],
      widths: [1.5, 1, 3, ...(workers ? [3] : []), 1.5, 1],
      rows: [
        ...r.red.map((x) => listed(zh ? '红榜' : 'Red', x)),
        ...r.black.map((x) => listed(zh ? '黑榜' : 'Black', x)),
      ],
    })
  }
  sections.push(
    {
      key: 'problems',
      heading: W.problems[lang],
      header: zh ? ['事件类别', '受理数', '结案率'] : ['Category', 'Received', 'Closing'],
      widths: [5, 2, 2],
      rows: e.topProblems.map((c) => [c.name?.[lang] ?? c.key, c.received, pct(c.closingRate)]),
    },
    {
      key: 'overdue',
      heading: W.overdue[lang],
      note: zh
        ? `截至 ${chinaTime(body.composedAt)} 共 ${e.overdue.total} 件${e.overdue.total > e.overdue.items.length ? `，列出期限最早的 ${e.overdue.items.length} 件` : ''}`
        : `${e.overdue.total} at ${chinaTime(body.composedAt)}${e.overdue.total > e.overdue.items.length ? `, the ${e.overdue.items.length} oldest listed` : ''}`,
      header: zh
        ? ['事件编号', '类别', '网格', '责任部门', '期限']
        : ['Case', 'Category', 'Grid', 'Department', 'Due'],
      widths: [3, 3, 3, 3, 2.5],
      rows: e.overdue.items.map((c) => [
        c.no,
        zh ? c.category_zh : c.category_en,
        c.grid_name,
        c.department,
        chinaTime(c.at),
      ]),
    },
    {
      key: 'praised',
      heading: W.praised[lang],
      header: zh
        ? ['事件编号', '类别', '网格', '责任部门', '办结时间']
        : ['Case', 'Category', 'Grid', 'Department', 'Closed'],
      widths: [3, 3, 3, 3, 2.5],
      rows: e.praised.map((c) => [
        c.no,
        zh ? c.category_zh : c.category_en,
        c.grid_name,
        c.department,
        chinaTime(c.at),
      ]),
    },
  )
  return sections
}
