import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { indicatorOf } from './assessment.indicators'
import type { RunView } from './assessment.schema'

type Lang = 'zh' | 'en'

const WORDS = {
  scores: { zh: '考核得分', en: 'Scores' },
  subsidy: { zh: '补贴核算', en: 'Subsidy' },
  about: { zh: '说明', en: 'About' },
  rank: { zh: '排名', en: 'Rank' },
  movement: { zh: '升降', en: 'Movement' },
  subject: { zh: '对象', en: 'Subject' },
  grid: { zh: '所在网格', en: 'Grid' },
  score: { zh: '得分', en: 'Score' },
  bonus: { zh: '加分', en: 'Bonus' },
  stars: { zh: '星级', en: 'Stars' },
  list: { zh: '红黑榜', en: 'List' },
  red: { zh: '红榜', en: 'Red list' },
  black: { zh: '黑榜', en: 'Black list' },
  count: { zh: '数量', en: 'Count' },
  amount: { zh: '金额（元）', en: 'Amount (yuan)' },
  hours: { zh: '计时时长（小时）', en: 'Hours' },
  timeAmount: { zh: '计时金额（元）', en: 'Time amount (yuan)' },
  factor: { zh: '质量系数', en: 'Quality factor' },
  total: { zh: '补贴合计（元）', en: 'Total (yuan)' },
  capped: { zh: '已封顶', en: 'Capped' },
  scheme: { zh: '考核方案（版本）', en: 'Scheme (version)' },
  area: { zh: '考核范围', en: 'Area' },
  period: { zh: '考核周期', en: 'Period' },
  dataVersion: { zh: '数据版本', en: 'Data version' },
  computed: { zh: '计算时间 / 计算人', en: 'Computed at / by' },
  state: { zh: '状态', en: 'State' },
  published: { zh: '已发布', en: 'Published' },
  draft: { zh: '未发布（草稿）', en: 'Not published (draft)' },
  whole: { zh: '全域', en: 'Whole deployment' },
  note: {
    zh: '以同一方案版本和数据版本重新计算，结果不变；金额 =（计件 + 计时）× 质量系数，超过封顶按封顶计。',
    en: 'Recomputing with the same scheme and data version gives the same figures; amount = (pieces + time) × quality factor, capped.',
  },
} as const

const name = (key: string, lang: Lang) => indicatorOf(key)?.[lang] ?? key

function about(book: ExcelJS.Workbook, run: RunView, lang: Lang) {
  const sheet = book.addWorksheet(WORDS.about[lang])
  sheet.columns = [{ width: 22 }, { width: 70 }]
  sheet.addRows([
    [WORDS.scheme[lang], `${run.scheme.name[lang]}（v${run.scheme.version}）`],
    [WORDS.area[lang], run.scope.name ?? WORDS.whole[lang]],
    [WORDS.period[lang], `${run.period}（${run.from} – ${run.to}）`],
    [WORDS.dataVersion[lang], run.dataVersion],
    [WORDS.computed[lang], `${run.computedAt} / ${run.computedBy ?? ''}`],
    [WORDS.state[lang], run.state === 'published' ? WORDS.published[lang] : WORDS.draft[lang]],
    [WORDS.note[lang]],
    [],
    ...run.scheme.items.map((i) => [
      name(i.indicator, lang),
      `${lang === 'zh' ? '权重' : 'weight'} ${i.weight} · ${lang === 'zh' ? '零分线' : 'floor'} ${i.floor} · ${lang === 'zh' ? '满分线' : 'target'} ${i.target} · ${indicatorOf(i.indicator)?.formulaZh ?? ''}`,
    ]),
  ])
}

function scores(book: ExcelJS.Workbook, run: RunView, lang: Lang) {
  const sheet = book.addWorksheet(WORDS.scores[lang], { views: [{ state: 'frozen', ySplit: 1 }] })
  const items = run.scheme.items
  sheet.columns = [
    { header: WORDS.rank[lang], width: 6 },
    { header: WORDS.movement[lang], width: 6 },
    { header: WORDS.subject[lang], width: 18 },
    { header: WORDS.grid[lang], width: 20 },
    ...items.map((i) => ({ header: name(i.indicator, lang), width: 12 })),
    { header: WORDS.bonus[lang], width: 8 },
    { header: WORDS.score[lang], width: 8 },
    { header: WORDS.stars[lang], width: 6 },
    { header: WORDS.list[lang], width: 8 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const r of run.results)
    sheet.addRow([
      r.rank,
      r.movement,
      r.subject.name,
      r.grid.name,
      ...items.map((i) => r.values[i.indicator] ?? null),
      r.bonus,
      r.score,
      r.stars,
      r.list ? WORDS[r.list][lang] : null,
    ])
}

function subsidy(book: ExcelJS.Workbook, run: RunView, lang: Lang) {
  const sheet = book.addWorksheet(WORDS.subsidy[lang], { views: [{ state: 'frozen', ySplit: 1 }] })
  const pieces = run.results.find((r) => r.subsidy)?.subsidy?.pieces.map((p) => p.indicator) ?? []
  sheet.columns = [
    { header: WORDS.subject[lang], width: 18 },
    { header: WORDS.grid[lang], width: 20 },
    { header: WORDS.score[lang], width: 8 },
    ...pieces.flatMap((p) => [
      { header: `${name(p, lang)} ${WORDS.count[lang]}`, width: 12 },
      { header: `${name(p, lang)} ${WORDS.amount[lang]}`, width: 14, style: { numFmt: '0.00' } },
    ]),
    { header: WORDS.hours[lang], width: 12 },
    { header: WORDS.timeAmount[lang], width: 14, style: { numFmt: '0.00' } },
    { header: WORDS.factor[lang], width: 10 },
    { header: WORDS.total[lang], width: 14, style: { numFmt: '0.00' } },
    { header: WORDS.capped[lang], width: 8 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const r of run.results) {
    const s = r.subsidy
    if (!s) continue
    sheet.addRow([
      r.subject.name,
      r.grid.name,
      r.score,
      ...s.pieces.flatMap((p) => [p.count, p.amount]),
      s.hours,
      s.timeAmount,
      s.factor,
      s.total,
      s.capped ? '✓' : '',
    ])
  }
  const total = run.results.reduce((sum, r) => sum + (r.subsidy?.total ?? 0), 0)
  const row = sheet.addRow([lang === 'zh' ? '合计' : 'Total'])
  row.getCell(sheet.columns.length - 1).value = Math.round(total * 100) / 100
  row.font = { bold: true }
}

/**
 * A run as a workbook for the finance office and the bulletin: the scores, the subsidy sheet (worker
 * schemes) and a sheet saying which scheme version and data version made the figures.
 */
export async function runWorkbook(run: RunView, lang: Lang, withSubsidy: boolean): Promise<Readable> {
  const book = new ExcelJS.Workbook()
  book.created = new Date(run.computedAt)
  if (withSubsidy) subsidy(book, run, lang)
  scores(book, run, lang)
  about(book, run, lang)
  const out = new PassThrough()
  out.end(Buffer.from(await book.xlsx.writeBuffer()))
  return out
}

export function runFileName(run: RunView, kind: 'subsidy' | 'scores', lang: Lang): string {
  const stem = kind === 'subsidy' ? { zh: '补贴核算', en: 'subsidy' } : { zh: '考核结果', en: 'assessment' }
  return `${stem[lang]}_${run.scheme.code}_${run.period}.xlsx`
}
