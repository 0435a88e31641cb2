import { api } from '../../api/client'
import type { paths } from '../../api/openapi'
import type { JsonOf } from '../../api/types'

export type ImportResult = JsonOf<paths['/api/cases/import']['post']['responses'][200]>
export type RowFailure = ImportResult['failures'][number]

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Sends the sheet as the raw body with its type: CSV (UTF-8 or GBK) or .xlsx, by its name. */
export async function importSheet(file: File): Promise<ImportResult> {
  const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv'
  return api.post('/api/cases/import', {
    // The document types a binary body as a string; the browser sends the File itself, untouched.
    body: file as unknown as never,
    bodySerializer: (body: unknown) => body as BodyInit,
    headers: { 'content-type': type },
  })
}

/** The columns the import reads (Chinese names), in the template's order; required ones first. */
export const TEMPLATE_HEADER = [
  '工单号',
  '分类代码',
  '经度',
  '纬度',
  '诉求内容',
  '诉求性质',
  '事发地址',
  '紧急程度',
  '来电人',
  '联系电话',
]
const TEMPLATE_EXAMPLE = [
  'RX20261123001',
  '06010',
  '104.06',
  '30.66',
  '路边垃圾无人清运',
  '投诉',
  '幸福路12号',
  '一般',
  '王先生',
  '13800001111',
]

/** A CSV field, quoted when it must be (RFC 4180). */
const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

/** CSV text with a byte-order mark, so Excel on Chinese Windows reads it as UTF-8. */
export function csvBlob(rows: string[][]): Blob {
  const text = rows.map((r) => r.map(field).join(',')).join('\r\n')
  return new Blob([`\uFEFF${text}\r\n`], { type: 'text/csv;charset=utf-8' })
}

export const templateCsv = () => csvBlob([TEMPLATE_HEADER, TEMPLATE_EXAMPLE])
