import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import type { TestApp } from './app'

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A ledger import as a user does it through the API: the type's template downloaded and filled (rows by
 * the keys of its second row), uploaded, waited for, and its error report read. `app` answers the
 * test's app once it is made.
 */
export function importsClient(app: () => TestApp) {
  const t = { call: (...args: Parameters<TestApp['call']>) => app().call(...args) }
  async function template(type: string, cookie: string): Promise<Buffer> {
    const res = await t.call({ method: 'GET', url: `/api/imports/${type}/template.xlsx`, cookie })
    expect(res.statusCode, res.body).toBe(200)
    return res.rawPayload
  }

  /** The template's header row, its keys row and its sheet. */
  async function headersOf(type: string, cookie: string) {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await template(type, cookie)) as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    return {
      heads: (ws.getRow(1).values as unknown[]).slice(1).map(String),
      keys: (ws.getRow(2).values as unknown[]).slice(1).map(String),
      ws,
    }
  }

  async function filled(type: string, cookie: string, rows: Record<string, string>[]): Promise<Buffer> {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await template(type, cookie)) as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    const keys = (ws.getRow(2).values as unknown[]).slice(1).map(String)
    rows.forEach((r, i) => {
      const row = ws.getRow(4 + i)
      keys.forEach((k, c) => {
        if (r[k] !== undefined) row.getCell(c + 1).value = r[k]
      })
    })
    return Buffer.from(await book.xlsx.writeBuffer())
  }

  const upload = async (type: string, cookie: string, rows: Record<string, string>[], mode = 'valid_only') =>
    t.call({
      method: 'POST',
      url: `/api/imports/${type}?mode=${mode}`,
      cookie,
      headers: { 'content-type': XLSX },
      payload: await filled(type, cookie, rows),
    })

  /** Uploads the rows and answers the job once it is done or failed. */
  async function imported(type: string, cookie: string, rows: Record<string, string>[], mode = 'valid_only') {
    const res = await upload(type, cookie, rows, mode)
    expect(res.statusCode, res.body).toBe(202)
    for (let i = 0; i < 400; i++) {
      const view = (await t.call({ method: 'GET', url: `/api/imports/${res.json().id}`, cookie })).json()
      if (view.status === 'done' || view.status === 'failed') return view
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('the import did not finish')
  }

  /** The error report's rows: `第N行：…` per failed row. */
  async function reportOf(id: string, cookie: string): Promise<string[]> {
    const res = await t.call({ method: 'GET', url: `/api/imports/${id}/errors.xlsx`, cookie })
    expect(res.statusCode, res.body).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    const out: string[] = []
    ws.eachRow((row, n) => {
      if (n > 2) out.push(String((row.values as unknown[]).filter(Boolean).at(-1)))
    })
    return out
  }

  return { template, headersOf, filled, upload, imported, reportOf }
}
