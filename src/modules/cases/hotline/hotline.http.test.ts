import { sql } from 'drizzle-orm'
import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../../test/support/app'
import { declareSize } from '../../../../test/support/zip-bombs'
import { queryRows } from '../../../db/database'
import type { ArchiveMeter } from '../../../lib/archive'
import { parseCsv, parseXlsx } from './hotline.parse'

let t: TestApp
let admin: { id: string; cookie: string }
beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
  admin = await t.as([{ key: 'admin' }])
})
afterAll(() => t?.close())

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const upload = (payload: Buffer, type: string, cookie = admin.cookie) =>
  t.call({ method: 'POST', url: '/api/cases/import', cookie, headers: { 'content-type': type }, payload })

/** A one-sheet workbook with shared strings, as Excel writes it. */
function workbook(rows: string[][]): Buffer {
  const strings: string[] = []
  const index = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1)
  const col = (i: number) => String.fromCharCode(65 + i)
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const sheet = rows
    .map(
      (r, y) =>
        `<row r="${y + 1}">${r
          .map((v, x) =>
            /^-?\d+(\.\d+)?$/.test(v) && y > 0
              ? `<c r="${col(x)}${y + 1}"><v>${v}</v></c>`
              : `<c r="${col(x)}${y + 1}" t="s"><v>${index(v)}</v></c>`,
          )
          .join('')}</row>`,
    )
    .join('')
  return Buffer.from(
    zipSync({
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
      'xl/sharedStrings.xml': strToU8(
        `<sst>${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`,
      ),
    }),
  )
}

describe('parsing', () => {
  it('reads quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","he said ""hi""\nthen left"\n\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\nthen left'],
    ])
  })

  it('reads the first sheet of a workbook, shared strings and numbers, holes kept', () => {
    expect(
      parseXlsx(
        workbook([
          ['工单号', '经度'],
          ['A1', '104.05'],
        ]),
      ),
    ).toEqual([
      ['工单号', '经度'],
      ['A1', '104.05'],
    ])
  })
})

describe('reading workbooks without unpacking more than needed', () => {
  const sheet = (cell: string) =>
    strToU8(
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${cell}</t></is></c></row></sheetData></worksheet>`,
    )
  /** 16 MiB of zeros that declares 100 bytes: it would stall or exhaust a reader that unpacked it. */
  const bomb = new Uint8Array(16 << 20)

  it('unpacks the sheet the workbook lists first, and no other', () => {
    const book = declareSize(
      zipSync(
        {
          'xl/workbook.xml': strToU8(
            '<workbook><sheets><sheet name="工单" sheetId="1" r:id="rId7"/></sheets></workbook>',
          ),
          'xl/_rels/workbook.xml.rels': strToU8(
            '<Relationships><Relationship Id="rId7" Target="worksheets/sheet2.xml"/></Relationships>',
          ),
          'xl/worksheets/sheet1.xml': bomb,
          'xl/worksheets/sheet2.xml': sheet('工单号'),
          'xl/worksheets/sheet3.xml': bomb,
        },
        { level: 9 },
      ),
      'xl/worksheets/sheet1.xml',
      100,
    )
    const meter: ArchiveMeter = { inflated: 0 }
    expect(parseXlsx(book, meter)).toEqual([['工单号']])
    expect(meter.inflated).toBeGreaterThan(0)
    expect(meter.inflated).toBeLessThan(4096)
  })

  it('stops unpacking a first sheet that inflates past what it declares', () => {
    const book = declareSize(
      zipSync({ 'xl/worksheets/sheet1.xml': bomb }, { level: 9 }),
      'xl/worksheets/sheet1.xml',
      100,
    )
    const meter: ArchiveMeter = { inflated: 0 }
    expect(() => parseXlsx(book, meter)).toThrow(/more than it declares/)
    // Bounded by the declared size plus one inflate step (1 KiB in, at most 1,032 KiB out).
    expect(meter.inflated).toBeLessThanOrEqual(100 + 1032 * 1024)
  })
})

describe('importing hotline work orders', () => {
  const header = '工单号,诉求性质,分类代码,经度,纬度,事发地址,诉求内容,紧急程度,来电人,联系电话'

  it('takes in good rows, reports each bad one with its row and reason, and skips tickets already imported', async () => {
    const p = await t.place('460101', 30)
    const { lng, lat } = p.point
    const csv = [
      header,
      `RX001,投诉,06010,${lng},${lat},幸福路12号,路边垃圾无人清运,紧急,王先生,13800001111`,
      `RX002,咨询,E0110,${lng},${lat},,垃圾清运时间咨询,,,`,
      `RX003,投诉,99999,${lng},${lat},,分类不存在,,,`,
      `RX004,吐槽,06010,${lng},${lat},,性质不对,,,`,
      `RX005,投诉,06010,,${lat},,没有经度,,,`,
      `,投诉,06010,${lng},${lat},,没有工单号,,,`,
    ].join('\n')
    const res = await upload(Buffer.from(csv), 'text/csv')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ rows: 6, created: 2, skipped: 0 })
    expect(
      res
        .json()
        .failures.map((f: { row: number; ticket: string | null; code: string }) => [f.row, f.ticket, f.code]),
    ).toEqual([
      [4, 'RX003', 'case.unknown_category'],
      [5, 'RX004', 'case.import_invalid'],
      [6, 'RX005', 'case.import_invalid'],
      [7, null, 'case.import_invalid'],
    ])
    // Each row taken in says which case it became; imported again, which it was skipped as.
    expect(res.json().taken).toEqual([
      { row: 2, ticket: 'RX001', outcome: 'created', no: expect.stringMatching(/^E\d{14}$/) },
      { row: 3, ticket: 'RX002', outcome: 'created', no: expect.stringMatching(/^E\d{14}$/) },
    ])
    const again = await upload(Buffer.from(csv), 'text/csv')
    expect(again.json()).toMatchObject({ created: 0, skipped: 2 })
    expect(again.json().taken.map((r: { outcome: string }) => r.outcome)).toEqual(['skipped', 'skipped'])
    const [row] = await queryRows<{
      source: string
      nature: string
      urgency: string
      reporter_contact: string
      reporter_id: string | null
      actor_id: string | null
    }>(
      t.database.db,
      sql`select c.source, c.nature, c.urgency, c.reporter_contact, c.reporter_id, tr.actor_id
        from cases c join case_transitions tr on tr.case_id = c.id where c.address = '幸福路12号'`,
    )
    // The caller reported it; the one who imported the sheet took it in.
    expect(row).toMatchObject({
      source: 'hotline',
      nature: 'complaint',
      urgency: 'urgent',
      reporter_id: null,
      actor_id: admin.id,
    })
    expect(row?.reporter_contact).toMatch(/^v1\./)
    expect(row?.reporter_contact).not.toContain('13800001111')
  })

  it('reports a row holding a NUL as a bad row by its number, and takes in the others', async () => {
    const p = await t.place('460109', 39)
    const { lng, lat } = p.point
    const csv = [
      header,
      `RN001,投诉,06010,${lng},${lat},,井盖缺失,,,`,
      `RN002,投诉,06010,${lng},${lat},,井盖\u0000缺失,,,`,
      `RN\u0000003,投诉,06010,${lng},${lat},,井盖缺失,,,`,
      `RN004,投诉,06010,${lng},${lat},,路灯不亮,,,`,
    ].join('\n')
    const res = await upload(Buffer.from(csv), 'text/csv')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ rows: 4, created: 2 })
    expect(res.json().failures).toEqual([
      { row: 3, ticket: 'RN002', code: 'request.invalid_text', reason: expect.stringMatching(/^column 7:/) },
      { row: 4, ticket: null, code: 'request.invalid_text', reason: expect.stringMatching(/^column 1:/) },
    ])
    expect(res.body).not.toContain('\\u0000')
  })

  it('reads GBK CSV as saved by Excel on Chinese Windows, and .xlsx workbooks', async () => {
    const p = await t.place('460102', 31)
    const { lng, lat } = p.point
    const gbkCsv = [header, `GB001,求助,06010,${lng},${lat},,井边有垃圾,,,`].join('\r\n')
    // Node's TextDecoder reads GBK; to write it, map each character back through the decoder.
    const gbk = encodeGbk(gbkCsv)
    expect(new TextDecoder('gb18030').decode(gbk)).toBe(gbkCsv)
    expect((await upload(gbk, 'text/csv')).json()).toMatchObject({ created: 1, failures: [] })
    const book = workbook([
      header.split(','),
      ['XL001', '建议', '06010', String(lng), String(lat), '', '增设垃圾桶', '', '', ''],
    ])
    const res = await upload(book, XLSX)
    expect(res.json()).toMatchObject({ created: 1, failures: [] })
    const [c] = await queryRows<{ description: string; nature: string }>(
      t.database.db,
      sql`select description, nature from cases where description = '增设垃圾桶'`,
    )
    expect(c).toEqual({ description: '增设垃圾桶', nature: 'suggestion' })
  })

  it('refuses a file without the required columns, an unreadable workbook, and importers who are not intake staff', async () => {
    expect((await upload(Buffer.from('工单号,内容\nA,b'), 'text/csv')).json()).toMatchObject({
      code: 'case.import_columns',
      missing: ['category', 'lng', 'lat'],
    })
    expect((await upload(Buffer.from('not a zip'), XLSX)).json().code).toBe('import.archive_unreadable')
    const resident = await t.as([{ key: 'resident' }])
    expect((await upload(workbook([['x']]), XLSX, resident.cookie)).json().code).toBe('auth.forbidden')
    const worker = await t.as([{ key: 'grid_worker' }])
    expect((await upload(Buffer.from(`${header}\n`), 'text/csv', worker.cookie)).statusCode).toBe(403)
  })
})

/** GBK bytes of a text, found by decoding every two-byte GBK code once (test-only, small alphabets). */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('gb18030')
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(Uint8Array.of(hi, lo))
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
    }
  return Buffer.from(
    [...text].flatMap((ch) => {
      const code = ch.codePointAt(0) ?? 0
      if (code < 0x80) return [code]
      const bytes = table.get(ch)
      if (!bytes) throw new Error(`no GBK code for ${ch}`)
      return bytes
    }),
  )
}

describe('importing archives that would exhaust the server', () => {
  const cases = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from cases`))[0]?.n
  const sheetName = 'xl/worksheets/sheet1.xml'

  it('refuses a bomb, a liar and a crowd of entries with their codes, writing nothing', async () => {
    const clerk = await t.as([{ key: 'intake_clerk' }])
    const before = await cases()
    // 1 GiB declared, a few kilobytes sent.
    const declared = declareSize(
      zipSync({ [sheetName]: new Uint8Array(1 << 20) }, { level: 9 }),
      sheetName,
      1 << 30,
    )
    const huge = await upload(declared, XLSX, clerk.cookie)
    expect([huge.statusCode, huge.json().code]).toEqual([413, 'import.archive_too_large'])
    const liar = declareSize(zipSync({ [sheetName]: new Uint8Array(16 << 20) }, { level: 9 }), sheetName, 100)
    const lying = await upload(liar, XLSX, clerk.cookie)
    expect([lying.statusCode, lying.json().code]).toEqual([400, 'import.archive_unreadable'])
    const crowd = Object.fromEntries(
      Array.from({ length: 1001 }, (_, i) => [`xl/media/${i}.bin`, strToU8('x')]),
    )
    const many = await upload(Buffer.from(zipSync(crowd)), XLSX, clerk.cookie)
    expect([many.statusCode, many.json().code]).toEqual([413, 'import.archive_too_large'])
    for (const res of [huge, lying, many]) {
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(res.body).not.toMatch(/invalid|Cannot create|length/i)
    }
    expect(await cases()).toBe(before)
  })
})
