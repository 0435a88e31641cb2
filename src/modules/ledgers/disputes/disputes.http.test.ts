import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { residentReport } from '../../../../test/support/places'
import { uuidv7 } from '../../../lib/ids'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let personId: string
beforeAll(async () => {
  t = await testApp()
  a = await t.place('530106', 64)
  b = await t.place('530107', 65)
  personId = uuidv7()
  await t.database.db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
    select ${personId}, id, path, 'registered', 'resident', '李四' from grids where code = '530106001001001001'`)
}, 120_000)
afterAll(() => t?.close())

describe('disputes 矛盾纠纷', () => {
  it('records a dispute between a person on the ledger and a named neighbour, linked to its event, names masked', async () => {
    const no = await residentReport(t, a.point)
    const res = await t.call({
      method: 'POST',
      url: '/api/disputes',
      cookie: a.people.worker.cookie,
      payload: {
        point: a.point,
        kind: '邻里纠纷',
        scale: 'ordinary',
        summary: '楼上漏水引发邻里矛盾',
        parties: [
          { personId, role: '申请人' },
          { name: '王小明', role: '被申请人' },
        ],
        caseNo: no,
        mediationMethod: 'people_mediation',
        deadline: '2020-01-31',
      },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({
      kind: 'neighbour',
      caseNo: no,
      overdue: true,
      parties: [
        { personId, name: '李*', role: '申请人' },
        { personId: null, name: '王**', role: '被申请人' },
      ],
    })
    const overdue = await t.call({
      method: 'GET',
      url: '/api/disputes?state=overdue',
      cookie: a.people.chief.cookie,
    })
    expect(overdue.json().items.map((d: { id: string }) => d.id)).toEqual([res.json().id])
    const resolved = await t.call({
      method: 'PATCH',
      url: `/api/disputes/${res.json().id}`,
      cookie: a.people.worker.cookie,
      payload: { version: 1, outcome: '调解成功，双方签订协议', resolvedOn: '2020-01-20' },
    })
    expect(resolved.json()).toMatchObject({ overdue: false, version: 2, resolvedOn: '2020-01-20' })
  })

  it('refuses parties and events outside the writer’s grids, and hides the dispute from another grid', async () => {
    const cookie = b.people.worker.cookie
    const post = (payload: object) => t.call({ method: 'POST', url: '/api/disputes', cookie, payload })
    const base = { point: b.point, kind: 'neighbour', scale: 'ordinary', summary: '噪音' }
    const stranger = await post({ ...base, parties: [{ personId }] })
    expect([stranger.statusCode, stranger.json().code]).toEqual([400, 'ledger.person_not_found'])
    const caseNo = await residentReport(t, a.point)
    const foreign = await post({ ...base, caseNo })
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, 'ledger.case_not_found'])
    expect((await t.call({ method: 'GET', url: '/api/disputes', cookie })).json().items).toEqual([])
  })
})
