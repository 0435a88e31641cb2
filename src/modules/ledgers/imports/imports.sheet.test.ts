import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readSheet, templateMark } from './imports.sheet'
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
