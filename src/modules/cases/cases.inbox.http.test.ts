import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'

/** Monday 23 November 2026, 10:00 China time; tests move it forward. */
let now = new Date('2026-11-23T10:00:00+08:00')
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
/** Reads everything in both places (a street chief of each would see one). */
let admin: { cookie: string }
const made: Record<string, { id: string; no: string; version: number }> = {}

const get = (url: string, cookie: string, headers: Record<string, string> = {}) =>
  t.call({ method: 'GET', url, cookie, headers })
const list = async (query: string, cookie = admin.cookie) => {
  const res = await get(`/api/cases?${query}`, cookie)
  expect(res.statusCode, res.body).toBe(200)
  return (res.json().items as { no: string }[]).map((c) => c.no).sort()
}
const nos = (...keys: string[]) => keys.map((k) => made[k]?.no).sort()

async function report(
  key: string,
  p: StaffedPlace,
  categoryCode: string,
  description: string,
  address?: string,
) {
  const res = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: p.people.worker.cookie,
    payload: { source: 'worker', categoryCode, location: p.point, description, address },
  })
  expect(res.statusCode, res.body).toBe(201)
  made[key] = res.json()
}

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  admin = await t.as([{ key: 'admin' }])
  a = await t.place('470100', 60)
  b = await t.place('470200', 62)
  // 22 Nov: in a, rubbish (06010) with a wildcard in its text, and a 100% discount sign.
  now = new Date('2026-11-22T09:00:00+08:00')
  await report('rubbish', a, '06010', '路边垃圾_堆放', '幸福路 12 号')
  await report('percent', a, '06010', '广告牌写着 100% 打折')
  // 23 Nov: in b, rubbish, accepted then dispatched; and another left to report.
  now = new Date('2026-11-23T10:00:00+08:00')
  await report('dispatched', b, '06010', '小区门口垃圾')
  await report('late', b, '06010', '井盖缺失')
  let c = made.dispatched as { id: string; version: number }
  c = (await t.act(c.id, 'accept', { version: c.version }, b.people.streetChief.cookie)).json()
  const res = await t.act(c.id, 'dispatch', { version: c.version }, b.people.streetChief.cookie)
  expect(res.statusCode, res.body).toBe(200)
  // Two hours later: the cases still to accept are past their one-hour accept deadline.
  now = new Date('2026-11-23T12:00:00+08:00')
})
afterAll(() => t?.close())

describe('the inbox filters', () => {
  it('counts each queue as its list holds it, within the reader’s scope', async () => {
    for (const cookie of [admin.cookie, a.people.streetChief.cookie, b.people.officer.cookie]) {
      const res = await get('/api/cases/queue-counts', cookie)
      expect(res.statusCode, res.body).toBe(200)
      const counts = res.json()
      for (const queue of ['to_accept', 'to_dispatch', 'to_handle', 'overdue', 'no_handler']) {
        expect(counts[queue], `${queue}`).toBe((await list(`queue=${queue}&limit=200`, cookie)).length)
        // What waits longest: the queue's oldest report, as its list holds it.
        const items = (await get(`/api/cases?queue=${queue}&limit=200`, cookie)).json().items as {
          reportedAt: string
        }[]
        const oldest = items.map((c) => c.reportedAt).sort()[0] ?? null
        expect(counts.oldest[queue] && new Date(counts.oldest[queue]).toISOString(), `${queue}`).toBe(
          oldest && new Date(oldest).toISOString(),
        )
      }
      expect(counts.all).toBe((await list('limit=200', cookie)).length)
    }
    const inA = (await get('/api/cases/queue-counts', a.people.streetChief.cookie)).json()
    expect(inA).toMatchObject({ to_accept: 2, to_handle: 0, overdue: 2, all: 2 })
    expect(inA.oldest.to_accept).toBe(new Date('2026-11-22T09:00:00+08:00').toISOString())
    expect(inA.oldest.to_handle).toBeNull()
    const officer = (await get('/api/cases/queue-counts', b.people.officer.cookie)).json()
    expect(officer).toMatchObject({ to_accept: 0, to_handle: 1, all: 1 })
    // The filters count too: the tabs say what the filtered lists hold.
    const filtered = (await get('/api/cases/queue-counts?grid=470200', admin.cookie)).json()
    expect(filtered).toMatchObject({ to_accept: 1, to_handle: 1, all: 2 })
  })

  it('narrows by category, grid, state, overdue and report day', async () => {
    expect(await list('grid=470100')).toEqual(nos('rubbish', 'percent'))
    expect(await list('grid=470200001001')).toEqual(nos('dispatched', 'late'))
    expect(await list('category=06&grid=470200')).toEqual(nos('dispatched', 'late'))
    expect(await list('category=07&grid=470200')).toEqual([])
    expect(await list('state=dispatched&grid=470200')).toEqual(nos('dispatched'))
    expect(await list('overdue=true&grid=470200')).toEqual(nos('late'))
    expect(await list('overdue=false&grid=470200')).toEqual(nos('dispatched'))
    expect(await list('from=2026-11-22&to=2026-11-22&q=470')).toEqual([])
    const day22 = await list('from=2026-11-22&to=2026-11-22')
    expect(day22).toEqual(expect.arrayContaining(nos('rubbish', 'percent')))
    expect(day22).not.toContain(made.late?.no)
    expect(await list('from=2026-11-23&grid=470100')).toEqual([])
    expect(await list('to=2026-11-22&grid=470200')).toEqual([])
  })

  it('finds a case by the beginning of its number, and text as typed, wildcards included', async () => {
    expect(await list(`q=${made.late?.no}`)).toEqual(nos('late'))
    expect(await list(`q=${made.late?.no.toLowerCase()}`)).toEqual(nos('late'))
    expect(await list(`q=${encodeURIComponent('井盖')}`)).toEqual(nos('late'))
    expect(await list(`q=${encodeURIComponent('幸福路')}`)).toEqual(nos('rubbish'))
    // `_` and `%` match themselves, not any character.
    expect(await list(`q=${encodeURIComponent('垃圾_')}`)).toEqual(nos('rubbish'))
    expect(await list(`q=${encodeURIComponent('垃_')}`)).toEqual([])
    expect(await list(`q=${encodeURIComponent('100%')}`)).toEqual(nos('percent'))
    expect(await list(`q=${encodeURIComponent('%')}`)).toEqual(nos('percent'))
    expect(await list(`q=${encodeURIComponent('\\')}`)).toEqual([])
  })

  it('draws the cases of a box on the map, with their lights, under the same filters and scope', async () => {
    const box = (p: typeof a) =>
      `${p.point.lng - 0.02},${p.point.lat - 0.02},${p.point.lng + 0.02},${p.point.lat + 0.02}`
    const map = async (query: string, cookie = admin.cookie) => {
      const res = await get(`/api/cases/map?${query}`, cookie)
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as { items: { no: string; light: string | null; lng: number }[]; truncated: boolean }
    }
    const inB = await map(`bbox=${box(b)}`)
    expect(inB.items.map((c) => c.no).sort()).toEqual(nos('dispatched', 'late'))
    expect(inB.truncated).toBe(false)
    // The case still to accept is two hours past its one-hour limit: red on the map.
    expect(inB.items.find((c) => c.no === made.late?.no)?.light).toBe('red')
    expect(await list(`bbox=${box(b)}`)).toEqual(nos('dispatched', 'late'))
    expect((await map(`bbox=${box(b)}&limit=1`)).truncated).toBe(true)
    expect((await map(`bbox=${box(a)}&state=dispatched`)).items).toEqual([])
    expect((await map(`bbox=${box(b)}&source=hotline`)).items).toEqual([])
    expect((await map('open=true&grid=470200')).items.map((c) => c.no).sort()).toEqual(
      nos('dispatched', 'late'),
    )
    // A chief of a sees nothing of b's box.
    expect((await map(`bbox=${box(b)}`, a.people.streetChief.cookie)).items).toEqual([])
  })

  it('refuses bad filter values with a problem naming the field', async () => {
    for (const query of [
      'category=6',
      'grid=47a',
      'state=lost',
      'overdue=yes',
      'from=2026-13-01',
      'from=2026-11-24&to=2026-11-23',
      `q=${'x'.repeat(101)}`,
      'q=%20',
      'bbox=1,2,3',
      'bbox=62,30,61,31',
      'bbox=60,29,65,31',
      'source=pigeon',
      'open=maybe',
    ]) {
      for (const path of [
        '/api/cases',
        '/api/cases/queue-counts',
        '/api/cases/export.xlsx',
        '/api/cases/map',
      ]) {
        const res = await get(`${path}?${query}`, admin.cookie)
        expect(res.statusCode, `${path}?${query}`).toBe(400)
        expect(res.headers['content-type']).toContain('application/problem+json')
        expect(res.json().code).toBe('request.invalid')
      }
    }
    const nul = await get('/api/cases?q=%00', admin.cookie)
    expect(nul.statusCode).toBe(400)
    expect(nul.json().code).toBe('request.invalid_text')
    const unknown = await get('/api/cases/queue-counts?grid=999999', admin.cookie)
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('case.unknown_grid')
  })
})

describe('the Excel export', () => {
  const load = async (payload: Buffer) => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(payload as unknown as ArrayBuffer)
    return {
      sheet(name: string) {
        const sheet = book.getWorksheet(name)
        if (!sheet) throw new Error(`no sheet ${name}`)
        return sheet
      },
    }
  }

  it('streams the filtered rows with Chinese headers, no contact, and audits what it carried', async () => {
    const res = await get('/api/cases/export.xlsx?grid=470200&category=06', admin.cookie, {
      'accept-language': 'zh-CN',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('事件列表_2026-11-23.xlsx')}`,
    )
    const book = await load(res.rawPayload)
    const sheet = book.sheet('事件列表')
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1)
    expect(values(1)).toEqual(expect.arrayContaining(['事件编号', '状态', '所属网格', '事件描述']))
    expect(values(1).join()).not.toMatch(/联系|电话|contact|phone/)
    expect(sheet.rowCount).toBe(3)
    const rows = [values(2), values(3)]
    expect(rows.map((r) => r[0]).sort()).toEqual(nos('dispatched', 'late'))
    const late = rows.find((r) => r[0] === made.late?.no)
    expect(late).toEqual(
      expect.arrayContaining(['待受理', '井盖缺失', 'micro470200（470200001001001001）', '超期']),
    )
    const about = book.sheet('说明')
    expect(String(about.getRow(1).getCell(2).value)).toContain('grid=470200')

    const [audit] = await queryRows<{ subjects: string[]; fields: string[] }>(
      t.database.db,
      sql`select summary->'subjects' as subjects, summary->'fields' as fields from audit_log
        where action = 'personal_data.read' and summary->>'purpose' = 'export.cases' order by id desc limit 1`,
    )
    expect(audit?.subjects.sort()).toEqual(nos('dispatched', 'late'))
    expect(audit?.fields).toEqual(['description', 'address'])
  })

  it('answers in English, exports only the reader’s cases, and is for staff', async () => {
    const res = await get('/api/cases/export.xlsx', a.people.streetChief.cookie, { 'accept-language': 'en' })
    const sheet = (await load(res.rawPayload)).sheet('Cases')
    expect((sheet.getRow(1).values as unknown[])[1]).toBe('Number')
    const exported = sheet.getColumn(1).values.slice(2).sort()
    expect(exported).toEqual(nos('rubbish', 'percent'))
    const resident = await t.as([])
    const refused = await get('/api/cases/export.xlsx', resident.cookie)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('auth.forbidden')
  })
})
