import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'
import { idCheckCharacter } from '../validate/id-number'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
const reason = encodeURIComponent('入户核查需要')

/** A's and B's records, each named after its place so a sheet shows whose rows it holds. */
beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-11-23T10:00:00+08:00') })
  a = await t.place('530122', 70)
  b = await t.place('530123', 71)
  for (const [p, tag] of [
    [a, 'A'],
    [b, 'B'],
  ] as const) {
    const cookie = p.people.worker.cookie
    const post = async (url: string, payload: object) => {
      const res = await t.call({ method: 'POST', url, cookie, payload })
      expect(res.statusCode, res.body).toBe(201)
      return res.json()
    }
    await post('/api/organizations', {
      kind: 'enterprise',
      name: `${tag}锦程物流有限公司`,
      point: p.point,
      legalRepresentative: '王五六',
      contactPhone: '028-85123456',
    })
    await post('/api/devices', {
      code: `CAM-${tag}`,
      kind: '监控点位',
      name: `${tag}东门监控`,
      point: p.point,
    })
    const person = await post('/api/people', {
      kind: '户籍人口',
      name: '张三丰',
      idNumber: idNumber(p === a ? 1 : 2),
      gridCode: `${p.d}001001001001`,
      phone: p === a ? '13912345678' : '13987654321',
    })
    await post('/api/disputes', {
      point: p.point,
      kind: '邻里纠纷',
      scale: 'ordinary',
      summary: `${tag}楼上漏水引发邻里矛盾`,
      parties: [
        { personId: person.id, role: '申请人' },
        { name: '王小明', role: '被申请人' },
      ],
    })
    const building = await post('/api/buildings', {
      code: `EX${tag}`,
      name: `${tag}幸福楼`,
      address: `锦江区东大街100号${tag}栋`,
      point: p.point,
    })
    const unit = await post(`/api/buildings/${building.id}/units`, { name: '2单元' })
    const room = await post(`/api/buildings/${building.id}/rooms`, { unitId: unit.id, number: '1203' })
    await post(`/api/rooms/${room.id}/residences`, {
      personId: person.id,
      relation: 'owner',
      fromDate: '2026-01-01',
    })
  }
}, 120_000)
afterAll(() => t?.close())

function idNumber(n: number): string {
  const first17 = `11010519800101${String(300 + n).padStart(3, '0')}`
  return first17 + idCheckCharacter(first17)
}

/** The sheet's rows below the watermark and the header, as text. */
async function sheet(url: string, cookie: string) {
  const res = await t.call({ method: 'GET', url, cookie })
  expect(res.statusCode, res.body).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const ws = book.worksheets[0] as ExcelJS.Worksheet
  const rows: string[][] = []
  ws.eachRow((row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v))))
  })
  const count = Number(res.headers['x-export-rows'])
  return { mark: rows[0]?.[0] ?? '', head: rows[1] ?? [], body: rows.slice(2, 2 + count), count }
}

const lastExport = async () => {
  const [row] = await queryRows<{ resource_type: string; summary: Record<string, unknown> }>(
    t.database.db,
    sql`select resource_type, summary from audit_log where action = 'ledger.export' order by id desc limit 1`,
  )
  return row
}
const lastRead = async () => {
  const [row] = await queryRows<{ summary: Record<string, unknown> }>(
    t.database.db,
    sql`select summary from audit_log where action = 'personal_data.read' order by id desc limit 1`,
  )
  return row?.summary
}

describe('exporting the ledgers’ lists', () => {
  it('exports organisations masked, watermarked, within the reader’s grids, audited with filter and count', async () => {
    const s = await sheet('/api/organizations/export.xlsx?kind=enterprise', a.people.worker.cookie)
    expect(s.mark).toMatch(/^导出人：.+时间：2026-11-23 10:00:00（北京时间）　共 1 条$/)
    expect(s.head.slice(0, 5)).toEqual(['组织类型', '名称', '统一社会信用代码', '法定代表人', '联系电话'])
    expect(s.body).toHaveLength(1)
    expect(s.body[0]?.slice(1, 5)).toEqual(['A锦程物流有限公司', '', '王**', '028****3456'])
    expect(await lastExport()).toMatchObject({
      resource_type: 'organization',
      summary: {
        type: 'organizations',
        filters: { kind: 'enterprise' },
        rows: 1,
        capped: false,
        masked: true,
      },
    })
    expect(await lastRead()).toMatchObject({ purpose: 'export.organizations', masked: true })

    const clear = await sheet(
      `/api/organizations/export.xlsx?unmask=true&reason=${reason}`,
      a.people.worker.cookie,
    )
    expect(clear.body[0]?.slice(3, 5)).toEqual(['王五六', '02885123456'])
    expect(await lastRead()).toMatchObject({ masked: false, reason: '入户核查需要' })
  })

  it('exports the disputes’ parties and the rooms’ owners and addresses masked', async () => {
    const d = await sheet('/api/disputes/export.xlsx?state=open', a.people.worker.cookie)
    expect(d.body.map((r) => r[2])).toEqual(['A楼上漏水引发邻里矛盾'])
    expect(d.body[0]?.[3]).toBe('张**（申请人，139****5678）；王**（被申请人）')
    expect(await lastExport()).toMatchObject({
      summary: { type: 'disputes', filters: { state: 'open' }, rows: 1 },
    })
    const clear = await sheet(
      `/api/disputes/export.xlsx?unmask=true&reason=${reason}`,
      a.people.worker.cookie,
    )
    expect(clear.body[0]?.[3]).toBe('张三丰（申请人，13912345678）；王小明（被申请人）')

    const r = await sheet('/api/rooms/export.xlsx', a.people.worker.cookie)
    expect(r.head.slice(1, 5)).toEqual(['楼栋编码', '楼栋名称', '单元', '房屋地址'])
    expect(r.body).toHaveLength(1)
    const room = r.body[0] ?? []
    expect(room.slice(1, 5)).toEqual(['EXA', 'A幸福楼', '2单元', '锦江区东大街****'])
    expect(room.slice(11, 14)).toEqual(['张**', '139****5678', '1'])
    expect(JSON.stringify(r)).not.toContain('1203')
    expect(await lastRead()).toMatchObject({ purpose: 'export.rooms', masked: true })
    const rooms = await sheet(`/api/rooms/export.xlsx?unmask=true&reason=${reason}`, a.people.worker.cookie)
    expect(rooms.body[0]?.[4]).toBe('锦江区东大街100号A栋2单元1203室')
  })

  it('gives a worker of grid B none of grid A’s rows, and no grid of A by code', async () => {
    const cookie = b.people.worker.cookie
    for (const type of ['organizations', 'devices', 'disputes', 'rooms']) {
      const s = await sheet(`/api/${type}/export.xlsx`, cookie)
      expect(s.count, type).toBe(1)
      expect(JSON.stringify(s.body), type).not.toMatch(/A(锦程|东门|楼上|幸福)|EXA|CAM-A/)
      const other = await t.call({
        method: 'GET',
        url: `/api/${type}/export.xlsx?grid=${a.d}001001001`,
        cookie,
      })
      expect([other.statusCode, other.json().code]).toEqual([404, 'grid.not_found'])
    }
    const devices = await sheet('/api/devices/export.xlsx?status=normal', cookie)
    expect(devices.body[0]?.slice(0, 4)).toEqual(['CAM-B', expect.any(String), 'B东门监控', '正常'])
  })

  it('refuses a reader without ledger.export (403 auth.forbidden), and an unmask without a reason (400)', async () => {
    const instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
    const before = await lastExport()
    for (const type of ['organizations', 'devices', 'disputes', 'rooms']) {
      const refused = await t.call({
        method: 'GET',
        url: `/api/${type}/export.xlsx`,
        cookie: instructor.cookie,
      })
      expect([refused.statusCode, refused.json().code], type).toEqual([403, 'auth.forbidden'])
      const bare = await t.call({
        method: 'GET',
        url: `/api/${type}/export.xlsx?unmask=true`,
        cookie: a.people.worker.cookie,
      })
      expect([bare.statusCode, bare.json().code], type).toEqual([400, 'ledger.unmask_reason_required'])
    }
    expect(await lastExport()).toEqual(before)
  })
})
