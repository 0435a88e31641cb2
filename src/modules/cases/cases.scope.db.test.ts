import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, type Db, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'
import { type CaseListQuery, caseListQuery, casesRepo, type ReadScope, scopedCases } from './cases.repo'
import { caseStats } from './cases.stats'
import { caseStatsQuery } from './cases.stats.repo'

const hexId = (prefix: string, n: SQL) => sql`(${prefix} || lpad(to_hex(${n}), 12, '0'))::uuid`
const deptId = (k: SQL) => hexId('00000000-0000-4000-8000-', k)
const userId = (k: SQL) => hexId('00000000-0000-4000-9000-', k)
const caseId = (i: SQL) => hexId('00000000-0000-7000-8000-', i)
const dept = (k: number) => `00000000-0000-4000-8000-${k.toString(16).padStart(12, '0')}`
const user = (k: number) => `00000000-0000-4000-9000-${k.toString(16).padStart(12, '0')}`

/**
 * Cases at city scale, made in SQL: 120,000 micro-grids `dD.sS.cC.gG.mM` (10 districts × 10 streets ×
 * 10 communities × 12 grids × 10 micro-grids); owners at every level, none, or (1 in 97) outside the
 * leaf's district as after a reshaping; 90 departments, 9 per district, and 10 more that are only
 * ever summoned; 2 in 5 cases dispatched; 2 in 25 whistled to a department of their district and to
 * department 9·((D+3) mod 10)+2, 1 in 500 also to department 90+D; 1 in 10 reported by one of 1,000
 * residents. Case i has id …8000-<i in hex>, so id order is i's.
 */
async function loadCity(db: Db, n: number) {
  await db.execute(sql`insert into departments (id, code, name, kind)
    select ${deptId(sql`k`)}, 'scope' || k, '部门' || k, 'sanitation' from generate_series(0, 99) k`)
  await db.execute(sql`insert into users (id, username, display_name, password_hash)
    select ${userId(sql`k`)}, 'scope_reporter' || k, '居民' || k, 'x' from generate_series(0, 999) k`)
  const cityCases = sql`select i, path, d from (
      select i, m / 12000 as d, ('d' || m / 12000 || '.s' || m / 1200 % 10 || '.c' || m / 120 % 10 || '.g' || m / 10 % 12 || '.m' || m % 10)::ltree as path
      from (select i, (i * 7919) % 120000 as m from generate_series(1, ${n}) i) a) b`
  await db.execute(sql`insert into cases (id, no, category_code, source, state, description, level, grid_path,
      owner_path, department_id, reporter_id, reported_at)
    select ${caseId(sql`i`)}, 'S' || i, '06010', 'worker',
      (array['reported', 'accepted', 'dispatched', 'handled', 'closed'])[1 + i % 5], '测试', 'street',
      case when i % 50 = 0 then null else path end,
      case when i % 97 = 0 then ('d' || (d + 1) % 10 || '.s0')::ltree
        when i % 20 = 0 then null when i % 20 = 1 then subpath(path, 0, 1)
        when i % 20 < 12 then subpath(path, 0, 2) when i % 20 < 18 then subpath(path, 0, 3)
        else subpath(path, 0, 4) end,
      case when i % 5 < 2 then ${deptId(sql`d * 9 + (i / 5) % 9`)} end,
      case when i % 10 = 3 then ${userId(sql`(i / 10) % 1000`)} end,
      timestamptz '2026-01-01 00:00+08' + i * interval '1 minute'
    from (${cityCases}) c`)
  await db.execute(sql`insert into case_participants (case_id, department_id, role, summoned_at, report_due)
    select ${caseId(sql`i`)}, ${deptId(sql`x.k`)}, x.role, now(), now() + interval '1 day'
    from (${cityCases}) c, lateral (values (d * 9 + i % 9, 'lead'), ((d + 3) % 10 * 9 + 2, 'assist')) x(k, role)
    where i % 25 in (1, 7)`)
  await db.execute(sql`insert into case_participants (case_id, department_id, role, summoned_at, report_due)
    select ${caseId(sql`i`)}, ${deptId(sql`90 + d`)}, 'assist', now(), now() + interval '1 day'
    from (${cityCases}) c where i % 500 = 7`)
  await db.execute(sql`analyze`)
}

/** The single OR this file's queries replaced: the reference they must agree with. */
function visibleByOr(scope: ReadScope, reporterId: string | null): SQL {
  if (scope.within === null) return sql`true`
  const ors: SQL[] = []
  if (scope.within.length) {
    ors.push(sql`(true ${andPathWithin(sql.raw('c.grid_path'), scope.within)})`)
    ors.push(sql`(true ${andPathWithin(sql.raw('c.owner_path'), scope.within)})`)
  }
  if (scope.departments.length) {
    const ds = sql.join(
      scope.departments.map((d) => sql`${d}::uuid`),
      sql`, `,
    )
    ors.push(sql`(c.department_id in (${ds}) or exists (select 1 from case_participants p
      where p.case_id = c.id and p.department_id in (${ds})))`)
  }
  if (reporterId) ors.push(sql`c.reporter_id = ${reporterId}::uuid`)
  return ors.length ? sql`(${sql.join(ors, sql` or `)})` : sql`false`
}

type Reader = ReadScope & { reporterId: string | null }
const nobody = { within: [], departments: [], reporterId: null }
/** One reader of each kind, and readers holding several kinds at once. */
const READERS: [string, Reader][] = [
  ['a street (grid scope)', { ...nobody, within: ['d3.s4'] }],
  ['two subtrees', { ...nobody, within: ['d3.s4.c5', 'd7'] }],
  ['a street owning cases whose place lies elsewhere', { ...nobody, within: ['d3.s0'] }],
  ['a department', { ...nobody, departments: [dept(31)] }],
  ['a department also whistled to from another district', { ...nobody, departments: [dept(29)] }],
  ['a department only ever whistled to', { ...nobody, departments: [dept(94)] }],
  ['a reporter', { ...nobody, reporterId: user(17) }],
  [
    'a street chief who also reports and serves in departments',
    { within: ['d3.s4'], departments: [dept(31), dept(29)], reporterId: user(126) },
  ],
  ['the whole deployment', { within: null, departments: [], reporterId: user(17) }],
  ['nobody', nobody],
]

async function listedByOr(db: Db, r: Reader, where: SQL = sql`true`): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select c.id from cases c where ${where} and ${visibleByOr(r, r.reporterId)} order by c.id desc`,
  )
  return rows.map((x) => x.id)
}

/** Received and filed per state, as statistics counted them with one OR. */
async function countedByOr(db: Db, r: ReadScope, period: { from: Date; to: Date }) {
  return queryRows<{ key: string; received: number; filed: number }>(
    db,
    sql`select c.state as key, count(*)::int as received,
        count(*) filter (where c.accepted_at is not null and c.state not in ('rejected', 'voided', 'merged'))::int as filed
      from cases c where c.reported_at >= ${period.from} and c.reported_at < ${period.to} and ${visibleByOr(r, null)}
      group by c.state order by c.state`,
  )
}

/** Every page of the list, following the cursor as the desk does. */
async function listedInPages(db: Db, q: Omit<CaseListQuery, 'cursor'>): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  for (;;) {
    const page = await casesRepo.list(db, { ...q, cursor })
    ids.push(...page.map((c) => c.id))
    if (page.length < q.limit) return ids
    cursor = page.at(-1)?.id
  }
}

describe('the read scope, one arm at a time', () => {
  let database: Database
  beforeAll(async () => {
    database = await testDatabase()
    await loadCity(database.db, 3000)
  })
  afterAll(() => database?.close())

  it.each(READERS)('lists the same cases as one OR would, page by page, for %s', async (_, r) => {
    const db = database.db
    const expected = await listedByOr(db, r)
    if (r !== nobody) expect(expected.length).toBeGreaterThan(0)
    const listed = await listedInPages(db, { ...r, limit: 7 })
    expect(listed).toEqual(expected)
    const queue = await listedInPages(db, { ...r, states: ['reported', 'dispatched'], limit: 5 })
    expect(queue).toEqual(await listedByOr(db, r, sql`c.state in ('reported', 'dispatched')`))
  })

  it.each(READERS)('counts the same cases as one OR would for %s', async (_, r) => {
    const period = { from: new Date('2026-01-01T00:00:00+08:00'), to: new Date('2026-01-02T12:00:00+08:00') }
    const stats = await caseStats(database.db, { ...period, groupBy: 'state' }, r)
    expect(stats.map((s) => ({ key: s.key, received: s.received, filed: s.filed }))).toEqual(
      await countedByOr(database.db, r, period),
    )
  })

  it('is checked on cases only one arm finds, and on cases several arms find', async () => {
    const count = async (where: SQL) =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from cases c where ${where}`,
        )
      )[0]?.n
    const whistled = sql`exists (select 1 from case_participants p where p.case_id = c.id and p.department_id = ${dept(29)})`
    expect(await count(sql`c.owner_path <@ 'd3.s0' and not c.grid_path <@ 'd3.s0'`)).toBeGreaterThan(0)
    expect(await count(sql`${whistled} and c.department_id is distinct from ${dept(29)}`)).toBeGreaterThan(0)
    expect(await count(sql`${whistled} and c.department_id = ${dept(29)}`)).toBeGreaterThan(0)
    expect(await count(sql`c.grid_path <@ 'd3.s4' and c.reporter_id = ${user(126)}`)).toBeGreaterThan(0)
    expect(await count(sql`c.grid_path <@ 'd3.s4' and c.department_id = ${dept(31)}`)).toBeGreaterThan(0)
  })
})

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)]
}

async function explain(db: Db, statement: SQL) {
  const [row] = await queryRows<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    db,
    sql`explain (analyze, format json) ${statement}`,
  )
  const plan = row?.['QUERY PLAN'][0]
  if (!plan) throw new Error('no plan')
  return { nodes: nodesOf(plan.Plan), ms: plan['Execution Time'], plan: plan.Plan }
}

/** The fastest of a few runs, once the pages are in the cache. */
async function timed(db: Db, statement: SQL) {
  const runs = []
  for (let k = 0; k < 4; k++) runs.push(await explain(db, statement))
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a))
}

const CITY_READERS: [string, Reader][] = [
  ...READERS,
  ['a community', { ...nobody, within: ['d3.s4.c5'] }],
  [
    'a micro-grid’s worker who also reports',
    { ...nobody, within: ['d3.s4.c5.g6.m7'], reporterId: user(126) },
  ],
]

/** Every select of a UNION ALL reads through an index, and nothing reads all the cases. */
function expectIndexedArms(nodes: PlanNode[]) {
  const seq = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'cases')
  expect(seq).toEqual([])
  for (const append of nodes.filter((n) => n['Node Type'] === 'Append'))
    for (const arm of append.Plans ?? [])
      expect(nodesOf(arm).some((n) => /Index/.test(n['Node Type']))).toBe(true)
}

describe.skipIf(process.env.WANGGE_TEST_DRIVER !== 'postgres')(
  'the read scope at city scale (PostgreSQL)',
  () => {
    let database: Database
    const timings: string[] = []
    const period = { from: new Date('2026-01-01T00:00:00+08:00'), to: new Date('2026-07-01T00:00:00+08:00') }
    beforeAll(async () => {
      database = await testDatabase()
      await loadCity(database.db, 200_000)
    }, 300_000)
    afterAll(async () => {
      if (process.env.WANGGE_TEST_LOG)
        console.info(`list and statistics, one OR → one select per test (ms):\n${timings.join('\n')}`)
      await database?.close()
    })

    it.each(CITY_READERS)(
      'lists and counts for %s from the indexes, never reading every case',
      async (name, r) => {
        const db = database.db
        const q = { ...r, limit: 50 }
        const listByOr = sql`select c.id from cases c where ${visibleByOr(r, r.reporterId)} order by c.id desc limit 50`
        const inPeriod = sql`c.reported_at >= ${period.from} and c.reported_at < ${period.to}`
        const countByOr = sql`select c.state, count(*) from cases c where ${inPeriod} and ${visibleByOr(r, null)} group by c.state`
        const countByArms = sql`select c.state, count(*) from (${scopedCases(sql`c.*`, inPeriod, r)}) c group by c.state`
        const list = [await timed(db, listByOr), await timed(db, caseListQuery(q))] as const
        const count = [await timed(db, countByOr), await timed(db, countByArms)] as const
        const stats = await explain(db, caseStatsQuery({ ...period, groupBy: 'state' }, r))
        const ms = (x: readonly [{ ms: number }, { ms: number }]) =>
          `${x[0].ms.toFixed(1)} → ${x[1].ms.toFixed(1)}`
        timings.push(`${name}: page of 50 ${ms(list)}; period’s cases by state ${ms(count)}`)
        if (r.within !== null) expectIndexedArms(stats.nodes)
        expectIndexedArms(list[1].nodes)
        const listed = (await casesRepo.list(db, q)).map((c) => c.id)
        expect(listed).toEqual((await queryRows<{ id: string }>(db, listByOr)).map((x) => x.id))
        const counted = await caseStats(db, { ...period, groupBy: 'state' }, r)
        expect(counted.map((s) => ({ key: s.key, received: s.received, filed: s.filed }))).toEqual(
          await countedByOr(db, r, period),
        )
      },
    )
  },
)
