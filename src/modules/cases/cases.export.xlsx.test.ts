import { buffer } from 'node:stream/consumers'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { casesFileName, casesWorkbook } from './cases.export.xlsx'
import type { ExportRow } from './cases.inbox'

const row = (no: string): ExportRow => ({
  id: no,
  no,
  state: 'reported',
  version: 1,
  category: { code: '06010', zh: '暴露垃圾', en: 'Exposed waste' },
  urgency: 'urgent',
  source: 'hotline',
  description: '路边垃圾',
  address: '幸福路 1 号',
  location: { lng: 104, lat: 30 },
  level: 'street',
  department: null,
  unownedReason: null,
  deadlines: { accept: '2026-11-23T03:00:00.000Z', handle: null, verify: null },
  supervision: null,
  light: 'red',
  reportedAt: '2026-11-23T02:00:00.000Z',
  grid: { code: '510104001', name: '春熙街道' },
})

async function read(data: Parameters<typeof casesWorkbook>[0], lang: 'zh' | 'en') {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await buffer(casesWorkbook(data, lang))) as unknown as ArrayBuffer)
  return book
}

describe('the cases workbook', () => {
  it('writes a row per case in China time, and names the file by the China day', async () => {
    const now = new Date('2026-11-23T17:00:00Z')
    const book = await read({ rows: [row('E1')], more: false, cap: 2, now, filters: {} }, 'zh')
    const values = ((book.getWorksheet('事件列表')?.getRow(2).values ?? []) as unknown[]).slice(1)
    expect(values).toEqual([
      'E1',
      '暴露垃圾',
      '待受理',
      '紧急',
      '12345热线',
      '春熙街道（510104001）',
      // No department: an empty cell.
      undefined,
      '幸福路 1 号',
      '路边垃圾',
      '2026-11-23 10:00',
      '2026-11-23 11:00',
      '超期',
    ])
    expect(casesFileName(now, 'zh')).toBe('事件列表_2026-11-24.xlsx')
  })

  it('says at the end of the list and in About that the export stopped at the cap', async () => {
    const now = new Date('2026-11-23T02:00:00Z')
    const data = { rows: [row('E1'), row('E2')], more: true, cap: 2, now, filters: { q: '垃圾' } }
    const zh = await read(data, 'zh')
    const sheet = zh.getWorksheet('事件列表')
    expect(sheet?.rowCount).toBe(4)
    expect(String(sheet?.getRow(4).getCell(1).value)).toContain('仅导出最新的 2 条')
    const about = zh.getWorksheet('说明')
    expect(String(about?.getRow(1).getCell(2).value)).toBe('q=垃圾')
    expect(String(about?.getRow(4).getCell(1).value)).toContain('超过 2 条')
    const en = await read(data, 'en')
    expect(String(en.getWorksheet('Cases')?.getRow(4).getCell(1).value)).toContain('only the newest 2')
  })
})
