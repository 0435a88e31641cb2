import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/db'
import { type Database, queryRows } from '../../../db/database'
import { andUnderAny } from '../../../db/scope-sql'
import { overdueNowCount } from '../cases.counts'
import { overdueSql } from '../cases.filter.repo'
import { rollupRepo } from './rollup.repo'

let db: Database

const STATES = [
  'reported',
  'accepted',
  'dispatched',
  'in_progress',
  'reopened',
  'returned',
  'escalated',
  'handled',
  'closed',
  'rejected',
]
const PATHS = [
  null,
  'd1',
  'd1.s1',
  'd1.s1.c1',
  'd1.s1.c1.g1',
  'd1.s1.c1.g1.m1',
  'd1.s2.c1',
  'd2.s2.c2.g2',
  'd2.s1',
]
/**
 * Deadlines around 2026-12-07 00:00 in Shanghai: long and just overdue yesterday, early today (before
 * and at the first `now`), in the morning, later in the afternoon, tomorrow; and none.
 */
const OFFSETS = [
  '-40 days',
  '-14 hours',
  '-1 minute',
  '1 minute',
  '5 minutes',
  '9 hours',
  '18 hours',
  '33 hours',
]
const list = (values: (string | null)[]) =>
  sql.raw(`array[${values.map((v) => (v === null ? 'null' : `'${v}'`)).join(', ')}]`)

/**
 * Cases `first`…`last`, every state at every path with every deadline: the one its stage runs from
 * the day's offsets (or none), the others set apart, so a wrong column would count wrong.
 */
async function insertCases(first: number, last: number) {
  const [states, paths, offsets] = [STATES.length, PATHS.length, OFFSETS.length].map((n) =>
    sql.raw(String(n)),
  )
  const kinds = sql.raw(String(STATES.length * PATHS.length))
  const midnight = sql`timestamptz '2026-12-07 00:00+08'`
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
      grid_path, reported_at, accepted_at, accept_due, handle_due, verify_due)
    select gen_random_uuid(), 'O' || i, '06010', 'worker', s.state, '测试', 'grid', p.path::ltree,
      timestamptz '2026-11-20 09:00+08',
      case when s.state <> 'reported' then timestamptz '2026-11-20 10:00+08' end,
      case when s.state = 'reported' then d.due else d.other end,
      case when s.state not in ('reported', 'handled') then d.due else d.other end,
      case when s.state = 'handled' then d.due else d.other end
    from generate_series(${first}::int, ${last}::int) i,
      lateral (select (${list(STATES)})[1 + i % ${states}] as state) s,
      lateral (select (${list(PATHS)})[1 + i / ${states} % ${paths}] as path) p,
      lateral (select case when k < ${offsets} then ${midnight} + (${list(OFFSETS)})[1 + k]::interval end as due,
          ${midnight} + (${list(OFFSETS)})[1 + (k + 4) % ${offsets}]::interval as other
        from (select i / ${kinds} % (${offsets} + 1) as k) x) d`)
}

/** The count as the inbox finds overdue cases, case by case. */
async function raw(paths: string[], now: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db.db,
    sql`select count(*)::int as n from cases c where ${overdueSql(now)} ${andUnderAny('c.grid_path', paths)}`,
  )
  return row?.n ?? 0
}

const NOWS = [
  new Date('2026-12-07T00:05:00+08:00'),
  new Date('2026-12-07T15:00:00+08:00'),
  new Date('2026-12-08T00:00:00+08:00'),
]
const SCOPES = [[''], ['d1'], ['d1.s1.c1'], ['d1.s1', 'd2'], ['d1', 'd1.s1.c1'], ['d1.s1.c1.g1'], ['d9']]

async function expectExact() {
  for (const now of NOWS)
    for (const paths of SCOPES) {
      const expected = await raw(paths, now)
      expect({ paths, now, n: await overdueNowCount(db.db, paths, now) }).toEqual({ paths, now, n: expected })
    }
}

const fold = async () => {
  while ((await rollupRepo.fold(db.db, 1_000)) > 0) {}
}

beforeAll(async () => {
  db = await testDatabase()
  const each = STATES.length * PATHS.length * (OFFSETS.length + 1)
  // Folded: the first round; queued: the second, and deadlines moved after the fold.
  await insertCases(1, each)
  await fold()
  await insertCases(each + 1, 2 * each)
  await db.db.execute(sql`update cases set handle_due = handle_due + interval '1 day'
    where state in ('accepted', 'dispatched') and no like '%3'`)
  await db.db.execute(sql`update cases set accept_due = accept_due - interval '12 hours'
    where state = 'reported' and no like '%7'`)
})
afterAll(() => db?.close())

describe('overdue now from the rollup’s deadlines and today’s index range', () => {
  it('counts what the inbox finds, folded and queued, just after midnight, in the afternoon, the next day', async () => {
    expect(await rollupRepo.queued(db.db)).toBeGreaterThan(0)
    expect(await raw([''], NOWS[1] as Date)).toBeGreaterThan(100)
    await expectExact()
    await fold()
    await expectExact()
  })

  it('keeps the running cases by their deadlines’ days: the days before today are the rollup’s', async () => {
    const [row] = await rollupRepo.counts(db.db, {
      nodes: ['d1'],
      dim: 'due',
      from: '-infinity',
      to: '2026-12-07',
      groupBy: 'none',
    })
    const before = await raw(['d1'], new Date('2026-12-07T00:00:00+08:00'))
    expect(before).toBeGreaterThan(0)
    expect(row?.received).toBe(before)
  })

  it('drops a case closed, whether its deadline passed before today or today', async () => {
    const now = NOWS[1] as Date
    const before = await overdueNowCount(db.db, ['d1.s1.c1'], now)
    const closing = await queryRows<{ no: string }>(
      db.db,
      sql`(select no from cases where grid_path <@ 'd1.s1.c1' and state = 'accepted'
          and handle_due < '2026-12-07 00:00+08' order by no limit 1)
        union all
        (select no from cases where grid_path <@ 'd1.s1.c1' and state = 'handled'
          and verify_due >= '2026-12-07 00:00+08' and verify_due < ${now} order by no limit 1)`,
    )
    expect(closing.length).toBe(2)
    await db.db.execute(sql`update cases set state = 'closed', closed_at = ${now},
        handled_at = coalesce(handled_at, ${now})
      where no in (${sql.join(
        closing.map((c) => sql`${c.no}`),
        sql`, `,
      )})`)
    expect(await overdueNowCount(db.db, ['d1.s1.c1'], now)).toBe(before - 2)
    await expectExact()
    await fold()
    await expectExact()
  })
})
