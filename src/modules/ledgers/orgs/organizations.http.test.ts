import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { queryRows } from '../../../db/database'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
beforeAll(async () => {
  t = await testApp()
  a = await t.place('530102', 60)
  b = await t.place('530103', 61)
}, 120_000)
afterAll(() => t?.close())

const enterprise = (p: StaffedPlace, extra: Record<string, unknown> = {}) => ({
  kind: 'enterprise',
  name: '锦程物流有限公司',
  point: p.point,
  legalRepresentative: '王五',
  contactPhone: '028-85123456',
  staffCount: 40,
  details: { hazardousChemicals: false, partyOrganization: true },
  ...extra,
})

describe('organisations', () => {
  it('registers an enterprise in the leaf grid of its point, phone sealed at rest and masked in views', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/organizations',
      cookie: a.people.worker.cookie,
      payload: enterprise(a, { creditCode: '91350100M000100Y43' }),
    })
    expect(res.statusCode, res.body).toBe(201)
    const org = res.json()
    expect(org).toMatchObject({
      kind: 'enterprise',
      creditCode: '91350100M000100Y43',
      contactPhone: '028****3456',
    })
    expect(org.grid.code).toBe('530102001001001001')
    expect(org.abilities).toEqual(['update', 'delete', 'unmask'])
    const [raw] = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select * from organizations where id = ${org.id}`,
    )
    expect(JSON.stringify(raw)).not.toContain('85123456')
  })

  it('refuses a wrong credit code, a second file for one code, an unknown kind and a point outside every grid', async () => {
    const cookie = a.people.worker.cookie
    const post = (payload: object) => t.call({ method: 'POST', url: '/api/organizations', cookie, payload })
    const cases: [object, number, string][] = [
      [enterprise(a, { creditCode: '91350100M000100Y44' }), 400, 'ledger.credit_code.check'],
      [enterprise(a, { creditCode: '91350100M000100Y43' }), 409, 'ledger.organization_exists'],
      [enterprise(a, { kind: 'casino' }), 400, 'ledger.unknown_code'],
      [enterprise(a, { point: { lng: 10, lat: 10 } }), 400, 'ledger.outside_grids'],
      [enterprise(a, { contactPhone: '12' }), 400, 'ledger.phone.format'],
      [enterprise(a, { name: 'a\u0000b' }), 400, 'request.invalid_text'],
    ]
    for (const [payload, status, code] of cases) {
      const res = await post(payload)
      expect(res.statusCode, res.body).toBe(status)
      expect(res.json().code).toBe(code)
    }
    const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from organizations`,
    )
    expect(n).toBe(1)
  })

  it('keeps each grid’s organisations to its readers: another grid’s worker gets 404, an empty list and 403 on writes', async () => {
    const created = (
      await t.call({
        method: 'POST',
        url: '/api/organizations',
        cookie: a.people.worker.cookie,
        payload: enterprise(a, { name: '平安超市', kind: '商铺' }),
      })
    ).json()
    const other = b.people.worker.cookie
    expect(
      (await t.call({ method: 'GET', url: `/api/organizations/${created.id}`, cookie: other })).statusCode,
    ).toBe(404)
    expect((await t.call({ method: 'GET', url: '/api/organizations', cookie: other })).json().items).toEqual(
      [],
    )
    const list = await t.call({ method: 'GET', url: '/api/organizations?grid=530102&q=超市', cookie: other })
    expect(list.json().items).toEqual([])
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/organizations/${created.id}`,
      cookie: other,
      payload: { version: 1, name: 'x' },
    })
    expect(patch.statusCode).toBe(404)
    const into = await t.call({
      method: 'POST',
      url: '/api/organizations',
      cookie: other,
      payload: enterprise(a, { name: '越界' }),
    })
    expect([into.statusCode, into.json().code]).toEqual([403, 'ledger.out_of_scope'])
    const clerk = await t.as([{ key: 'intake_clerk' }])
    expect(
      (await t.call({ method: 'GET', url: '/api/organizations', cookie: clerk.cookie })).statusCode,
    ).toBe(403)
    // The community chief above the grid sees it, by name search.
    const chief = await t.call({
      method: 'GET',
      url: '/api/organizations?q=超市',
      cookie: a.people.chief.cookie,
    })
    expect(chief.json().items.map((o: { id: string }) => o.id)).toEqual([created.id])
  })

  it('changes on the version it was read at, and refuses a stale one', async () => {
    const org = (
      await t.call({
        method: 'POST',
        url: '/api/organizations',
        cookie: a.people.worker.cookie,
        payload: enterprise(a, { name: '旧名' }),
      })
    ).json()
    const url = `/api/organizations/${org.id}`
    const cookie = a.people.worker.cookie
    const first = await t.call({
      method: 'PATCH',
      url,
      cookie,
      payload: { version: 1, name: '新名', contactPhone: null },
    })
    expect(first.json()).toMatchObject({ name: '新名', version: 2, contactPhone: null })
    const stale = await t.call({ method: 'PATCH', url, cookie, payload: { version: 1, name: '再改' } })
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'ledger.version_conflict'])
    expect((await t.call({ method: 'DELETE', url, cookie })).statusCode).toBe(204)
    expect((await t.call({ method: 'GET', url, cookie })).statusCode).toBe(404)
  })

  it('shows the contact phone in clear only for a stated reason, and audits it', async () => {
    const org = (
      await t.call({
        method: 'POST',
        url: '/api/organizations',
        cookie: a.people.worker.cookie,
        payload: enterprise(a, { name: '茶馆' }),
      })
    ).json()
    const url = `/api/organizations/${org.id}/unmask`
    const cookie = a.people.worker.cookie
    const bare = await t.call({ method: 'POST', url, cookie, payload: { reason: ' ' } })
    expect([bare.statusCode, bare.json().code]).toEqual([400, 'ledger.unmask_reason_required'])
    const shown = await t.call({ method: 'POST', url, cookie, payload: { reason: '核实消防检查联系人' } })
    expect(shown.json().contactPhone).toBe('02885123456')
    const audit = await queryRows<{ summary: { reason: string; purpose: string } }>(
      t.database.db,
      sql`select summary from audit_log where action = 'personal_data.read' and resource_id = ${org.id}`,
    )
    expect(audit.map((r) => r.summary)).toEqual([
      expect.objectContaining({ purpose: 'ledger.unmask', reason: '核实消防检查联系人' }),
    ])
  })
})
