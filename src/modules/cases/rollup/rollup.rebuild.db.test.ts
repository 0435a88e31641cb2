import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/db'
import { type Database, queryRows } from '../../../db/database'
import { rebuildRollup } from './rollup.rebuild.repo'
import { ROLLUP_COUNTERS, rollupRepo } from './rollup.repo'

let db: Database

const STATES = ['reported', 'accepted', 'dispatched', 'handled', 'closed', 'rejected', 'voided', 'reopened']

/**
 * The rollup as a reader sees it: every row with something counted (the fold leaves rows that went
 * back to zero when a case moved on; they add nothing to any answer), seconds rounded (a float sum's
 * last digits depend on the order it was added in).
 */
async function snapshot(): Promise<string[]> {
  const counters = ROLLUP_COUNTERS.map((c) =>
    c === 'handling_seconds' ? `round(${c}::numeric, 3)::text` : `${c}::text`,
  )
  const rows = await queryRows<{ line: string }>(
    db.db,
    sql.raw(`select concat_ws('|', node::text, coalesce(parent::text, '-'), dim, value, day::text,
        ${counters.join(', ')}) as line
      from case_rollup where ${ROLLUP_COUNTERS.map((c) => `${c} <> 0`).join(' or ')}
      order by node, dim, day, value`),
  )
  return rows.map((r) => r.line)
}

beforeAll(async () => {
  db = await testDatabase()
  // 4,000 cases over three months in a tree d0–d4 › s0–s4 › c0–c3 › g0–g2 › m0–m1 (some outside every
  // grid, some as deep as a street only), in every state, each fact varied (deadlines too, some
  // missing, falling on various days); the triggers queue them.
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
      grid_path, reported_at, accepted_at, handled_at, closed_at, deferred, handle_overdue, rating,
      accept_due, handle_due, verify_due)
    select gen_random_uuid(), 'B' || i, (array['06010', '06007', '01001', '10001', '02006'])[1 + i % 5],
      (array['worker', 'hotline', 'resident', 'integration', 'department'])[1 + i / 7 % 5],
      (${sql.raw(`array[${STATES.map((s) => `'${s}'`).join(', ')}]`)})[1 + i / 3 % 8], '测试', 'grid',
      case when i % 41 = 0 then null
        when i % 13 = 0 then ('d' || i % 5 || '.s' || i % 5)::ltree
        else ('d' || i % 5 || '.s' || i % 5 || '.c' || i % 4 || '.g' || i % 3 || '.m' || i % 2)::ltree end,
      r, case when i / 3 % 8 > 0 then r + (i % 50) * interval '1 hour' end,
      case when i / 3 % 8 in (3, 4, 7) then r + (i % 70) * interval '1 hour' end,
      case when i / 3 % 8 = 4 then r + (i % 90) * interval '1 hour' end,
      i % 17 = 0, case when i / 3 % 8 = 4 then i % 6 = 0 end,
      case when i / 3 % 8 = 4 and i % 3 > 0 then 1 + i % 5 end,
      case when i % 23 > 0 then r + (1 + i % 11) * interval '1 hour' end,
      case when i % 19 > 0 then r + (i % 9) * interval '1 day' + (i % 13) * interval '1 hour' end,
      case when i % 29 > 0 then r + (1 + i % 4) * interval '1 day' + (i % 5) * interval '1 hour' end
    from generate_series(1, 4000) i,
      lateral (select timestamptz '2026-09-01 00:00+08' + (i * 29 % 90) * interval '1 day'
        + (i % 24) * interval '1 hour' + (i % 7) * interval '1 minute' as r) t`)
  // And move on: closed, moved to another grid, rated, reworked, extended, one deleted.
  await db.db.execute(sql`update cases set state = 'closed', closed_at = reported_at + interval '3 days',
      handled_at = coalesce(handled_at, reported_at + interval '2 days'),
      accepted_at = coalesce(accepted_at, reported_at + interval '1 hour')
    where state = 'dispatched' and no like '%7'`)
  await db.db.execute(sql`update cases set grid_path = 'd9.s9.c9'::ltree || subpath(grid_path, 3)
    where nlevel(grid_path) = 5 and no like '%3'`)
  await db.db.execute(sql`update cases set rating = 2 where state = 'closed' and no like '%1'`)
  await db.db.execute(sql`insert into case_transitions (id, case_id, action, from_state, to_state, actor_role, at)
    select gen_random_uuid(), id, 'verify', 'handled', 'reopened', 'grid_worker', now()
    from cases where state = 'handled' and no like '%2'`)
  await db.db.execute(sql`insert into case_extensions (id, case_id, requested_at, duration, reason, approved)
    select gen_random_uuid(), id, now(), '{"days": 2}', '材料未到', true
    from cases where accepted_at is not null and no like '%5'`)
  // An approved extension moves the deadline that runs (and nothing else the rollup counts but `extended`).
  await db.db.execute(sql`update cases set handle_due = handle_due + interval '2 days'
    where accepted_at is not null and no like '%5'`)
  await db.db.execute(sql`delete from cases where no = 'B100'`)
})
afterAll(() => db?.close())

describe('the set-based rebuild of the rollup', () => {
  it('gives exactly the rows the fold of the triggers’ queue gives, and empties the queue', async () => {
    while ((await rollupRepo.fold(db.db, 1_000)) > 0) {}
    const folded = await snapshot()
    expect(folded.length).toBeGreaterThan(5_000)
    // The running cases by their deadlines' days, at every node kept.
    expect(folded.filter((line) => line.split('|')[2] === 'due').length).toBeGreaterThan(500)

    // Weekly steps and single days: the steps' edges cut through cases accepted and closed later.
    for (const step of [7, 1]) {
      const report = await rebuildRollup(db.db, step)
      expect(report.cases).toBe(3_999)
      expect(await snapshot()).toEqual(folded)
    }
    expect(await rollupRepo.queued(db.db)).toBe(0)
  })

  it('counts what was queued before it once, and what changes after it through the fold', async () => {
    await db.db.execute(sql`update cases set state = 'closed', closed_at = reported_at + interval '5 days'
      where state = 'handled'`)
    expect(await rollupRepo.queued(db.db)).toBeGreaterThan(0)
    await rebuildRollup(db.db)
    const rebuilt = await snapshot()
    await db.db.execute(
      sql`update cases set rating = 5 where state = 'closed' and rating is null and no like '%9'`,
    )
    while ((await rollupRepo.fold(db.db, 1_000)) > 0) {}
    const folded = await snapshot()
    expect(folded).not.toEqual(rebuilt)
    await rebuildRollup(db.db)
    expect(await snapshot()).toEqual(folded)
  })

  it('folds a deadline moved on its own, and queues nothing for a deadline of a stage not running', async () => {
    await rebuildRollup(db.db)
    const rebuilt = await snapshot()
    // Not the running stage's deadline: nothing the rollup counts changed.
    await db.db.execute(sql`update cases set accept_due = accept_due + interval '1 day'
      where state in ('accepted', 'dispatched', 'handled', 'closed')`)
    expect(await rollupRepo.queued(db.db)).toBe(0)
    // The running stage's deadline, moved to another day (an extension, a stage's clock reset).
    await db.db.execute(sql`update cases set handle_due = handle_due + interval '3 days'
      where state in ('accepted', 'dispatched', 'reopened') and no like '%4'`)
    await db.db.execute(sql`update cases set handle_due = null where state = 'reopened' and no like '%6'`)
    await db.db.execute(sql`update cases set accept_due = accept_due - interval '5 days'
      where state = 'reported' and no like '%8'`)
    expect(await rollupRepo.queued(db.db)).toBeGreaterThan(0)
    while ((await rollupRepo.fold(db.db, 1_000)) > 0) {}
    const folded = await snapshot()
    expect(folded).not.toEqual(rebuilt)
    await rebuildRollup(db.db)
    expect(await snapshot()).toEqual(folded)
  })

  it('answers an empty table with an empty rollup', async () => {
    await db.db.execute(sql`delete from case_transitions`)
    await db.db.execute(sql`delete from case_extensions`)
    await db.db.execute(sql`delete from cases`)
    expect(await rebuildRollup(db.db)).toMatchObject({ cases: 0, rows: 0 })
  })
})
