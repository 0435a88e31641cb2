import fs from 'node:fs'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { codeBookOf } from '../codes/codes.book'
import { checkTemplate, readSheet, templateMark, templateWorkbook } from './imports.sheet'
import { PEOPLE_SHEET } from './imports.types'

async function sheet(rows: string[][], sharedStrings: boolean): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise((resolve) => out.on('end', resolve))
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: sharedStrings })
  const ws = book.addWorksheet('实有人口')
  ws.addRow(['人口类型', '姓名', '婚姻状况', '', templateMark(PEOPLE_SHEET)]).commit()
  ws.addRow(['kind', 'name', 'maritalStatus']).commit()
  for (const r of rows) ws.addRow(r).commit()
  ws.commit()
  await book.commit()
  await ended
  return Buffer.concat(chunks)
}

describe('reading a sheet in Chinese', () => {
  it.each([false, true])(
    'keeps every character whole across the zip’s chunks (shared strings: %s)',
    async (shared) => {
      const rows = Array.from({ length: 20_000 }, (_, i) => [
        '户籍人口',
        `张${'伟芳娜敏静'[i % 5]}${i}`,
        '已婚',
      ])
      const read: string[] = []
      for await (const row of readSheet(await sheet(rows, shared), PEOPLE_SHEET))
        read.push(`${row.values.kind}|${row.values.name}|${row.values.maritalStatus}`)
      expect(read).toHaveLength(rows.length)
      expect(read.filter((r) => r.includes('\uFFFD'))).toEqual([])
      expect(read[12_345]).toBe(rows[12_345]?.join('|'))
    },
    // 20,000 rows: two seconds alone, more beside the other suites on two cores.
    30_000,
  )
})

/** The people template as a user fills it: one row under the example. */
async function filledTemplate(row: Record<string, string>): Promise<Buffer> {
  const codes = codeBookOf([
    { code_table: 'person_kind', code: 'registered', zh: '户籍人口', en: 'Registered' },
  ])
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await templateWorkbook(PEOPLE_SHEET, codes)) as unknown as ArrayBuffer)
  const ws = book.worksheets[0] as ExcelJS.Worksheet
  ;(ws.getRow(2).values as unknown[]).slice(1).forEach((key, i) => {
    const value = row[String(key)]
    if (value !== undefined) ws.getRow(4).getCell(i + 1).value = value
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('reading an uploaded template', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('reads every part of the workbook however slow the disk is, and writes none of it there', async () => {
    // exceljs's own zip pass copied a worksheet met before the workbook's parts to a temporary file,
    // and ended as soon as the zip's bytes were taken in: while a copy was slow (a busy machine), the
    // entries still queued behind it, xl/workbook.xml among them, were dropped (`model.sheets` of
    // undefined, answered as import.not_xlsx). Slow every file write down, as a loaded CI did.
    const createWriteStream = fs.createWriteStream
    const writes = vi.spyOn(fs, 'createWriteStream').mockImplementation((...args) => {
      const stream = createWriteStream(...args)
      const emit = stream.emit.bind(stream)
      stream.emit = (event: string | symbol, ...rest: unknown[]) => {
        if (event !== 'finish') return emit(event, ...rest)
        setTimeout(() => emit(event, ...rest), 50)
        return true
      }
      return stream
    })
    const bytes = await filledTemplate({ kind: '户籍人口', name: '王五', idNumber: '110101199003074514' })
    await expect(checkTemplate(bytes, PEOPLE_SHEET)).resolves.toBeUndefined()
    const rows = []
    for await (const row of readSheet(bytes, PEOPLE_SHEET)) rows.push(row)
    expect(rows).toEqual([
      expect.objectContaining({
        number: 4,
        values: { kind: '户籍人口', name: '王五', idNumber: '110101199003074514' },
      }),
    ])
    // The rows carry ID numbers: no copy of them is left in the temporary folder.
    expect(writes).not.toHaveBeenCalled()
  })
})
