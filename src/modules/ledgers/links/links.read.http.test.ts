import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { residentReport } from '../../../../test/support/places'
import { queryRows } from '../../../db/database'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
let personId: string
let roomId: string
let buildingId: string
let orgId: string
beforeAll(async () => {
  t = await testApp()
  a = await t.place('530112', 68)
  b = await t.place('530113', 69)
  const cookie = a.people.worker.cookie
  const post = async (url: string, payload: object) => {
    const res = await t.call({ method: 'POST', url, cookie, payload })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().id as string
  }
  personId = await post('/api/people', {
    kind: '户籍人口',
    name: '张三丰',
    idNumber: '11010519491231002X',
    gridCode: `${a.d}001001001001`,
  })
  buildingId = await post('/api/buildings', {
    code: 'L1',
    name: '1 栋',
    address: '东大街 100 号1栋',
    floors: 6,
    point: a.point,
  })
  roomId = await post(`/api/buildings/${buildingId}/rooms`, { number: '1203' })
  orgId = await post('/api/organizations', { kind: 'enterprise', name: '锦程物流有限公司', point: a.point })
}, 120_000)
afterAll(() => t?.close())

const list = (no: string, cookie: string) =>
  t.call({ method: 'GET', url: `/api/cases/${no}/ledger-links`, cookie })
const link = (type: string, id: string, no: string) =>
  t.call({
    method: 'PUT',
    url: `/api/ledger-links/${type}/${id}/cases/${no}`,
    cookie: a.people.worker.cookie,
  })

describe('the records an event concerns, from the event', () => {
  it('lists the linked person, room and organisation masked, with what the reader may do', async () => {
    const no = await residentReport(t, a.point)
    expect((await list(no, a.people.worker.cookie)).json()).toEqual({ items: [], mayLink: true })
    for (const [type, id] of [
      ['person', personId],
      ['room', roomId],
      ['organization', orgId],
    ] as const)
      expect((await link(type, id, no)).statusCode).toBe(204)
    const res = await list(no, a.people.worker.cookie)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({
      mayLink: true,
      items: [
        {
          type: 'person',
          id: personId,
          label: '张**',
          idNumber: '110105********002X',
          buildingId: null,
          mayUnlink: true,
        },
        { type: 'room', id: roomId, label: '东大街 ****', idNumber: null, buildingId, mayUnlink: true },
        {
          type: 'organization',
          id: orgId,
          label: '锦程物流有限公司',
          idNumber: null,
          buildingId: null,
          mayUnlink: true,
        },
      ],
    })
    // No clear value leaves: not the name, not the ID number, not the room's number.
    expect(res.body).not.toMatch(/张三丰|11010519491231002X|1203/)
    // The masked read of the people is audited.
    const [read] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'personal_data.read'
        and resource_id = ${personId} and summary->>'purpose' = 'ledger.case_links'`,
    )
    expect(read?.n).toBe(1)
    // The community chief over the grid reads them too.
    const chief = (await list(no, a.people.chief.cookie)).json()
    expect(chief.items).toHaveLength(3)
    // A reader who may not change the ledgers (the grid instructor) sees them, and may neither link nor unlink.
    const instructor = await t.as([{ key: 'grid_instructor', scope: { type: 'grid', path: a.paths.grid } }])
    const readOnly = (await list(no, instructor.cookie)).json()
    expect(readOnly.mayLink).toBe(false)
    expect(readOnly.items.map((i: { mayUnlink: boolean }) => i.mayUnlink)).toEqual([false, false, false])
  })

  it('shows a reader of other grids nothing: 404 for an event they may not read, no record of another grid', async () => {
    const no = await residentReport(t, a.point)
    expect((await link('person', personId, no)).statusCode).toBe(204)
    const other = await list(no, b.people.worker.cookie)
    expect([other.statusCode, other.json().code]).toEqual([404, 'ledger.case_not_found'])
    expect(other.body).not.toContain(personId)
    const missing = await list('NO-SUCH-EVENT', a.people.worker.cookie)
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'ledger.case_not_found'])
    const anonymous = await t.call({ method: 'GET', url: `/api/cases/${no}/ledger-links` })
    expect(anonymous.statusCode).toBe(401)
  })

  it('counts no record outside the reader’s ledger grids, even on an event they may read', async () => {
    const no = await residentReport(t, a.point)
    expect((await link('person', personId, no)).statusCode).toBe(204)
    // A person of B's grid linked to A's event (written straight: no writer holds both grids).
    const [bPerson] = await queryRows<{ id: string }>(
      t.database.db,
      sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
        select gen_random_uuid(), id, path, 'registered', 'resident', '钱七' from grids
        where path = ${b.paths.grid}::ltree and valid_to is null returning id::text as id`,
    )
    await t.database.db.execute(sql`insert into case_subjects (case_id, subject_type, subject_id)
      select id, 'person', ${bPerson?.id}::uuid from cases where no = ${no}`)
    const items = (await list(no, a.people.worker.cookie)).json().items
    expect(items.map((i: { id: string }) => i.id)).toEqual([personId])
  })
})
