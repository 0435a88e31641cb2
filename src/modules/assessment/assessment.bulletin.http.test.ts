import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../test/support/app'

let now = new Date('2026-11-10T09:00:00+08:00')
let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let admin: string
let late: { no: string }
let praised: { no: string }

type Step = [who: 'chief' | 'officer' | 'worker', action: string, body?: object]

/** Reports a case in a place and runs actions on it in turn. */
async function run(p: StaffedPlace, steps: Step[]) {
  const reported = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: p.people.worker.cookie,
    payload: {
      categoryCode: '06010',
      location: p.point,
      description: '东门口堆放杂物多日',
      source: 'worker',
    },
  })
  let c = reported.json()
  const cookies = {
    chief: p.people.streetChief.cookie,
    officer: p.people.officer.cookie,
    worker: p.people.worker.cookie,
  }
  for (const [who, action, body] of steps) {
    await t.photograph(c.id, action, cookies[who])
    const res = await t.call({
      method: 'POST',
      url: `/api/cases/${c.id}/actions/${action}`,
      cookie: cookies[who],
      payload: { version: c.version, ...body },
    })
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
    c = res.json()
  }
  return c as { no: string }
}

const compose = (cookie: string, payload: object) =>
  t.call({ method: 'POST', url: '/api/assessment/bulletins', cookie, payload })

beforeAll(async () => {
  t = await testApp({}, { clock: () => now })
  a = await t.place('640101', 110)
  b = await t.place('640201', 112)
  admin = (await t.as([{ key: 'admin' }])).cookie
  praised = await run(a, [
    ['chief', 'accept'],
    ['chief', 'dispatch'],
    ['officer', 'handle'],
    ['worker', 'verify', { pass: true }],
    ['chief', 'close'],
    ['worker', 'rate', { rating: 5 }],
  ])
  // Accepted in November and never handled: overdue long before December.
  late = await run(a, [
    ['chief', 'accept'],
    ['chief', 'dispatch'],
  ])
  await run(b, [['chief', 'accept']])
  now = new Date('2026-12-03T09:00:00+08:00')
}, 120_000)
afterAll(() => t?.close())

describe('bulletins', () => {
  it('composes a street’s month: its figures, top problems, overdue cases and good examples', async () => {
    const res = await compose(a.people.streetChief.cookie, { period: '2026-11', grid: `${a.d}001` })
    expect(res.statusCode, res.body).toBe(200)
    const bulletin = res.json()
    expect(bulletin).toMatchObject({
      state: 'draft',
      scope: { name: `street${a.d}` },
      abilities: ['compose', 'publish'],
    })
    const { events } = bulletin.body
    expect(events.total).toMatchObject({ received: 2, filed: 2, closed: 1 })
    expect(events.topProblems[0]).toMatchObject({ key: '06010', received: 2 })
    expect(events.overdue.total).toBe(1)
    expect(events.overdue.items[0]).toMatchObject({ no: late.no, grid_name: `micro${a.d}` })
    expect(events.praised.map((c: { no: string }) => c.no)).toEqual([praised.no])
    // Names of places and classes only: no description, reporter or phone.
    expect(JSON.stringify(bulletin.body)).not.toMatch(/东门口|description|phone|contact/)
    // B's case is not A's street's.
    expect(events.children.map((c: { key: string }) => c.key)).toEqual([`${a.d}001001`])
  })

  it('prints it as a PDF in Chinese and as a workbook', async () => {
    const composed = (await compose(admin, { period: '2026-11', grid: `${a.d}001` })).json()
    const pdf = await t.call({
      method: 'GET',
      url: `/api/assessment/bulletins/${composed.id}/export.pdf`,
      cookie: admin,
    })
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    // The Chinese font is embedded (a subset of it).
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontFile2|WenQuanYi|NotoSansCJK|UKai/)
    const xlsx = await t.call({
      method: 'GET',
      url: `/api/assessment/bulletins/${composed.id}/export.xlsx`,
      cookie: admin,
    })
    expect(decodeURIComponent(xlsx.headers['content-disposition'] as string)).toContain(
      `通报_street${a.d}_2026-11.xlsx`,
    )
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const cells = (book.getWorksheet('通报')?.getSheetValues() ?? []).flatMap((r) =>
      Array.isArray(r) ? r : [],
    )
    expect(cells).toContain(`street${a.d}2026年11月网格化服务管理工作通报`)
    expect(cells).toContain('五、超期未办结事件')
    expect(cells).toContain(late.no)
    // A month with no events: its empty tables say so, as the page does, under their header.
    const quiet = (await compose(admin, { period: '2026-10', grid: `${a.d}001` })).json()
    const empty = await t.call({
      method: 'GET',
      url: `/api/assessment/bulletins/${quiet.id}/export.xlsx`,
      cookie: admin,
    })
    const emptyBook = new ExcelJS.Workbook()
    await emptyBook.xlsx.load(empty.rawPayload as unknown as ArrayBuffer)
    const rows: unknown[][] = []
    emptyBook.getWorksheet('通报')?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
    for (const heading of ['四、突出问题', '六、群众满意的典型案例']) {
      const at = rows.findIndex((r) => r[0] === heading)
      expect(
        rows.slice(at + 1, at + 3).map((r) => r[0]),
        heading,
      ).toEqual([rows[at + 1]?.[0], '无'])
    }
  })

  it('reaches the workbenches of the area once published, and stays as published', async () => {
    const draft = (
      await compose(a.people.streetChief.cookie, { period: '2026-11', grid: `${a.d}001` })
    ).json()
    const before = await t.call({
      method: 'GET',
      url: '/api/assessment/bulletins',
      cookie: a.people.worker.cookie,
    })
    expect(before.json().items).toEqual([])
    const hidden = await t.call({
      method: 'GET',
      url: `/api/assessment/bulletins/${draft.id}`,
      cookie: a.people.worker.cookie,
    })
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'bulletin.not_found'])
    const published = await t.call({
      method: 'POST',
      url: `/api/assessment/bulletins/${draft.id}/publish`,
      cookie: a.people.streetChief.cookie,
    })
    expect(published.statusCode, published.body).toBe(200)
    const seen = await t.call({
      method: 'GET',
      url: '/api/assessment/bulletins',
      cookie: a.people.worker.cookie,
    })
    expect(seen.json().items.map((x: { id: string }) => x.id)).toEqual([draft.id])
    const elsewhere = await t.call({
      method: 'GET',
      url: '/api/assessment/bulletins',
      cookie: b.people.worker.cookie,
    })
    expect(elsewhere.json().items).toEqual([])
    const again = await compose(a.people.streetChief.cookie, { period: '2026-11', grid: `${a.d}001` })
    expect([again.statusCode, again.json().code]).toEqual([409, 'bulletin.published'])
  })

  it('is composed only by those who assess the area, for a period that has begun', async () => {
    const other = await compose(a.people.streetChief.cookie, { period: '2026-11', grid: `${b.d}001` })
    expect([other.statusCode, other.json().code]).toEqual([403, 'assessment.forbidden'])
    const worker = await compose(a.people.worker.cookie, { period: '2026-11' })
    expect([worker.statusCode, worker.json().code]).toEqual([403, 'auth.forbidden'])
    const future = await compose(admin, { period: '2027-02' })
    expect([future.statusCode, future.json().code]).toEqual([400, 'assessment.future_period'])
  })
})
