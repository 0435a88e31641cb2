import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { queryRows } from '../../db/database'

// Intake keeps categories and routing rules in memory; these tests change them the way another
// node would, straight in the database, and expect the very next report to follow.
let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

let n = 0
const place = () => {
  n += 1
  return t.place(String(460100 + n), 60 + n)
}
const report = (cookie: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.call({
    method: 'POST',
    url: '/api/cases',
    cookie,
    headers,
    payload: { source: 'worker', description: '井盖缺失', ...body },
  })
const count = async (statement: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(t.database.db, statement))[0]?.n

describe('intake with the configuration in memory', () => {
  it('refuses a class switched off elsewhere at once, and takes it again once switched back on', async () => {
    const p = await place()
    expect(
      (await report(p.people.worker.cookie, { categoryCode: '06012', location: p.point })).statusCode,
    ).toBe(201)
    await t.database.db.execute(sql`update case_categories set active = false where code = '06012'`)
    const refused = await report(p.people.worker.cookie, { categoryCode: '06012', location: p.point })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('case.unknown_category')
    await t.database.db.execute(sql`update case_categories set active = true where code = '06012'`)
    expect(
      (await report(p.people.worker.cookie, { categoryCode: '06012', location: p.point })).statusCode,
    ).toBe(201)
  })

  it('answers a retry with its case although the class was switched off in between', async () => {
    const p = await place()
    const key = { 'idempotency-key': `off-${n}-0123456789` }
    const first = await report(p.people.worker.cookie, { categoryCode: '06013', location: p.point }, key)
    expect(first.statusCode, first.body).toBe(201)
    await t.database.db.execute(sql`update case_categories set active = false where code = '06013'`)
    try {
      const again = await report(p.people.worker.cookie, { categoryCode: '06013', location: p.point }, key)
      expect(again.statusCode, again.body).toBe(201)
      expect(again.headers['idempotent-replayed']).toBe('true')
      expect(again.json().id).toBe(first.json().id)
    } finally {
      await t.database.db.execute(sql`update case_categories set active = true where code = '06013'`)
    }
  })

  it('follows a routing rule added elsewhere from the next report on', async () => {
    const p = await place()
    const before = await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })
    expect(before.json().level).toBe('street')
    await t.database.db.execute(sql`insert into case_routes (id, grid_path, category_prefix, level)
      select gen_random_uuid(), path, '06', 'community' from grids where code = ${`${p.d}001`}`)
    const after = await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })
    expect(after.statusCode, after.body).toBe(201)
    expect(after.json().level).toBe('community')
  })

  it('writes one case, one timeline row, one audit row and one message for retries racing with one key', async () => {
    const p = await place()
    const key = { 'idempotency-key': `race-${n}-0123456789` }
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        report(p.people.worker.cookie, { categoryCode: '06010', location: p.point }, key),
      ),
    )
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201))
    const ids = new Set(answers.map((a) => a.json().id))
    expect(ids.size).toBe(1)
    const [id] = [...ids]
    const no = answers[0]?.json().no
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(5)
    expect(
      await count(sql`select count(*)::int as n from cases where description = '井盖缺失' and grid_path <@ (
      select path from grids where code = ${p.d})`),
    ).toBe(1)
    expect(await count(sql`select count(*)::int as n from case_transitions where case_id = ${id}`)).toBe(1)
    expect(
      await count(
        sql`select count(*)::int as n from audit_log where action = 'case.report' and resource_id = ${no}`,
      ),
    ).toBe(1)
    expect(
      await count(
        sql`select count(*)::int as n from outbox where topic = 'case.reported' and payload->>'caseId' = ${id}`,
      ),
    ).toBe(1)
  })

  it('offers the open look-alikes in its answer, not counting the case itself', async () => {
    const p = await place()
    const first = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    expect(first.duplicates).toEqual([])
    const second = (await report(p.people.worker.cookie, { categoryCode: '06010', location: p.point })).json()
    expect(second.duplicates).toEqual([expect.objectContaining({ id: first.id, no: first.no, distanceM: 0 })])
  })
})
