import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { importsClient } from '../../../../test/support/imports'
import { queryRows } from '../../../db/database'

// Imports of the places ledger: buildings 建筑物 (one per code in the leaf grid holding their point) and
// rooms 户室/实有房屋 (one per building, unit and number).
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
const gridA = () => `${a.d}001001001`
const microA = () => `${a.d}001001001001`
const gridB = () => `${b.d}001001001`

beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
  a = await t.place('510104', 104)
  b = await t.place('510105', 106)
}, 120_000)
afterAll(() => t?.close())
const { template, imported, reportOf } = importsClient(() => t)

type BuildingView = {
  id: string
  code: string
  name: string
  floors: number | null
  use: string | null
  version: number
  point: { lng: number; lat: number }
  grid: { code: string }
}

/** The buildings of a grid's subtree with this code, as the places API lists them. */
async function buildingsCoded(code: string, grid: string, cookie: string): Promise<BuildingView[]> {
  const res = await t.call({ method: 'GET', url: `/api/buildings?grid=${grid}&q=${code}&limit=200`, cookie })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().items.filter((i: BuildingView) => i.code === code)
}

async function roomsOf(buildingId: string, cookie: string) {
  const res = await t.call({ method: 'GET', url: `/api/buildings/${buildingId}/rooms`, cookie })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as {
    units: { id: string; name: string }[]
    rooms: {
      unitId: string | null
      number: string
      floor: number | null
      ownership: string | null
      houseUse: string | null
      area: number | null
      occupancy: string | null
      houseCategory: string | null
      version: number
    }[]
  }
}

const building = (over: Record<string, string>) => ({
  name: '导入测试楼',
  gridCode: gridA(),
  address: '锦江区示例路 1 号',
  lng: String(a.point.lng),
  lat: String(a.point.lat),
  ...over,
})

const auditCount = async (action: string) => {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from audit_log where action = ${action} and summary->>'via' = 'import'`,
  )
  return row?.n ?? 0
}

describe('the places templates', () => {
  it('buildings: code, name, grid, address, coordinates; codes and grids as text; the version mark', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await template('buildings', a.people.worker.cookie)) as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    const heads = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    expect(heads.slice(0, 11)).toEqual([
      '建筑物编码*',
      '建筑物名称*',
      '所属网格编码*',
      '标准地址*',
      '经度',
      '纬度',
      '街路巷',
      '门牌号',
      '小区',
      '建筑用途',
      '地上层数',
    ])
    expect(heads).toContain('wangge:buildings:v1')
    const keys = (ws.getRow(2).values as unknown[]).slice(1).map(String)
    expect(keys.slice(0, 6)).toEqual(['code', 'name', 'gridCode', 'address', 'lng', 'lat'])
    expect(ws.getColumn(keys.indexOf('gridCode') + 1).numFmt).toBe('@')
  })

  it('rooms: the building by grid and code, unit, number, the house fields with drop-downs', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await template('rooms', a.people.worker.cookie)) as unknown as ArrayBuffer)
    const ws = book.worksheets[0] as ExcelJS.Worksheet
    const heads = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    expect(heads.slice(0, 10)).toEqual([
      '所属网格编码*',
      '建筑物编码*',
      '单元',
      '房号*',
      '所在楼层',
      '房屋类别',
      '产权性质',
      '房屋用途',
      '建筑面积（㎡）',
      '居住状况',
    ])
    expect(heads).toContain('wangge:rooms:v1')
    // No name column: the sheet is still recognised (its example row skipped).
    const keys = (ws.getRow(2).values as unknown[]).slice(1).map(String)
    expect(keys).not.toContain('name')
    expect(ws.getColumn(keys.indexOf('number') + 1).numFmt).toBe('@')
    const lists = book.getWorksheet('代码表') as ExcelJS.Worksheet
    const occupancy = (lists.getColumn(3).values as unknown[]).filter(Boolean)
    expect(occupancy).toEqual(['自住', '出租', '空置', '其他'])
  })
})

describe('importing buildings', () => {
  it('places each building in the leaf grid holding its point, reports bad rows by field, and updates on a second import', async () => {
    const worker = a.people.worker.cookie
    const first = await imported('buildings', worker, [
      building({ code: 'IMP-1', floors: '6', use: '住宅', estate: '幸福小区' }),
      // Inside the grid but outside its micro-grid: the grid is its leaf.
      building({ code: 'IMP-2', lng: '104.07', lat: '30.07' }),
      building({ code: 'IMP-3', gridCode: microA(), lng: '104.07', lat: '30.07' }),
      building({ code: 'IMP-4', lng: '30.01', lat: '104.01' }),
      building({ code: 'IMP-5', gridCode: gridB(), lng: String(b.point.lng), lat: String(b.point.lat) }),
      building({ code: 'IMP-6', lng: '', lat: '' }),
      building({ code: 'IMP 7' }),
      building({ code: 'IMP-8', lng: '104.01', lat: '' }),
    ])
    expect(first).toMatchObject({ status: 'done', rowsCreated: 2, rowsFailed: 6 })
    expect(await reportOf(first.id, worker)).toEqual([
      `第6行：经度：坐标（104.07, 30.07）位于网格“${gridA()}”，不在所属网格“${microA()}”内`,
      '第7行：经度：坐标（30.01, 104.01）不在中国境内：经度应在 73–136，纬度在 3–54 之间（WGS-84），请检查是否填反',
      `第8行：所属网格编码：网格“${gridB()}”不存在或不在您的维护范围内`,
      `第9行：经度：网格“${gridA()}”下没有编码为“IMP-6”的建筑物；新建建筑物须填写经度、纬度`,
      '第10行：建筑物编码只能含字母、数字和 -',
      '第11行：纬度：经度、纬度应同时填写',
    ])

    const [one] = await buildingsCoded('IMP-1', gridA(), a.people.chief.cookie)
    expect(one).toMatchObject({
      name: '导入测试楼',
      floors: 6,
      use: '住宅',
      grid: { code: microA() },
      point: a.point,
      version: 1,
    })
    const [two] = await buildingsCoded('IMP-2', gridA(), worker)
    expect(two?.grid.code).toBe(gridA())
    expect(await auditCount('ledger.building_create')).toBe(2)

    // Again, without coordinates (the point is kept) and with the grid above: the same buildings, updated.
    const again = await imported('buildings', worker, [
      building({ code: 'IMP-1', name: '幸福小区1栋', lng: '', lat: '', floors: '7' }),
      building({ code: 'IMP-2', lng: '104.075', lat: '30.075' }),
    ])
    expect(again).toMatchObject({ rowsCreated: 0, rowsUpdated: 2, rowsFailed: 0 })
    const ones = await buildingsCoded('IMP-1', gridA(), worker)
    expect(ones).toHaveLength(1)
    expect(ones[0]).toMatchObject({ name: '幸福小区1栋', floors: 7, use: '住宅', point: a.point, version: 2 })
    expect((await buildingsCoded('IMP-2', gridA(), worker))[0]?.point).toEqual({ lng: 104.075, lat: 30.075 })
  })

  it('writes nothing in all-or-nothing mode when one row is bad', async () => {
    const worker = a.people.worker.cookie
    const job = await imported(
      'buildings',
      worker,
      [building({ code: 'AON-1' }), building({ code: 'AON-2', lng: '200', lat: '30' })],
      'all_or_nothing',
    )
    expect(job).toMatchObject({ status: 'done', rolledBack: true, rowsCreated: 0, rowsFailed: 1 })
    expect(await buildingsCoded('AON-1', gridA(), worker)).toEqual([])
  })

  it('refuses a point inside China but outside every grid', async () => {
    const worker = a.people.worker.cookie
    const job = await imported('buildings', worker, [building({ code: 'FAR-1', lng: '120', lat: '40' })])
    expect(job).toMatchObject({ rowsCreated: 0, rowsFailed: 1 })
    expect(await reportOf(job.id, worker)).toEqual(['第4行：经度：坐标（120, 40）不在任何网格内'])
  })

  it('a grid worker of grid B cannot import buildings into grid A, nor update grid A’s buildings', async () => {
    await imported('buildings', a.people.worker.cookie, [building({ code: 'MINE-1', name: '甲方楼' })])
    const theirs = await imported('buildings', b.people.worker.cookie, [
      building({ code: 'MINE-1', name: '乙方改名' }),
      building({ code: 'MINE-1', name: '乙方改名', gridCode: gridB(), lng: '', lat: '' }),
    ])
    expect(theirs).toMatchObject({ rowsCreated: 0, rowsUpdated: 0, rowsFailed: 2 })
    const report = await reportOf(theirs.id, b.people.worker.cookie)
    expect(report[0]).toBe(`第4行：所属网格编码：网格“${gridA()}”不存在或不在您的维护范围内`)
    expect(report[1]).toMatch(/^第5行：经度：网格“510105001001001”下没有编码为“MINE-1”的建筑物/)
    expect((await buildingsCoded('MINE-1', gridA(), a.people.worker.cookie))[0]?.name).toBe('甲方楼')
  })
})

describe('importing rooms', () => {
  it('adds rooms and units to a building, reports bad rows by field, and updates on a second import', async () => {
    const worker = a.people.worker.cookie
    await imported('buildings', worker, [building({ code: 'R-1', name: '房屋测试楼' })])
    const [target] = await buildingsCoded('R-1', gridA(), worker)
    if (!target) throw new Error('the building was not imported')
    const room = (over: Record<string, string>) => ({ gridCode: gridA(), buildingCode: 'R-1', ...over })
    const first = await imported('rooms', worker, [
      room({
        unit: '1单元',
        number: '101',
        floor: '1',
        ownership: '私产',
        houseUse: '住宅',
        area: '89.5',
        occupancy: '自住',
        houseCategory: '商品房',
      }),
      room({ unit: '1单元', number: '102', occupancy: '出租' }),
      room({ number: 'S01', floor: '-1', houseUse: 'commercial' }),
      room({ buildingCode: 'R-404', number: '101' }),
      room({ unit: '1单元', number: '103', occupancy: '借住' }),
      room({ unit: '1单元', number: '104', area: '八十' }),
      room({ gridCode: gridB(), number: '105' }),
    ])
    expect(first).toMatchObject({ status: 'done', rowsCreated: 3, rowsFailed: 4 })
    expect(await reportOf(first.id, worker)).toEqual([
      `第7行：建筑物编码：网格“${gridA()}”下没有编码为“R-404”的建筑物（或不在您的维护范围内），请先导入建筑物`,
      '第8行：居住状况“借住”不在代码表中',
      '第9行：建筑面积（㎡）：建筑面积应为 0 到 1000000 的数字（平方米，最多两位小数）',
      `第10行：所属网格编码：网格“${gridB()}”不存在或不在您的维护范围内`,
    ])
    const made = await roomsOf(target.id, a.people.chief.cookie)
    expect(made.units.map((u) => u.name)).toEqual(['1单元'])
    const unit = made.units[0]?.id
    expect(made.rooms).toEqual([
      expect.objectContaining({ unitId: null, number: 'S01', floor: -1, houseUse: 'commercial' }),
      expect.objectContaining({
        unitId: unit,
        number: '101',
        floor: 1,
        ownership: 'private',
        houseUse: 'residential',
        area: 89.5,
        occupancy: 'self_occupied',
        houseCategory: '商品房',
      }),
      expect.objectContaining({ unitId: unit, number: '102', occupancy: 'rented' }),
    ])
    expect(await auditCount('ledger.room_create')).toBe(3)
    expect(await auditCount('ledger.unit_create')).toBe(1)

    // Again: 101 becomes vacant (its other fields kept), 102 in a new unit is another room.
    const again = await imported('rooms', worker, [
      room({ unit: '1单元', number: '101', occupancy: '空置' }),
      room({ unit: '2单元', number: '102' }),
    ])
    expect(again).toMatchObject({ rowsCreated: 1, rowsUpdated: 1, rowsFailed: 0 })
    const after = await roomsOf(target.id, worker)
    expect(after.units.map((u) => u.name)).toEqual(['1单元', '2单元'])
    expect(after.rooms).toHaveLength(4)
    expect(after.rooms.find((r) => r.number === '101')).toMatchObject({
      occupancy: 'vacant',
      ownership: 'private',
      area: 89.5,
      version: 2,
    })
  })

  it('asks for the leaf grid when two micro-grids under the grid hold the same building code', async () => {
    const worker = a.people.worker.cookie
    const east = `${a.d}001001001002`
    await t.make.grid({ code: east, level: 'micro', parent: gridA(), at: { x: 104.05, size: 0.05 } })
    const made = await imported('buildings', worker, [
      building({ code: 'TWIN' }),
      building({ code: 'TWIN', lng: '104.06', lat: '30.01' }),
    ])
    expect(made).toMatchObject({ rowsCreated: 2, rowsFailed: 0 })
    const rooms = await imported('rooms', worker, [
      { gridCode: gridA(), buildingCode: 'TWIN', number: '101' },
      { gridCode: east, buildingCode: 'TWIN', number: '101' },
    ])
    expect(rooms).toMatchObject({ rowsCreated: 1, rowsFailed: 1 })
    expect(await reportOf(rooms.id, worker)).toEqual([
      `第4行：所属网格编码：网格“${gridA()}”下有多个编码为“TWIN”的建筑物，请填写其所在的最末级网格编码`,
    ])
    // Without coordinates a building row is as ambiguous; with them, the grid holding the point decides.
    const again = await imported('buildings', worker, [
      building({ code: 'TWIN', lng: '', lat: '' }),
      building({ code: 'TWIN', name: '东区双子楼', lng: '104.06', lat: '30.01' }),
    ])
    expect(again).toMatchObject({ rowsUpdated: 1, rowsFailed: 1 })
    const twins = await buildingsCoded('TWIN', gridA(), worker)
    expect(twins.map((b) => [b.grid.code, b.name]).sort()).toEqual([
      [microA(), '导入测试楼'],
      [east, '东区双子楼'],
    ])
  })

  it('writes nothing in all-or-nothing mode when one row is bad', async () => {
    const worker = a.people.worker.cookie
    await imported('buildings', worker, [building({ code: 'R-AON' })])
    const [target] = await buildingsCoded('R-AON', gridA(), worker)
    const job = await imported(
      'rooms',
      worker,
      [
        { gridCode: gridA(), buildingCode: 'R-AON', unit: '1单元', number: '101' },
        { gridCode: gridA(), buildingCode: 'R-AON', number: '102', ownership: '祖产' },
      ],
      'all_or_nothing',
    )
    expect(job).toMatchObject({ rolledBack: true, rowsCreated: 0, rowsFailed: 1 })
    expect(await roomsOf(target?.id as string, worker)).toEqual({ units: [], rooms: [] })
  })

  it('a grid worker of grid B cannot add rooms to a building of grid A', async () => {
    await imported('buildings', a.people.worker.cookie, [building({ code: 'R-A' })])
    const theirs = await imported('rooms', b.people.worker.cookie, [
      { gridCode: gridA(), buildingCode: 'R-A', number: '101' },
      { gridCode: gridB(), buildingCode: 'R-A', number: '101' },
    ])
    expect(theirs).toMatchObject({ rowsCreated: 0, rowsFailed: 2 })
    const report = await reportOf(theirs.id, b.people.worker.cookie)
    expect(report[0]).toBe(`第4行：所属网格编码：网格“${gridA()}”不存在或不在您的维护范围内`)
    expect(report[1]).toMatch(/^第5行：建筑物编码：网格“510105001001001”下没有编码为“R-A”的建筑物/)
    const [target] = await buildingsCoded('R-A', gridA(), a.people.worker.cookie)
    expect((await roomsOf(target?.id as string, a.people.worker.cookie)).rooms).toEqual([])
  })
})
