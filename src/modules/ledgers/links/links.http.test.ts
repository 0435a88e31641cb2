import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaffedPlace, type TestApp, testApp } from '../../../../test/support/app'
import { residentReport } from '../../../../test/support/places'
import { queryRows } from '../../../db/database'
import { uuidv7 } from '../../../lib/ids'

let t: TestApp
let a: StaffedPlace
let b: StaffedPlace
const personId = uuidv7()
beforeAll(async () => {
  t = await testApp()
  a = await t.place('530108', 66)
  b = await t.place('530109', 67)
  await t.database.db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
    select ${personId}, id, path, 'registered', 'resident', '赵六' from grids where code = '530108001001001001'`)
}, 120_000)
afterAll(() => t?.close())

describe('events linked to the records they concern', () => {
  it('links an event of the worker’s grids to a person, shows it on the profile, and unlinks it, audited', async () => {
    const no = await residentReport(t, a.point)
    const url = `/api/ledger-links/person/${personId}/cases/${no}`
    const cookie = a.people.worker.cookie
    expect((await t.call({ method: 'PUT', url, cookie })).statusCode).toBe(204)
    // Linked twice is linked once.
    expect((await t.call({ method: 'PUT', url, cookie })).statusCode).toBe(204)
    const profile = await t.call({ method: 'GET', url: `/api/people/${personId}`, cookie })
    expect(profile.json().events.map((e: { number: string }) => e.number)).toEqual([no])
    expect((await t.call({ method: 'DELETE', url, cookie })).statusCode).toBe(204)
    const after = await t.call({ method: 'GET', url: `/api/people/${personId}`, cookie })
    expect(after.json().events).toEqual([])
    const audit = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_log where resource_type = 'case' and resource_id = ${no} and action like 'ledger.%' order by id`,
    )
    expect(audit.map((r) => r.action)).toEqual(['ledger.case_link', 'ledger.case_unlink'])
  })

  it('refuses a record or an event outside the writer’s grids, and an unknown kind of record', async () => {
    const mine = await residentReport(t, a.point)
    const theirs = await residentReport(t, b.point)
    const worker = a.people.worker.cookie
    const other = await t.call({
      method: 'PUT',
      url: `/api/ledger-links/person/${personId}/cases/${mine}`,
      cookie: b.people.worker.cookie,
    })
    expect([other.statusCode, other.json().code]).toEqual([404, 'ledger.not_found'])
    const foreign = await t.call({
      method: 'PUT',
      url: `/api/ledger-links/person/${personId}/cases/${theirs}`,
      cookie: worker,
    })
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, 'ledger.case_not_found'])
    const kind = await t.call({
      method: 'PUT',
      url: `/api/ledger-links/car/${personId}/cases/${mine}`,
      cookie: worker,
    })
    expect(kind.statusCode).toBe(400)
  })
})
