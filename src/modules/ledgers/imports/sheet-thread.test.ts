import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { Problem } from '../../../lib/problem'
import { type CodeRow, codeBookOf } from '../codes/codes.book'
import { readSheet, templateMark } from './imports.sheet'
import { PEOPLE_SHEET } from './imports.types'
import { checkSheetOffThread } from './sheet-thread'

async function workbook(header: string, rows: string[][]): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise((resolve) => out.on('end', resolve))
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out })
  const ws = book.addWorksheet('实有人口')
  ws.addRow(['人口类型', '姓名', '手机号码', '', header]).commit()
  ws.addRow(['kind', 'name', 'phone']).commit()
  for (const r of rows) ws.addRow(r).commit()
  ws.commit()
  await book.commit()
  await ended
  return Buffer.concat(chunks)
}

const codes: CodeRow[] = [{ code_table: 'person_kind', code: 'registered', zh: '户籍人口', en: 'Registered' }]
const opts = { codes, defaultGrid: '510104001' }
const read = (bytes: Buffer) => checkSheetOffThread(bytes, 'people', opts)

const rows = Array.from({ length: 3_000 }, (_, i) => [
  i % 7 ? '户籍人口' : '',
  `李${i}`,
  i % 3 ? '' : `1380000${String(i).padStart(4, '0')}`,
])

describe('reading an import sheet in a thread of its own', { timeout: 30_000 }, () => {
  it('answers the rows the server’s thread would read and check, in order, the default grid filled in', async () => {
    const bytes = await workbook(templateMark(PEOPLE_SHEET), rows)
    const book = codeBookOf(codes)
    const here = []
    for await (const row of readSheet(bytes, PEOPLE_SHEET))
      here.push({
        number: row.number,
        cells: row.cells,
        checked: PEOPLE_SHEET.check({ ...row.values, gridCode: opts.defaultGrid }, book),
      })
    const there = []
    for await (const row of read(bytes)) there.push(row)
    expect(there).toHaveLength(rows.length)
    expect(there).toEqual(here)
    // Row 3 has no kind; every row lacks an ID number: each fails its check, naming the fields.
    expect(there[0]?.number).toBe(3)
    expect(there[0]?.cells.filter(Boolean)).toEqual(['李0', '13800000000'])
    expect(there[0]?.checked).toMatchObject({ ok: false, errors: [{ field: 'kind' }] })
    expect(there[1]?.checked).toMatchObject({ ok: false, errors: [{ field: 'idNumber' }] })
  })

  it('refuses a sheet of another template with the same problem as the server’s thread', async () => {
    const bytes = await workbook('wangge:people:v0', rows.slice(0, 5))
    const reading = async () => {
      for await (const _ of read(bytes)) break
    }
    await expect(reading()).rejects.toSatisfy(
      (e) => e instanceof Problem && e.status === 400 && e.code === 'import.template_unknown',
    )
  })

  it('stops reading when the reader stops early, and fails cleanly on bytes that are no workbook', async () => {
    const bytes = await workbook(templateMark(PEOPLE_SHEET), rows)
    let seen = 0
    for await (const _ of read(bytes)) if (++seen === 10) break
    expect(seen).toBe(10)
    const broken = async () => {
      for await (const _ of read(Buffer.from('not a zip at all'))) break
    }
    await expect(broken()).rejects.toThrow()
  })
})
