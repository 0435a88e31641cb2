import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { z } from 'zod'
import type { CampaignSchema, TaskSchema } from './campaigns.schema'

type Lang = 'zh' | 'en'
type Campaign = z.infer<typeof CampaignSchema>
type Task = z.infer<typeof TaskSchema> & { answers: Record<string, unknown> | null; note: string | null }

const STATES: Record<string, { zh: string; en: string }> = {
  open: { zh: '待入户', en: 'To visit' },
  done: { zh: '已完成', en: 'Done' },
  revisit: { zh: '无人·待回访', en: 'Nobody home, revisit' },
  refused: { zh: '拒绝', en: 'Refused' },
  moved: { zh: '已搬离', en: 'Moved away' },
  wrong_address: { zh: '地址有误', en: 'Address wrong' },
}

const HEADERS = {
  grid: { zh: '网格', en: 'Grid' },
  target: { zh: '对象', en: 'Target' },
  worker: { zh: '网格员', en: 'Worker' },
  state: { zh: '状态', en: 'State' },
  attempts: { zh: '入户次数', en: 'Attempts' },
  revisit: { zh: '回访日期', en: 'Revisit on' },
  last: { zh: '最近入户', en: 'Last visit' },
  note: { zh: '备注', en: 'Note' },
  sheet: { zh: '入户明细', en: 'Doors' },
} as const

const yesNo = (v: unknown, lang: Lang) =>
  v === true ? (lang === 'zh' ? '是' : 'yes') : v === false ? (lang === 'zh' ? '否' : 'no') : v

async function write(out: PassThrough, campaign: Campaign, tasks: Task[], lang: Lang, now: Date) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  book.created = now
  const sheet = book.addWorksheet(HEADERS.sheet[lang], { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: HEADERS.grid[lang], width: 18 },
    { header: HEADERS.target[lang], width: 30 },
    { header: HEADERS.worker[lang], width: 12 },
    { header: HEADERS.state[lang], width: 14 },
    { header: HEADERS.attempts[lang], width: 10 },
    { header: HEADERS.revisit[lang], width: 12 },
    { header: HEADERS.last[lang], width: 20 },
    ...campaign.form.map((f) => ({ header: f.label, width: 16 })),
    { header: HEADERS.note[lang], width: 30 },
  ]
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  for (const t of tasks) {
    sheet
      .addRow([
        t.grid.name,
        t.label,
        t.assignee?.name ?? '',
        STATES[t.state]?.[lang] ?? t.state,
        t.attempts,
        t.revisitOn ?? '',
        t.lastOutcomeAt ?? '',
        ...campaign.form.map((f) => yesNo(t.answers?.[f.key], lang) ?? ''),
        t.note ?? '',
      ])
      .commit()
  }
  sheet.commit()
  await book.commit()
}

/**
 * A campaign's doors as an .xlsx for the office: one row per door with its worker, state and the last
 * answers to the form. Targets are as the list shows them (a person's name masked).
 */
export function campaignWorkbook(campaign: Campaign, tasks: Task[], lang: Lang, now: Date): Readable {
  const out = new PassThrough()
  write(out, campaign, tasks, lang, now).catch((error: unknown) => out.destroy(error as Error))
  return out
}

export const campaignFileName = (campaign: Campaign, lang: Lang) =>
  `${lang === 'zh' ? '专项行动' : 'campaign'}_${campaign.title.replace(/[\\/:*?"<>|]/g, '_')}_${campaign.startsOn}.xlsx`
