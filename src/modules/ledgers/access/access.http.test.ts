import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { personIn } from '../../../../test/support/ledger-people'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let personA: string
let personB: string
beforeAll(async () => {
  t = await testApp()
  a = await t.place('530114', 70)
  b = await t.place('530115', 71)
  personA = await personIn(t.database.db, a.paths.grid, '孙悟空')
  personB = await personIn(t.database.db, b.paths.grid, '猪八戒')
}, 120_000)
afterAll(() => t?.close())

const get = (url: string, cookie: string) => t.call({ method: 'GET', url, cookie })
const unmask = (id: string, cookie: string, reason = '核实走访对象身份') =>
  t.call({ method: 'POST', url: `/api/people/${id}/unmask`, cookie, payload: { reason } })

describe('the subtree’s reveal log 查看记录', () => {
  it('lists each unmask of the chief’s subtree: when, who, whose (masked), why; never another community’s', async () => {
    expect((await unmask(personA, a.people.worker.cookie)).statusCode).toBe(200)
    expect((await unmask(personB, b.people.worker.cookie, '调解纠纷需要联系')).statusCode).toBe(200)
    // A masked profile read is not a reveal.
    expect((await get(`/api/people/${personA}`, a.people.worker.cookie)).statusCode).toBe(200)
    const res = await get('/api/ledgers/reveals', a.people.chief.cookie)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().items).toEqual([
      expect.objectContaining({
        actorId: a.people.worker.id,
        recordType: 'person',
        recordId: personA,
        personId: personA,
        label: '孙**',
        purpose: 'ledger.unmask',
        reason: '核实走访对象身份',
      }),
    ])
    expect(res.body).not.toMatch(/孙悟空|猪八戒|调解纠纷/)
    const theirs = (await get('/api/ledgers/reveals', b.people.chief.cookie)).json().items
    expect(theirs.map((i: { recordId: string }) => i.recordId)).toEqual([personB])
    const readers = (await get('/api/ledgers/reveals/readers', a.people.chief.cookie)).json()
    expect(readers.items.map((r: { id: string }) => r.id)).toEqual([a.people.worker.id])
  })

  it('filters by reader and by days, pages by cursor, and refuses a backwards range', async () => {
    const chief = a.people.chief.cookie
    for (let i = 0; i < 3; i++) expect((await unmask(personA, chief)).statusCode).toBe(200)
    const mine = (await get(`/api/ledgers/reveals?actor=${a.people.chief.id}`, chief)).json().items
    expect(mine).toHaveLength(3)
    const first = (await get('/api/ledgers/reveals?limit=2', chief)).json()
    expect(first.items).toHaveLength(2)
    const next = (await get(`/api/ledgers/reveals?limit=2&cursor=${first.nextCursor}`, chief)).json()
    expect(next.items.length).toBeGreaterThan(0)
    expect(next.items[0].id).toBeLessThan(first.items[1].id)
    // Days are China days, both ends included: today holds them, last year none.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const ranged = (await get(`/api/ledgers/reveals?from=${today}&to=${today}`, chief)).json().items
    expect(ranged.length).toBe(4)
    const past = (await get('/api/ledgers/reveals?from=2020-01-01&to=2020-12-31', chief)).json().items
    expect(past).toEqual([])
    const backwards = await get('/api/ledgers/reveals?from=2026-02-02&to=2026-02-01', chief)
    expect([backwards.statusCode, backwards.json().code]).toEqual([400, 'ledger.bad_date_range'])
    for (const day of ['yesterday', '2026-02-30', '0000-01-01'])
      expect((await get(`/api/ledgers/reveals?from=${day}`, chief)).statusCode).toBe(400)
  })

  it('lists an organisation’s unmask by its name', async () => {
    const cookie = a.people.worker.cookie
    const made = await t.call({
      method: 'POST',
      url: '/api/organizations',
      cookie,
      payload: { kind: 'enterprise', name: '锦程物流有限公司', point: a.point, contactPhone: '028-85123456' },
    })
    expect(made.statusCode, made.body).toBe(201)
    const org = made.json().id as string
    const shown = await t.call({
      method: 'POST',
      url: `/api/organizations/${org}/unmask`,
      cookie,
      payload: { reason: '核实消防检查联系人' },
    })
    expect(shown.statusCode, shown.body).toBe(200)
    const items = (await get('/api/ledgers/reveals?limit=1', a.people.chief.cookie)).json().items
    expect(items[0]).toMatchObject({
      recordType: 'organization',
      recordId: org,
      personId: null,
      label: '锦程物流有限公司',
      fields: ['contactPhone'],
    })
  })

  it('is for those who may read a person’s access log: a grid worker is refused', async () => {
    const res = await get('/api/ledgers/reveals', a.people.worker.cookie)
    expect([res.statusCode, res.json().code]).toEqual([403, 'ledger.forbidden'])
  })
})
