import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
import { dataCipher, newDataKey, parseDataKey } from '../../lib/crypto'
import { createWorkCalendar } from '../cases/calendar/calendar'
import { CN_DAYS } from '../cases/calendar/calendar.cn'
import { detectWarnings } from './warnings.detect'
import { warningsRepo } from './warnings.repo'

const NOW = new Date('2026-12-07T15:00:00+08:00')
const deps = {
  calendar: createWorkCalendar({ days: CN_DAYS }),
  cipher: dataCipher(parseDataKey(newDataKey()) as Buffer),
}
let db: Database

/** A case at (lng, lat), reported `hoursAgo` before NOW. */
const place = (lng: string, lat: string) => sql.raw(`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`)

beforeAll(async () => {
  db = await testDatabase()
  // Forty communities d0.s{0..3}.c{0..9}, each with one grid below, named for the titles.
  await db.db.execute(sql`insert into grids (id, code, name, level, path, boundary)
    select gen_random_uuid(), (1000 + s * 10 + c)::text, '社区' || s || '-' || c, 'community',
      ('d0.s' || s || '.c' || c)::ltree, ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326))
    from generate_series(0, 3) s, generate_series(0, 9) c`)
  // 35 days of quiet: about one event a day per community in each of two big classes, scattered
  // over 10 km, all from grid workers.
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
      grid_path, location, reported_at)
    select gen_random_uuid(), 'Q' || i, case when i % 2 = 0 then '06010' else '01001' end, 'worker',
      'reported', '日常', 'grid', ('d0.s' || i % 4 || '.c' || i / 4 % 10 || '.g0')::ltree,
      ST_SetSRID(ST_MakePoint(104.0 + (i * 7919 % 10000) / 100000.0, 30.6 + (i * 104729 % 10000) / 100000.0), 4326),
      ${NOW}::timestamptz - ((i * 31 % 840) + 1) * interval '1 hour'
    from generate_series(1, 2800) i`)
  // The hotspot: 20 reports of laundry over the railings today within 50 m in community d0.s1.c2.
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
      grid_path, location, reported_at)
    select gen_random_uuid(), 'H' || i, '06007', 'worker', 'reported', '沿街晾挂', 'grid', 'd0.s1.c2.g0',
      ${place('104.2 + (i % 5) * 0.0001', '30.5 + (i / 5) * 0.0001')}, ${NOW}::timestamptz - i * interval '15 minutes'
    from generate_series(1, 20) i`)
  // A chance cell: 3 reports of one big class today in d0.s2.c3, a kilometre apart, after a quiet month.
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
      grid_path, location, reported_at)
    select gen_random_uuid(), 'C' || i, '10001', 'worker', 'reported', '偶发', 'grid', 'd0.s2.c3.g0',
      ${place('104.3 + i * 0.01', '30.4')}, ${NOW}::timestamptz - i * interval '1 hour'
    from generate_series(1, 3) i`)
  // Repeat complaints: residents report the same blocked drain three times in ten days, within 10 m.
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
      grid_path, location, reported_at)
    select gen_random_uuid(), 'R' || i, '01001', 'resident', 'reported', '下水道堵塞', 'grid', 'd0.s3.c4.g0',
      ${place('104.35 + i * 0.00003', '30.45')}, ${NOW}::timestamptz - i * interval '3 days'
    from generate_series(1, 3) i`)
})
afterAll(() => db?.close())

const warnings = () =>
  queryRows<{
    rule: string
    scope_path: string
    level: string
    title_zh: string
    inputs: Record<string, unknown>
  }>(
    db.db,
    sql`select rule, scope_path::text as scope_path, level, title_zh, inputs from warnings order by rule, scope_path`,
  )

describe('early warning on a quiet district with an injected hotspot', () => {
  it('raises the hotspot, its rise and the repeat complaints, and nothing for chance', async () => {
    const raised = await detectWarnings(db.db, NOW, deps)
    const found = await warnings()
    expect(found.map((w) => [w.rule, w.scope_path])).toEqual([
      ['hotspot', 'd0.s1.c2.g0'],
      ['repeat_place', 'd0.s3.c4.g0'],
      ['rise', 'd0.s1.c2'],
    ])
    expect(raised).toHaveLength(3)
    const [hotspot, repeat, rise] = found
    expect(hotspot).toMatchObject({ level: 'red', inputs: { count: 20 } })
    expect(hotspot?.title_zh).toContain('72 小时内 20 件')
    expect(hotspot?.inputs.cases).toHaveLength(20)
    expect(hotspot?.inputs.radiusM as number).toBeLessThan(60)
    expect(repeat).toMatchObject({ level: 'yellow', inputs: { count: 3 } })
    // The rise names its community and class, and keeps what it measured.
    expect(rise?.title_zh).toMatch(/^社区1-2.+类事件今日 2\d 件/)
    expect(rise?.inputs).toMatchObject({ day: '2026-12-07' })
    expect(rise?.inputs.p as number).toBeLessThan(1e-10)
  })

  it('raises each warning once: a later run updates the open ones and leaves a dismissed one alone', async () => {
    const [first] = await warningsRepo.list(db.db, { within: null, states: ['open'], limit: 10 })
    expect(first).toBeDefined()
    const dismissed = await warningsRepo.settle(db.db, first?.id ?? '', {
      state: 'dismissed',
      by: null as unknown as string,
      at: NOW,
      reason: '已核实为施工临时堆放',
    })
    expect(dismissed).toBe(true)
    expect(await detectWarnings(db.db, new Date(NOW.getTime() + 600_000), deps)).toEqual([])
    expect(await warnings()).toHaveLength(3)
    const again = await warningsRepo.get(db.db, first?.id ?? '')
    expect(again).toMatchObject({ state: 'dismissed', reason: '已核实为施工临时堆放' })
    // Only readers of its subtree see a warning.
    const inStreet = await warningsRepo.list(db.db, {
      within: ['d0.s1'],
      states: ['open', 'dismissed'],
      limit: 10,
    })
    expect(inStreet.map((w) => w.scope_path).sort()).toEqual(['d0.s1.c2', 'd0.s1.c2.g0'])
  })
})
