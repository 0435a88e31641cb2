import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { declareSize } from '../../../../test/support/zip-bombs'
import { queryRows } from '../../../db/database'
import { idCheckCharacter } from '../validate/id-number'
import { recoverImports } from './imports.service'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const gridA = () => `${a.d}001001001`
const gridB = () => `${b.d}001001001`

beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
  a = await t.place('510104', 104)
  b = await t.place('510105', 106)
}, 120_000)
afterAll(() => t?.close())

let serial = 100
/** A valid resident ID number born on 1980-05-0x in Beijing, each one new. */
function idNumber(): string {
  serial += 1
  const first17 = `110105198005${String(10 + (serial % 18)).padStart(2, '0')}${String(serial).padStart(3, '0')}`
  return first17 + idCheckCharacter(first17)
}

async function template(cookie: string, query = ''): Promise<Buffer> {
  const res = await t.call({ method: 'GET', url: `/api/imports/people/template.xlsx${query}`, cookie })
  expect(res.statusCode, res.body).toBe(200)
  return res.rawPayload
}

/** Fills the template's sheet from row 4 on (the example stays in row 3), by English key. */
async function fill(bytes: Buffer, rows: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ArrayBuffer)
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

const upload = (bytes: Buffer, cookie: string, query = 'mode=valid_only') =>
  t.call({
    method: 'POST',
    url: `/api/imports/people?${query}`,
    cookie,
    headers: { 'content-type': XLSX },
    payload: bytes,
  })

async function finished(id: string, cookie: string) {
  for (let i = 0; i < 400; i++) {
    const res = await t.call({ method: 'GET', url: `/api/imports/${id}`, cookie })
    const body = res.json()
    if (body.status === 'done' || body.status === 'failed') return body
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('the import did not finish')
}

async function imported(bytes: Buffer, cookie: string, query = 'mode=valid_only') {
  const res = await upload(bytes, cookie, query)
  expect(res.statusCode, res.body).toBe(202)
  return finished(res.json().id, cookie)
}

const person = (over: Record<string, string> = {}) => ({
  kind: '户籍人口',
  name: '李四',
  idNumber: idNumber(),
  gridCode: gridA(),
  phone: '13912345678',
  ethnicity: '汉族',
  currentAddress: '东大街100号3栋1203室',
  ...over,
})

const countPeople = async (where = sql`true`) =>
  (
    await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from people where ${where}`)
  )[0]?.n

describe('the import template', () => {
  it('has Chinese headers, English keys, the version mark, bounded drop-downs, text ID columns and an example', async () => {
    const bytes = await template(a.people.worker.cookie)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    const heads = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    expect(heads).toContain('姓名*')
    expect(heads).toContain('wangge:people:v1')
    const keys = (ws.getRow(2).values as unknown[]).slice(1).map(String)
    expect(keys.slice(0, 3)).toEqual(['kind', 'name', 'idNumber'])
    expect(ws.getColumn(3).numFmt).toBe('@')
    expect(ws.getCell('C3').value).toBe('11010519491231002X')
    // Drop-downs on the data rows only, none on the whole column.
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model
    expect(model.A3?.type).toBe('list')
    expect(model.A5002?.type).toBe('list')
    expect(model.A5003).toBeUndefined()
    expect(Object.keys(model).length).toBeLessThan(200_000)
    const lists = book.worksheets.find((w) => w.name === '代码表')
    expect(lists?.state).toBe('veryHidden')
  })
})

describe('importing people', () => {
  it('round-trips the template: the people exist, sealed at rest, the example row skipped', async () => {
    const rows = [person({ name: '王五' }), person({ name: '赵六', kind: 'floating', inflowReason: '务工' })]
    const before = await countPeople()
    const job = await imported(
      await fill(await template(a.people.worker.cookie), rows),
      a.people.worker.cookie,
    )
    expect(job).toMatchObject({
      status: 'done',
      rowsRead: 2,
      rowsCreated: 2,
      rowsFailed: 0,
      errorReport: false,
    })
    expect(await countPeople()).toBe((before ?? 0) + 2)
    const raw = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from people`)
    const text = JSON.stringify(raw)
    expect(text).not.toContain(rows[0]?.idNumber)
    expect(text).not.toContain('13912345678')
    expect(text).not.toContain('11010519491231002X')
    const audit = await queryRows<{ summary: Record<string, unknown> }>(
      t.database.db,
      sql`select summary from audit_log where action = 'ledger.import' and resource_id = ${job.id}`,
    )
    expect(audit[0]?.summary).toMatchObject({ read: 2, created: 2, failed: 0, mode: 'valid_only' })
  })

  it('valid_only writes the good rows and reports the bad ones by row and field', async () => {
    const good = [person(), person(), person()]
    const bad1 = person({ idNumber: '110105194912310021' })
    const bad2 = person({ ethnicity: '火星族', birthDate: '2026-02-30' })
    const bytes = await fill(await template(a.people.worker.cookie), [
      good[0],
      bad1,
      good[1],
      bad2,
      good[2],
    ] as Record<string, string>[])
    const job = await imported(bytes, a.people.worker.cookie)
    expect(job).toMatchObject({
      status: 'done',
      rowsRead: 5,
      rowsCreated: 3,
      rowsFailed: 2,
      errorReport: true,
    })
    const res = await t.call({
      method: 'GET',
      url: `/api/imports/${job.id}/errors.xlsx`,
      cookie: a.people.worker.cookie,
    })
    expect(res.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    expect((ws.getRow(1).values as unknown[]).map(String)).toContain('wangge:people:v1')
    expect(ws.getCell('C3').value).toBe('110105194912310021')
    const errors = Array.from(ws.getRow(3).values as unknown[], String).find((v) => v.startsWith('第5行'))
    expect(errors).toContain('证件号码')
    const second = Array.from(ws.getRow(4).values as unknown[], String).find((v) => v.startsWith('第7行'))
    expect(second).toContain('民族')
    expect(second).toContain('出生日期')
    expect(ws.rowCount).toBe(4)
  })

  it('all_or_nothing writes nothing when one row fails, and everything when none does', async () => {
    const before = await countPeople()
    const rows = [person(), person({ idNumber: '110105194912310021' })]
    const job = await imported(
      await fill(await template(a.people.worker.cookie), rows),
      a.people.worker.cookie,
      'mode=all_or_nothing',
    )
    expect(job).toMatchObject({ status: 'done', rowsCreated: 0, rowsFailed: 1, rolledBack: true })
    expect(await countPeople()).toBe(before)
    const ok = await imported(
      await fill(await template(a.people.worker.cookie), [person(), person()]),
      a.people.worker.cookie,
      'mode=all_or_nothing',
    )
    expect(ok).toMatchObject({ rowsCreated: 2, rowsFailed: 0, rolledBack: false })
  })

  it('keeps one file per citizen: the same sheet twice updates, and a number twice in a sheet is one person', async () => {
    const id = idNumber()
    const rows = [person({ idNumber: id, occupation: '教师' }), person({ idNumber: id, occupation: '医生' })]
    const bytes = await fill(await template(a.people.worker.cookie), rows)
    const first = await imported(bytes, a.people.worker.cookie)
    expect(first).toMatchObject({ rowsCreated: 1, rowsUpdated: 1 })
    const again = await imported(bytes, a.people.worker.cookie)
    expect(again).toMatchObject({ rowsCreated: 0, rowsUpdated: 2 })
    const found = await queryRows<{ occupation: string }>(
      t.database.db,
      sql`select occupation from people where occupation in ('教师', '医生') and name = '李四' and grid_path <@ ${a.paths.grid}::ltree
        and id_number_bidx is not null order by updated_at desc limit 5`,
    )
    expect(found.filter((r) => r.occupation === '医生').length).toBeGreaterThanOrEqual(1)
  })

  it('files a number met again a batch later once, though batches are written side by side', async () => {
    // 1,300 rows: rows 700–1,299 repeat the numbers of rows 0–599 with another occupation, so each
    // repeat sits in the batch after its first (batches of 500 are written two at a time).
    // Numbers of their own (born 1990-01-01 in Beijing), apart from the other tests' series.
    const numbers = Array.from({ length: 700 }, (_, i) => {
      const first17 = `11010519900101${String(i).padStart(3, '0')}`
      return first17 + idCheckCharacter(first17)
    })
    const row = (n: string, occupation: string) => ({
      kind: '户籍人口',
      name: '批量王',
      idNumber: n,
      gridCode: gridA(),
      occupation,
    })
    const rows = [...numbers.map((n) => row(n, '工人')), ...numbers.slice(0, 600).map((n) => row(n, '司机'))]
    const job = await imported(
      await fill(await template(a.people.worker.cookie), rows),
      a.people.worker.cookie,
    )
    expect(job).toMatchObject({ status: 'done', rowsCreated: 700, rowsUpdated: 600, rowsFailed: 0 })
    const [counts] = await queryRows<{ people: number; drivers: number }>(
      t.database.db,
      sql`select count(*)::int as people, count(*) filter (where occupation = '司机')::int as drivers
        from people where name = '批量王'`,
    )
    expect(counts).toEqual({ people: 700, drivers: 600 })
  }, 60_000)

  it('fills an empty grid code from the default grid, and refuses rows of a grid outside the importer’s ledgers', async () => {
    const rows = [person({ gridCode: '' }), person({ gridCode: gridB() }), person({ gridCode: '999999' })]
    const job = await imported(
      await fill(await template(a.people.worker.cookie), rows),
      a.people.worker.cookie,
      `mode=valid_only&grid=${gridA()}`,
    )
    expect(job).toMatchObject({ rowsCreated: 1, rowsFailed: 2 })
    const res = await t.call({
      method: 'GET',
      url: `/api/imports/${job.id}/errors.xlsx`,
      cookie: a.people.worker.cookie,
    })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const texts = [3, 4].map((r) =>
      String((book.worksheets[0] as ExcelJS.Worksheet).getRow(r).getCell(28).value),
    )
    expect(texts.every((s) => s.includes('不存在或不在您的维护范围内'))).toBe(true)
    // A chief over the default grid, with ledger.export there, sees the job too.
    expect(
      (await t.call({ method: 'GET', url: `/api/imports/${job.id}`, cookie: a.people.chief.cookie }))
        .statusCode,
    ).toBe(200)
    // The other grid's worker does not see the job; a default grid outside the ledgers is refused.
    expect(
      (await t.call({ method: 'GET', url: `/api/imports/${job.id}`, cookie: b.people.worker.cookie }))
        .statusCode,
    ).toBe(404)
    const other = await upload(
      await template(a.people.worker.cookie),
      a.people.worker.cookie,
      `grid=${gridB()}`,
    )
    expect([other.statusCode, other.json().code]).toEqual([400, 'ledger.grid_not_found'])
  })

  it('fails a row whose person is registered in a grid outside the importer’s ledgers', async () => {
    const id = idNumber()
    await imported(
      await fill(await template(b.people.worker.cookie), [person({ idNumber: id, gridCode: gridB() })]),
      b.people.worker.cookie,
    )
    const job = await imported(
      await fill(await template(a.people.worker.cookie), [person({ idNumber: id })]),
      a.people.worker.cookie,
    )
    expect(job).toMatchObject({ rowsCreated: 0, rowsUpdated: 0, rowsFailed: 1 })
  })

  it('lists the caller’s imports only', async () => {
    const mine = await t.call({ method: 'GET', url: '/api/imports', cookie: a.people.worker.cookie })
    expect(mine.json().length).toBeGreaterThan(3)
    const chief = await t.call({ method: 'GET', url: '/api/imports', cookie: a.people.chief.cookie })
    expect(chief.json()).toEqual([])
  })
})

describe('a restart', () => {
  it('marks the jobs it interrupted failed and drops their uploads', async () => {
    await t.database.db.execute(sql`insert into ledger_imports (id, record_type, mode, status, user_id, file_name, upload)
      values ('00000000-0000-7000-8000-000000000001', 'people', 'valid_only', 'running', ${a.people.worker.id}, 'x.xlsx', '\\x00')`)
    await recoverImports(t.database.db)
    const job = await t.call({
      method: 'GET',
      url: '/api/imports/00000000-0000-7000-8000-000000000001',
      cookie: a.people.worker.cookie,
    })
    expect(job.json()).toMatchObject({ status: 'failed', failure: 'import.interrupted' })
    const [row] = await queryRows<{ upload: unknown }>(
      t.database.db,
      sql`select upload from ledger_imports where id = '00000000-0000-7000-8000-000000000001'`,
    )
    expect(row?.upload).toBeNull()
  })
})

describe('refused uploads write nothing', () => {
  it('refuses a file that is not an xlsx, a sheet that is no template, a zip bomb and a body over 20 MB', async () => {
    const cookie = a.people.worker.cookie
    const jobs = async () =>
      (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ledger_imports`))[0]
        ?.n
    const before = await jobs()
    const text = await upload(Buffer.from('name,id\n张三,1'), cookie)
    expect([text.statusCode, text.json().code]).toEqual([400, 'import.archive_unreadable'])
    const plain = new ExcelJS.Workbook()
    plain.addWorksheet('x').addRow(['姓名', '证件号码'])
    const notTemplate = await upload(Buffer.from(await plain.xlsx.writeBuffer()), cookie)
    expect([notTemplate.statusCode, notTemplate.json().code]).toEqual([400, 'import.template_unknown'])
    // A template of another version: the mark in its hidden cell says which.
    const old = new ExcelJS.Workbook()
    await old.xlsx.load((await template(cookie)) as unknown as ArrayBuffer)
    const head = (old.worksheets[0] as ExcelJS.Worksheet).getRow(1)
    head.eachCell((cell) => {
      if (cell.value === 'wangge:people:v1') cell.value = 'wangge:people:v0'
    })
    const stale = await upload(Buffer.from(await old.xlsx.writeBuffer()), cookie)
    expect([stale.statusCode, stale.json().code]).toEqual([400, 'import.template_unknown'])
    const bomb = declareSize(
      zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }),
      'xl/workbook.xml',
      2 ** 31,
    )
    const bombed = await upload(bomb, cookie)
    expect([bombed.statusCode, bombed.json().code]).toEqual([413, 'import.archive_too_large'])
    const big = await upload(Buffer.alloc(21 * 1024 * 1024), cookie)
    expect([big.statusCode, big.json().code]).toEqual([413, 'request.too_large'])
    expect(await jobs()).toBe(before)
  })

  it('asks for ledger.export and ledger.write before reading the body', async () => {
    const reader = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
    const res = await upload(Buffer.alloc(1024), reader.cookie)
    expect([res.statusCode, res.json().code]).toEqual([403, 'auth.forbidden'])
    const anon = await t.call({
      method: 'POST',
      url: '/api/imports/people',
      headers: { 'content-type': XLSX },
      payload: Buffer.alloc(10),
    })
    expect(anon.statusCode).toBe(401)
  })
})

describe('exporting people', () => {
  it('streams the people of the reader’s grids masked, watermarked and audited', async () => {
    const res = await t.call({
      method: 'GET',
      url: '/api/people/export.xlsx',
      cookie: a.people.worker.cookie,
    })
    expect(res.statusCode, res.body).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    expect(String(ws.getCell('A1').value)).toMatch(/^导出人：.+时间：/)
    expect(book.creator).toBeTruthy()
    const ids = ws.getColumn(3).values.slice(3).map(String)
    expect(ids.length).toBeGreaterThan(3)
    expect(ids.filter((v) => v && v !== 'undefined').every((v) => v.includes('********'))).toBe(true)
    // Nothing of grid B.
    const grids = ws.getColumn(4).values.slice(3).map(String)
    expect(grids.some((g) => g === gridB())).toBe(false)
    const audit = await queryRows<{ action: string; summary: Record<string, unknown> }>(
      t.database.db,
      sql`select action, summary from audit_log where action in ('ledger.export', 'personal_data.read')
        and summary->>'purpose' is distinct from 'x' order by id desc limit 2`,
    )
    expect(audit.map((r) => r.action).sort()).toEqual(['ledger.export', 'personal_data.read'])
    const exportRow = audit.find((r) => r.action === 'ledger.export')
    expect(exportRow?.summary).toMatchObject({ type: 'people', masked: true })
    expect(Number(exportRow?.summary.rows)).toBe(Number(res.headers['x-export-rows']))
  })

  it('shows personal data in clear only with a reason, and refuses a grid outside the reader’s ledgers', async () => {
    const cookie = a.people.worker.cookie
    const noReason = await t.call({ method: 'GET', url: '/api/people/export.xlsx?unmask=true', cookie })
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'ledger.unmask_reason_required'])
    const short = await t.call({
      method: 'GET',
      url: `/api/people/export.xlsx?unmask=true&reason=${encodeURIComponent('看看')}`,
      cookie,
    })
    expect([short.statusCode, short.json().code]).toEqual([400, 'ledger.unmask_reason_required'])
    const clear = await t.call({
      method: 'GET',
      url: `/api/people/export.xlsx?unmask=true&reason=${encodeURIComponent('入户核查')}&grid=${gridA()}`,
      cookie,
    })
    expect(clear.statusCode).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(clear.rawPayload as unknown as ArrayBuffer)
    const ids = (book.worksheets[0] as ExcelJS.Worksheet).getColumn(3).values.slice(3).map(String)
    expect(ids.some((v) => /^\d{17}[\dX]$/.test(v))).toBe(true)
    const [read] = await queryRows<{ summary: Record<string, unknown> }>(
      t.database.db,
      sql`select summary from audit_log where action = 'personal_data.read' order by id desc limit 1`,
    )
    expect(read?.summary).toMatchObject({ purpose: 'export.people', masked: false, reason: '入户核查' })
    // A member of a special group stays masked for a reader who may not break the glass.
    const [member] = await queryRows<{ id: string; grid_id: string; grid_path: string }>(
      t.database.db,
      sql`select id, grid_id, grid_path::text as grid_path from people where grid_path <@ ${a.paths.grid}::ltree
        and id_number_bidx is not null limit 1`,
    )
    await t.database.db.execute(sql`insert into group_memberships (id, person_id, grid_id, grid_path, group_code, starts_on)
      values (gen_random_uuid(), ${member?.id}, ${member?.grid_id}, ${member?.grid_path}::ltree, 'released_prisoner', '2026-01-01')`)
    const again = await t.call({
      method: 'GET',
      url: `/api/people/export.xlsx?unmask=true&reason=${encodeURIComponent('入户核查')}&grid=${gridA()}`,
      cookie,
    })
    const second = new ExcelJS.Workbook()
    await second.xlsx.load(again.rawPayload as unknown as ArrayBuffer)
    const column = (second.worksheets[0] as ExcelJS.Worksheet).getColumn(3).values.slice(3).map(String)
    expect(column.filter((v) => v.includes('********'))).toHaveLength(1)
    expect(column.filter((v) => /^\d{17}[\dX]$/.test(v)).length).toBe(
      ids.filter((v) => /^\d{17}[\dX]$/.test(v)).length - 1,
    )
    const other = await t.call({ method: 'GET', url: `/api/people/export.xlsx?grid=${gridB()}`, cookie })
    expect(other.statusCode).toBe(404)
    const noExport = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
    const refused = await t.call({ method: 'GET', url: '/api/people/export.xlsx', cookie: noExport.cookie })
    expect(refused.statusCode).toBe(403)
  })
})
