import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { importsClient } from '../../../../test/support/imports'
import { queryRows } from '../../../db/database'
import { creditCheckCharacter } from '../validate/credit-code'

// Imports of the other record types: organisations (one per credit code) and devices (one per code).
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
const gridA = () => `${a.d}001001001`
const gridB = () => `${b.d}001001001`

beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
  a = await t.place('510104', 104)
  b = await t.place('510105', 106)
}, 120_000)
afterAll(() => t?.close())
const { template, imported, reportOf } = importsClient(() => t)

let serial = 1000
/** A valid unified social credit code (GB 32100), each one new. */
function creditCode(): string {
  serial += 1
  const first17 = `91510104MA${String(serial).padStart(7, '0')}`
  return first17 + creditCheckCharacter(first17)
}

describe('importing organisations', () => {
  it('has its own template: credit code as text, kinds as a drop-down, the version mark', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await template('organizations', a.people.worker.cookie)) as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    const heads = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    expect(heads).toContain('统一社会信用代码')
    expect(heads).toContain('wangge:organizations:v1')
    const keys = (ws.getRow(2).values as unknown[]).slice(1).map(String)
    expect(ws.getColumn(keys.indexOf('creditCode') + 1).numFmt).toBe('@')
  })

  it('writes valid rows, reports bad ones by row and field, seals the phone, and updates on a second import', async () => {
    const worker = a.people.worker.cookie
    const code = creditCode()
    const first = await imported('organizations', worker, [
      {
        kind: '企业',
        name: '锦江示例商贸',
        creditCode: code,
        gridCode: gridA(),
        contactPhone: '13911112222',
      },
      { kind: '企业', name: '校验错误公司', creditCode: '91350100M000100Y44', gridCode: gridA() },
      { kind: '商铺', name: '街角小卖部', gridCode: gridA(), staffCount: '3', hazardousChemicals: '否' },
      { kind: '工厂', name: '未知类型', gridCode: gridA() },
    ])
    expect(first).toMatchObject({ status: 'done', rowsCreated: 2, rowsFailed: 2 })
    const report = await reportOf(first.id, worker)
    expect(report[0]).toMatch(/^第5行：统一社会信用代码/)
    expect(report[1]).toBe('第7行：组织类型“工厂”不在代码表中')

    const [row] = await queryRows<{ contact_phone_sealed: string; details: object }>(
      t.database.db,
      sql`select contact_phone_sealed, details from organizations where credit_code = ${code}`,
    )
    expect(row?.contact_phone_sealed).toMatch(/^f1\./)
    expect(row?.contact_phone_sealed).not.toContain('13911112222')

    // Again, with a new legal representative: the same two organisations, updated.
    const again = await imported('organizations', worker, [
      {
        kind: '企业',
        name: '锦江示例商贸',
        creditCode: code,
        gridCode: gridA(),
        legalRepresentative: '王五',
      },
      { kind: '商铺', name: '街角小卖部', gridCode: gridA(), staffCount: '4' },
    ])
    expect(again).toMatchObject({ rowsCreated: 0, rowsUpdated: 2, rowsFailed: 0 })
    const [updated] = await queryRows<{ n: number; legal: string; phone: string | null }>(
      t.database.db,
      sql`select count(*) over ()::int as n, legal_representative as legal, contact_phone_sealed as phone
        from organizations where credit_code = ${code}`,
    )
    expect(updated).toMatchObject({ n: 1, legal: '王五' })
    // An empty cell keeps what was there.
    expect(updated?.phone).toMatch(/^f1\./)
  })

  it('refuses a row of an organisation registered in a grid the importer may not write', async () => {
    const code = creditCode()
    await imported('organizations', a.people.worker.cookie, [
      { kind: '企业', name: '甲方公司', creditCode: code, gridCode: gridA() },
    ])
    const theirs = await imported('organizations', b.people.worker.cookie, [
      { kind: '企业', name: '乙方改名', creditCode: code, gridCode: gridB() },
    ])
    expect(theirs).toMatchObject({ rowsCreated: 0, rowsUpdated: 0, rowsFailed: 1 })
    expect((await reportOf(theirs.id, b.people.worker.cookie))[0]).toContain('无权维护')
    const [kept] = await queryRows<{ name: string }>(
      t.database.db,
      sql`select name from organizations where credit_code = ${code}`,
    )
    expect(kept?.name).toBe('甲方公司')
  })
})

describe('importing devices', () => {
  it('one device per code, its owner named by credit code, bad codes and unknown owners reported', async () => {
    const worker = a.people.worker.cookie
    const owner = creditCode()
    await imported('organizations', worker, [
      { kind: '物业公司', name: '示例物业', creditCode: owner, gridCode: gridA() },
    ])
    const first = await imported('devices', worker, [
      { code: 'CAM-9001', kind: '监控点位', name: '东门摄像头', gridCode: gridA(), ownerCreditCode: owner },
      { code: 'CAM 9002', kind: '监控点位', name: '空格编码', gridCode: gridA() },
      { code: 'SNS-9003', kind: '感知设备', name: '烟感', gridCode: gridA(), ownerCreditCode: creditCode() },
      { code: 'FIRE-9004', kind: '消防设施', name: '消火栓', gridCode: gridA(), installedOn: '2025/6/1' },
    ])
    expect(first).toMatchObject({ rowsCreated: 2, rowsFailed: 2 })
    const report = await reportOf(first.id, worker)
    expect(report[0]).toMatch(/^第5行：设备编码/)
    expect(report[1]).toMatch(/^第6行：所属单位/)
    const again = await imported('devices', worker, [
      { code: 'CAM-9001', kind: '监控点位', name: '东门摄像头（新）', gridCode: gridA() },
    ])
    expect(again).toMatchObject({ rowsCreated: 0, rowsUpdated: 1 })
    const rows = await queryRows<{ name: string; owner: string | null; details: { installedOn?: string } }>(
      t.database.db,
      sql`select d.name, o.credit_code as owner, d.details from devices d
        left join organizations o on o.id = d.owner_organization_id where d.code in ('CAM-9001', 'FIRE-9004') order by d.code`,
    )
    expect(rows).toEqual([
      // Full-width brackets come out half-width (the text is normalised).
      { name: '东门摄像头(新)', owner, details: {} },
      { name: '消火栓', owner: null, details: { installedOn: '2025-06-01' } },
    ])
  })
})
