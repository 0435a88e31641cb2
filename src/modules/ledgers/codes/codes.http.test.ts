import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { uuidv7 } from '../../../lib/ids'
import { syncLedgerCodes } from './codes.sync'

let t: TestApp
let admin: { cookie: string }
let p: StaffedPlace

beforeAll(async () => {
  t = await testApp({}, { clock: () => new Date('2026-12-09T02:00:00Z') })
  admin = await t.as([{ key: 'admin' }])
  p = await t.place('810101', 50)
})
afterAll(() => t?.close())

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  cookie: string,
  payload?: Record<string, unknown>,
) => t.call({ method, url, cookie, payload })

describe('the code tables', () => {
  it('lists the shipped tables with their names and codes in order, to any signed-in user', async () => {
    const all = await call('GET', '/api/ledger-codes', p.people.worker.cookie)
    expect(all.statusCode).toBe(200)
    const tables = all.json().map((x: { table: string }) => x.table)
    expect(tables).toEqual(expect.arrayContaining(['ethnicity', 'special_group', 'correction_class']))
    const one = await call('GET', '/api/ledger-codes?table=special_group', p.people.worker.cookie)
    expect(one.json()).toHaveLength(1)
    expect(one.json()[0]).toMatchObject({ table: 'special_group', zh: '特殊及重点人群' })
    expect(one.json()[0].codes[0]).toMatchObject({
      code: 'released',
      shipped: true,
      active: true,
      parentCode: null,
    })
    expect(one.json()[0].codes.find((c: { code: string }) => c.code === 'key_youth_idle').parentCode).toBe(
      'key_youth',
    )
    const none = await call('GET', '/api/ledger-codes?table=nothing', p.people.worker.cookie)
    expect([none.statusCode, none.json().code]).toEqual([404, 'ledger.code_table_not_found'])
    expect((await t.call({ method: 'GET', url: '/api/ledger-codes' })).statusCode).toBe(401)
  })

  it('lets a ledger administrator add a code, and nobody else', async () => {
    const body = { table: 'special_group', code: 'hoarder', zh: '囤积物品人员', en: 'Hoarder' }
    const worker = await call('POST', '/api/ledger-codes', p.people.worker.cookie, body)
    expect([worker.statusCode, worker.json().code]).toEqual([403, 'ledger.configure_forbidden'])
    const res = await call('POST', '/api/ledger-codes', admin.cookie, body)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ ...body, shipped: false, active: true })
    const again = await call('POST', '/api/ledger-codes', admin.cookie, body)
    expect([again.statusCode, again.json().code]).toEqual([409, 'ledger.code_exists'])
    const noTable = await call('POST', '/api/ledger-codes', admin.cookie, { ...body, table: 'no_table' })
    expect([noTable.statusCode, noTable.json().code]).toEqual([400, 'ledger.unknown_code_table'])
    const noParent = await call('POST', '/api/ledger-codes', admin.cookie, {
      ...body,
      code: 'x1',
      parentCode: 'nope',
    })
    expect([noParent.statusCode, noParent.json().code]).toEqual([400, 'ledger.unknown_code'])
    const badCode = await call('POST', '/api/ledger-codes', admin.cookie, { ...body, code: 'Bad Code' })
    expect(badCode.statusCode).toBe(400)
    // The new group takes members at once.
    const personId = uuidv7()
    await t.database.db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
      select ${personId}, g.id, g.path, 'registered', 'resident', '赵六' from grids g where g.path = ${p.micro}::ltree`)
    const m = await call('POST', '/api/groups', p.people.worker.cookie, {
      personId,
      groupCode: 'hoarder',
      startsOn: '2026-12-01',
    })
    expect(m.statusCode, m.body).toBe(201)
    expect(m.json().nextVisitDue).toBeNull() // no policy for it yet
  })

  it('renames and deactivates a shipped code, which then takes no new members', async () => {
    const rename = await call('PATCH', '/api/ledger-codes/special_group/petitioner', admin.cookie, {
      zh: '重点信访对象',
    })
    expect(rename.statusCode, rename.body).toBe(200)
    // Renamed, it is the deployment's own: the start-up sync keeps the new name.
    expect(rename.json()).toMatchObject({ zh: '重点信访对象', shipped: false, active: true })
    await syncLedgerCodes(t.database.db)
    const after = await call('GET', '/api/ledger-codes?table=special_group', admin.cookie).then((r) =>
      r.json(),
    )
    const petitioner = after[0].codes.find((c: { code: string }) => c.code === 'petitioner')
    expect(petitioner).toMatchObject({ zh: '重点信访对象', en: 'Key petitioner' })
    const off = await call('PATCH', '/api/ledger-codes/special_group/aids_risk', admin.cookie, {
      active: false,
    })
    expect(off.json()).toMatchObject({ active: false, shipped: true })
    await syncLedgerCodes(t.database.db)
    const kept = await call('GET', '/api/ledger-codes?table=special_group', admin.cookie).then((r) =>
      r.json(),
    )
    expect(kept[0].codes.find((c: { code: string }) => c.code === 'aids_risk').active).toBe(false)
    const personId = uuidv7()
    await t.database.db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
      select ${personId}, g.id, g.path, 'registered', 'resident', '钱七' from grids g where g.path = ${p.micro}::ltree`)
    const m = await call('POST', '/api/groups', p.people.worker.cookie, {
      personId,
      groupCode: 'aids_risk',
      startsOn: '2026-12-01',
    })
    expect([m.statusCode, m.json().code]).toEqual([400, 'ledger.unknown_code'])
    const missing = await call('PATCH', '/api/ledger-codes/special_group/nope', admin.cookie, {
      active: false,
    })
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'ledger.code_not_found'])
    const worker = await call('PATCH', '/api/ledger-codes/special_group/drug', p.people.worker.cookie, {
      active: false,
    })
    expect(worker.statusCode).toBe(403)
    const empty = await call('PATCH', '/api/ledger-codes/special_group/drug', admin.cookie, {})
    expect(empty.statusCode).toBe(400)
  })
})

describe('the visit policies', () => {
  it('are replaced as a whole by a ledger administrator, and open memberships are rescheduled', async () => {
    const shipped = await call('GET', '/api/visit-policies', p.people.worker.cookie).then((r) => r.json())
    expect(shipped.policies).toEqual(
      expect.arrayContaining([
        { groupCode: 'elderly_alone', minAttention: 1, everyDays: 7 },
        { groupCode: 'mental', minAttention: 3, everyDays: 14 },
      ]),
    )
    const personId = uuidv7()
    await t.database.db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
      select ${personId}, g.id, g.path, 'registered', 'resident', '孙八' from grids g where g.path = ${p.micro}::ltree`)
    const m = await call('POST', '/api/groups', p.people.worker.cookie, {
      personId,
      groupCode: 'elderly_alone',
      startsOn: '2026-12-01',
    }).then((r) => r.json())
    expect(m.nextVisitDue).toBe('2026-12-08')

    const unknown = await call('PUT', '/api/visit-policies', admin.cookie, {
      policies: [...shipped.policies, { groupCode: 'no_group', minAttention: 1, everyDays: 5 }],
    })
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'ledger.unknown_code'])
    const twice = await call('PUT', '/api/visit-policies', admin.cookie, {
      policies: [...shipped.policies, { groupCode: 'elderly_alone', minAttention: 1, everyDays: 5 }],
    })
    expect([twice.statusCode, twice.json().code]).toEqual([400, 'ledger.duplicate_policy'])
    const zero = await call('PUT', '/api/visit-policies', admin.cookie, {
      policies: [{ groupCode: 'elderly_alone', minAttention: 1, everyDays: 0 }],
    })
    expect(zero.statusCode).toBe(400)
    const worker = await call('PUT', '/api/visit-policies', p.people.worker.cookie, { policies: [] })
    expect(worker.statusCode).toBe(403)

    const policies = shipped.policies.map((x: { groupCode: string; everyDays: number }) =>
      x.groupCode === 'elderly_alone' ? { ...x, everyDays: 3 } : x,
    )
    const res = await call('PUT', '/api/visit-policies', admin.cookie, { policies })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().policies).toContainEqual({ groupCode: 'elderly_alone', minAttention: 1, everyDays: 3 })
    const after = await call('GET', `/api/groups/${m.id}`, p.people.worker.cookie).then((r) => r.json())
    expect(after.nextVisitDue).toBe('2026-12-04')
  })
})
