import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/db'
import { type Database, queryRows } from '../../../db/database'
import type { StatsQuery } from '../cases.stats.repo'
import { statsRepo } from '../cases.stats.repo'
import { type RollupCounts, type RollupQuery, rollupRepo } from './rollup.repo'
import { statsFromRollup } from './rollup.stats'

/** A case's facts as the recount reads them. */
interface Facts {
  grid_path: string | null
  category_code: string
  source: string
  state: string
  reported: string
  accepted: string | null
  closed_day: string | null
  handled: boolean
  handling_seconds: number | null
  deferred: boolean
  handle_overdue: boolean | null
  rating: number | null
  reworked: boolean
  extended: boolean
}

const zero = (): RollupCounts => ({
  received: 0,
  filed: 0,
  due: 0,
  closed: 0,
  on_time: 0,
  handled: 0,
  reworked: 0,
  extended: 0,
  deferred: 0,
  handling_seconds: 0,
  handling_n: 0,
  rated: 0,
  rating_sum: 0,
  satisfied: 0,
  accepted_n: 0,
  closed_n: 0,
})

/** The node of a case at `depth` ('' is the root), or null when its grid is not that deep. */
const ancestor = (path: string | null, depth: number) => {
  if (depth === 0) return ''
  const labels = path?.split('.') ?? []
  return labels.length >= depth ? labels.slice(0, depth).join('.') : null
}

/** A query of the dimensions a case's own facts make (`due` is tested in rollup.overdue.db.test.ts). */
type FactsQuery = RollupQuery & { dim: Exclude<RollupQuery['dim'], 'due'> }

/** The recount: the query's answer computed here from the cases themselves, one by one. */
function recount(cases: Facts[], q: FactsQuery): Map<string | null, RollupCounts> {
  const out = new Map<string | null, RollupCounts>()
  const inRange = (day: string | null) => day !== null && day >= q.from && day < q.to
  for (const c of cases) {
    const depth = q.parent !== undefined ? (q.parent === '' ? 1 : q.parent.split('.').length + 1) : undefined
    const nodes =
      depth !== undefined
        ? [ancestor(c.grid_path, depth)].filter(
            (n): n is string => n !== null && (q.parent === '' || n.startsWith(`${q.parent}.`)),
          )
        : (q.nodes ?? ['']).filter((n) => ancestor(c.grid_path, n === '' ? 0 : n.split('.').length) === n)
    const value = q.dim === 'all' ? '' : q.dim === 'category' ? c.category_code : c[q.dim]
    if (q.valuePrefix && !value.startsWith(q.valuePrefix)) continue
    for (const node of nodes) {
      const keyFor = (day: string) =>
        q.groupBy === 'none'
          ? null
          : q.groupBy === 'node'
            ? node
            : q.groupBy === 'value'
              ? value
              : q.groupBy === 'day'
                ? day
                : day.slice(0, 7)
      const add = (day: string, f: (r: RollupCounts) => void) => {
        const key = keyFor(day)
        const row = out.get(key) ?? zero()
        f(row)
        out.set(key, row)
      }
      const filed = c.accepted !== null && !['rejected', 'voided', 'merged'].includes(c.state)
      const due = filed && !c.deferred
      if (inRange(c.reported))
        add(c.reported, (r) => {
          r.received++
          if (filed) r.filed++
          if (due) r.due++
          if (due && c.state === 'closed') r.closed++
          if (due && c.state === 'closed' && !c.handle_overdue) r.on_time++
          if (c.handled) r.handled++
          if (c.reworked) r.reworked++
          if (filed && c.extended) r.extended++
          if (filed && c.deferred) r.deferred++
          if (c.handling_seconds !== null) {
            r.handling_seconds += c.handling_seconds
            r.handling_n++
          }
          if (c.rating !== null) {
            r.rated++
            r.rating_sum += c.rating
            if (c.rating >= 4) r.satisfied++
          }
        })
      if (c.accepted && inRange(c.accepted)) add(c.accepted, (r) => r.accepted_n++)
      if (c.closed_day && inRange(c.closed_day)) add(c.closed_day, (r) => r.closed_n++)
    }
  }
  for (const [key, row] of out) if (Object.values(row).every((v) => v === 0)) out.delete(key)
  return out
}

let db: Database
const STATES = ['reported', 'accepted', 'dispatched', 'handled', 'closed', 'rejected', 'voided', 'reopened']

async function facts(): Promise<Facts[]> {
  return queryRows<Facts>(
    db.db,
    sql`select grid_path::text as grid_path, category_code, source, state,
      to_char(reported_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as reported,
      to_char(accepted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as accepted,
      to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as closed_day,
      handled_at is not null as handled,
      extract(epoch from handled_at - accepted_at)::float8 as handling_seconds,
      deferred, handle_overdue, rating, reworked, extended from cases`,
  )
}

async function rollup(q: RollupQuery) {
  const rows = await rollupRepo.counts(db.db, q)
  return new Map(
    rows
      .map(({ key, ...counts }) => [key, counts] as const)
      .filter(([, counts]) => Object.values(counts).some((v) => v !== 0)),
  )
}

const round = (m: Map<string | null, RollupCounts>) =>
  new Map(
    [...m].map(([k, v]) => [k, { ...v, handling_seconds: Math.round(v.handling_seconds * 1000) / 1000 }]),
  )

const QUERIES: FactsQuery[] = [
  { nodes: [''], dim: 'all', from: '2026-10-01', to: '2026-12-01', groupBy: 'none' },
  { nodes: [''], dim: 'all', from: '2026-10-01', to: '2026-12-01', groupBy: 'day' },
  { parent: '', dim: 'all', from: '2026-10-01', to: '2026-12-01', groupBy: 'node' },
  { parent: 'd1', dim: 'all', from: '2026-11-01', to: '2026-11-15', groupBy: 'node' },
  { parent: 'd2.s3', dim: 'category', from: '2026-10-01', to: '2026-12-01', groupBy: 'node' },
  { nodes: ['d1', 'd2.s1'], dim: 'category', from: '2026-10-01', to: '2026-12-01', groupBy: 'value' },
  { nodes: ['d1.s1.c1'], dim: 'state', from: '2026-10-01', to: '2026-12-01', groupBy: 'value' },
  { nodes: [''], dim: 'source', from: '2026-11-10', to: '2026-11-11', groupBy: 'value' },
  {
    nodes: ['d1', 'd3'],
    dim: 'category',
    valuePrefix: '06',
    from: '2026-10-01',
    to: '2026-12-01',
    groupBy: 'month',
  },
]

beforeAll(async () => {
  db = await testDatabase()
  // 3,000 cases over two months in a tree d0–d3 › s0–s4 › c0–c3 › g0–g2 (some outside every grid,
  // some only as deep as a street), in every state, with each fact varied.
  await db.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
      grid_path, reported_at, accepted_at, handled_at, closed_at, deferred, handle_overdue, rating)
    select gen_random_uuid(), 'R' || i, (array['06010', '06007', '01001', '10001'])[1 + i % 4],
      (array['worker', 'hotline', 'resident', 'open311'])[1 + i / 7 % 4],
      (${sql.raw(`array[${STATES.map((s) => `'${s}'`).join(', ')}]`)})[1 + i / 3 % 8], '测试', 'grid',
      case when i % 41 = 0 then null
        when i % 13 = 0 then ('d' || i % 4 || '.s' || i % 5)::ltree
        else ('d' || i % 4 || '.s' || i % 5 || '.c' || i % 4 || '.g' || i % 3)::ltree end,
      r, case when i / 3 % 8 > 0 then r + (i % 50) * interval '1 hour' end,
      case when i / 3 % 8 in (3, 4, 7) then r + (i % 70) * interval '1 hour' end,
      case when i / 3 % 8 = 4 then r + (i % 90) * interval '1 hour' end,
      i % 17 = 0, case when i / 3 % 8 = 4 then i % 6 = 0 end,
      case when i / 3 % 8 = 4 and i % 3 > 0 then 1 + i % 5 end
    from generate_series(1, 3000) i,
      lateral (select timestamptz '2026-10-01 00:00+08' + (i * 29 % 60) * interval '1 day'
        + (i % 24) * interval '1 hour' as r) t`)
})
afterAll(() => db?.close())

/** The grids the cases lie in, down to the rollup's depth, so both answers name them. */
async function gridsOfCases() {
  await db.db.execute(sql`insert into grids (id, code, name, level, path, boundary)
    select gen_random_uuid(), (100 + row_number() over (order by p))::text, '网格' || p::text, 'x', p,
      ST_Multi(ST_MakeEnvelope(0, 0, 1, 1, 4326))
    from (select distinct subpath(grid_path, 0, d) as p from cases,
      lateral generate_series(1, least(nlevel(grid_path), 3)) d where grid_path is not null) s`)
}

const everything = { within: null, departments: [] }
const day = (d: string) => new Date(`${d}T00:00:00+08:00`)
const STATS: Omit<StatsQuery, 'from' | 'to'>[] = [
  { groupBy: 'none' },
  { groupBy: 'child' },
  { groupBy: 'child', gridPath: 'd2' },
  { groupBy: 'child', gridPath: 'd2.s2' },
  { groupBy: 'category' },
  { groupBy: 'big_class', gridPath: 'd1.s1' },
  { groupBy: 'state', gridPath: 'd3' },
  { groupBy: 'month', category: '06' },
  { groupBy: 'child', category: '10', gridPath: 'd3' },
]

describe('the events rollup', () => {
  it('agrees with a recount from the cases for every kind of query, folded or still queued', async () => {
    await rollupRepo.fold(db.db, 100_000)
    expect(await rollupRepo.queued(db.db)).toBe(0)
    const cases = await facts()
    for (const q of QUERIES) {
      const expected = recount(cases, q)
      expect(expected.size, JSON.stringify(q)).toBeGreaterThan(0)
      expect(round(await rollup(q)), JSON.stringify(q)).toEqual(round(expected))
    }

    // Cases move on: states, grids (a reshaping), ratings, rework and extensions through the timeline.
    await db.db.execute(sql`update cases set state = 'closed', closed_at = reported_at + interval '3 days',
      handled_at = coalesce(handled_at, reported_at + interval '2 days'),
      accepted_at = coalesce(accepted_at, reported_at + interval '1 hour')
      where state = 'dispatched' and no like '%7'`)
    await db.db.execute(sql`update cases set grid_path = 'd9.s9.c9'::ltree || subpath(grid_path, 3)
      where nlevel(grid_path) = 4 and no like '%3'`)
    await db.db.execute(sql`update cases set rating = 2 where state = 'closed' and no like '%1'`)
    await db.db.execute(sql`insert into case_transitions (id, case_id, action, from_state, to_state, actor_role, at)
      select gen_random_uuid(), id, 'verify', 'handled', 'reopened', 'grid_worker', now()
      from cases where state = 'handled' and no like '%2'`)
    await db.db.execute(sql`insert into case_extensions (id, case_id, requested_at, duration, reason, approved)
      select gen_random_uuid(), id, now(), '{"days": 2}', '材料未到', true
      from cases where accepted_at is not null and no like '%5'`)
    expect(await rollupRepo.queued(db.db)).toBeGreaterThan(0)
    const moved = await facts()
    expect(moved.filter((c) => c.reworked).length).toBeGreaterThan(0)
    expect(moved.filter((c) => c.extended).length).toBeGreaterThan(0)
    const reshaped = [
      ...QUERIES,
      { parent: 'd9.s9', dim: 'all', from: '2026-10-01', to: '2026-12-01', groupBy: 'node' } as const,
    ]
    // Answered with the changes still queued, then once they are folded: the same.
    for (const q of reshaped)
      expect(round(await rollup(q)), JSON.stringify(q)).toEqual(round(recount(moved, q)))
    await rollupRepo.fold(db.db, 500)
    expect(await rollupRepo.queued(db.db)).toBeGreaterThan(0)
    while ((await rollupRepo.fold(db.db, 500)) > 0) {}
    for (const q of reshaped)
      expect(round(await rollup(q)), JSON.stringify(q)).toEqual(round(recount(moved, q)))
  })

  it('gives the statistics the same rows as the query over the cases', async () => {
    await gridsOfCases()
    for (const shape of STATS) {
      const q = { ...shape, from: day('2026-10-05'), to: day('2026-11-20') }
      const fromRollup = await statsFromRollup(db.db, q, everything)
      expect(fromRollup, JSON.stringify(shape)).not.toBeNull()
      expect(fromRollup?.length, JSON.stringify(shape)).toBeGreaterThan(0)
      expect(fromRollup, JSON.stringify(shape)).toEqual(await statsRepo.counts(db.db, q, everything))
    }
    // What the rollup cannot answer goes to the cases.
    const partDay = {
      groupBy: 'none' as const,
      from: new Date('2026-10-05T09:00:00+08:00'),
      to: day('2026-11-01'),
    }
    expect(await statsFromRollup(db.db, partDay, everything)).toBeNull()
    const deep = {
      groupBy: 'child' as const,
      gridPath: 'd1.s1.c1',
      from: day('2026-10-05'),
      to: day('2026-11-01'),
    }
    expect(await statsFromRollup(db.db, deep, everything)).toBeNull()
    const street = { within: ['d1.s1'], departments: [] }
    expect(
      await statsFromRollup(
        db.db,
        { groupBy: 'none', from: day('2026-10-05'), to: day('2026-11-01') },
        street,
      ),
    ).toBeNull()
    expect(
      await statsFromRollup(
        db.db,
        { groupBy: 'none', gridPath: 'd1.s1.c1', from: day('2026-10-05'), to: day('2026-11-01') },
        street,
      ),
    ).not.toBeNull()
  })

  it('queues nothing when an update leaves what it counts unchanged', async () => {
    await rollupRepo.fold(db.db, 100_000)
    await db.db.execute(sql`update cases set description = description || '。', version = version + 1`)
    expect(await rollupRepo.queued(db.db)).toBe(0)
  })
})
