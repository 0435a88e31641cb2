import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { queryRows } from '../src/db/database'
import { type TestApp, testApp } from './support/app'
import { testDatabase } from './support/db'

const now = new Date('2026-12-07T10:00:00+08:00')
const opened: TestApp[] = []
afterAll(async () => {
  for (const t of opened.reverse()) await t.close()
})

// A streaming replica cannot be started here; a second database stands in for it, holding cases the
// primary has not, so an answer shows which one it was read from.
describe.skipIf(process.env.WANGGE_TEST_DRIVER !== 'postgres')('a read replica (DATABASE_READ_URL)', () => {
  it('answers the statistics and the big screen, while sign-in and cases stay on the primary', async () => {
    const replica = await testApp({}, { clock: () => now })
    opened.push(replica)
    const p = await replica.place('650101', 120)
    for (const description of ['占道经营', '井盖缺失'])
      expect(
        (
          await replica.call({
            method: 'POST',
            url: '/api/cases',
            cookie: p.people.worker.cookie,
            payload: { categoryCode: '06010', location: p.point, description, source: 'worker' },
          })
        ).statusCode,
      ).toBe(201)

    const primary = await testDatabase()
    const t = await testApp({}, { clock: () => now, database: { ...primary, read: replica.database.db } })
    opened.push(t)
    const admin = (await t.as([{ key: 'admin' }])).cookie
    const [held] = await queryRows<{ n: number }>(primary.db, sql`select count(*)::int as n from cases`)
    expect(held?.n).toBe(0)

    const stats = await t.call({
      method: 'GET',
      url: '/api/cases/stats?from=2026-12-01T00:00:00%2B08:00&to=2026-12-08T00:00:00%2B08:00',
      cookie: admin,
    })
    expect(stats.statusCode, stats.body).toBe(200)
    expect(stats.json().rows[0].received).toBe(2)
    const screen = await t.call({ method: 'GET', url: '/api/dashboard/screen?period=day', cookie: admin })
    expect(screen.statusCode, screen.body).toBe(200)
    expect(screen.json().kpi.reported).toBe(2)
    // The case list is not an aggregate: it reads the primary, which has none.
    const list = await t.call({ method: 'GET', url: '/api/cases', cookie: admin })
    expect(list.json().items).toEqual([])
  })
})
