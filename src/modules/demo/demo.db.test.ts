import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { pgTextArray } from '../../db/arrays'
import { type Database, queryRows } from '../../db/database'
import { ruleTarget } from '../cases/cases.dispatch'
import { DEFAULT_CATEGORIES } from '../cases/categories/catalogue'
import { rebuildRollup } from '../cases/rollup/rollup.read'
import { ROLLUP_COUNTERS } from '../cases/rollup/rollup.repo'
import { gridChain } from '../grids/grids.reads'
import { DEPARTMENT_KEYS } from '../staff/department-kinds'
import { seedDemoHistory } from './demo.history.repo'
import { UNROUTED_CLASSES } from './demo.routes'
import { seedDemo } from './demo.seed'

let database: Database
beforeAll(async () => {
  database = await testDatabase()
  await seedDemo({ db: database.db, afterWrite: () => {} }, 'district', 3)
}, 120_000)
afterAll(() => database?.close())

/** Which of these tables the planner has statistics for (ANALYZE writes them; autovacuum comes later). */
const analyzed = async (tables: string[]) =>
  (
    await queryRows<{ name: string }>(
      database.db,
      sql`select distinct tablename::text as name from pg_stats
        where schemaname = current_schema() and tablename = any(${pgTextArray(tables)}::text[]) order by 1`,
    )
  ).map((r) => r.name)

describe('the demo district in PostGIS', () => {
  it('has children that tile every parent exactly: no gap, no overlap', async () => {
    const rows = await queryRows<{ code: string; gap: number; overlap: number }>(
      database.db,
      sql`select p.code,
          abs(ST_Area(p.boundary) - ST_Area(ST_Union(c.boundary))) / ST_Area(p.boundary) as gap,
          (sum(ST_Area(c.boundary)) - ST_Area(ST_Union(c.boundary))) / ST_Area(p.boundary) as overlap
        from grids p join grids c on c.parent_id = p.id
        group by p.id, p.code, p.boundary`,
    )
    expect(rows.length).toBe(1 + 8 + 64 + 384)
    const worst = Math.max(...rows.map((r) => Math.max(Number(r.gap), Number(r.overlap))))
    expect(worst).toBeLessThan(1e-9)
  })

  it('answers a point inside with its whole chain, district to micro-grid', async () => {
    const chain = await queryRows<{ level: string }>(
      database.db,
      sql`select level from grids where ST_Covers(boundary, ST_SetSRID(ST_MakePoint(104.0612, 30.6634), 4326)) order by nlevel(path)`,
    )
    expect(chain.map((r) => r.level).slice(0, 5)).toEqual([
      'district',
      'street',
      'community',
      'grid',
      'micro',
    ])
  })

  it('staffs every grid with two workers and every micro-grid with a leader, and adds a department of every kind', async () => {
    const [counts] = await queryRows<{ short: number; posts: number; departments: number; served: number }>(
      database.db,
      sql`select
          (select count(*)::int from grids g where g.level in ('grid', 'micro') and
             (select count(*) from grid_posts p where p.grid_id = g.id) < case g.level when 'grid' then 2 else 1 end) as short,
          (select count(*)::int from grid_posts) as posts,
          (select count(*)::int from departments) as departments,
          (select count(*)::int from department_grids) as served`,
    )
    expect(counts).toEqual({
      short: 0,
      posts: 64 * 2 + 384 * 2 + 3072,
      departments: DEPARTMENT_KEYS.length,
      served: DEPARTMENT_KEYS.length,
    })
  })

  it('dispatches every shipped small class by the rules: to a department of its kind, a routing rule or a grid', async () => {
    const [leaf] = await queryRows<{ path: string }>(
      database.db,
      sql`select path::text as path from grids
        where level = 'micro' and ST_Covers(boundary, ST_SetSRID(ST_MakePoint(104.0612, 30.6634), 4326))`,
    )
    const chain = await gridChain(database.db, leaf?.path ?? null)
    expect(chain.map((g) => g.level)).toEqual(['district', 'street', 'community', 'grid', 'micro'])
    const classes = DEFAULT_CATEGORIES.filter((c) => c.standard)
    const unhandled: string[] = []
    const byKind = new Map<string, number>()
    for (const c of classes) {
      const target = c.standard && (await ruleTarget(database.db, chain, c.code, c.standard))
      if (!target) unhandled.push(`${c.code} ${c.zh}`)
      const to = target?.departmentId ? 'department' : 'grid'
      byKind.set(to, (byKind.get(to) ?? 0) + 1)
    }
    // Every small class of both shipped catalogues was tried; a class added later is tried as well.
    expect(classes).toHaveLength(215)
    expect(unhandled).toEqual([])
    expect(byKind.get('department')).toBeGreaterThan(0)
    expect(byKind.get('grid')).toBeGreaterThan(0)
  })

  it('routes the territorial classes grid workers may not be given to 城管, district by district', async () => {
    expect(UNROUTED_CLASSES).toEqual(['01023', '03008'])
    const routes = await queryRows<{ grid: string; category: string; department: string }>(
      database.db,
      sql`select g.level as grid, r.category_prefix as category, d.code as department
        from case_routes r join grids g on g.path = r.grid_path join departments d on d.id = r.department_id
        order by r.category_prefix`,
    )
    expect(routes).toEqual([
      { grid: 'district', category: '01023', department: 'urban' },
      { grid: 'district', category: '03008', department: 'urban' },
    ])
  })

  it('leaves the planner statistics of the tables it loaded, as a restore does', async () => {
    expect(await analyzed(['grids', 'grid_posts', 'buildings', 'rooms'])).toEqual([
      'buildings',
      'grid_posts',
      'grids',
      'rooms',
    ])
  })

  it('refuses to load over existing grids', async () => {
    await expect(seedDemo({ db: database.db, afterWrite: () => {} }, 'district', 3)).rejects.toThrow(
      /already has grids/,
    )
  })
})

describe('a year of demo events', () => {
  const indexes = () =>
    queryRows<{ name: string }>(
      database.db,
      sql`select indexname as name from pg_indexes where tablename in ('cases', 'case_rollup') order by 1`,
    )
  /** The rollup in one line per row (seconds rounded: a float sum's last digits follow its order). */
  const rollup = async () =>
    (
      await queryRows<{ line: string }>(
        database.db,
        sql.raw(`select concat_ws('|', node::text, coalesce(parent::text, '-'), dim, value, day::text,
            ${ROLLUP_COUNTERS.map((c) => (c === 'handling_seconds' ? `round(${c}::numeric, 3)` : c)).join(', ')}) as line
          from case_rollup order by node, dim, day, value`),
      )
    ).map((r) => r.line)

  it('loads with the rollup a rebuild from its cases gives, and leaves indexes and triggers as they were', async () => {
    const before = await indexes()
    const report = await seedDemoHistory(database.db, 3_000, new Date('2026-12-01T04:00:00Z'))
    expect(report.events).toBe(3_000)
    expect(await indexes()).toEqual(before)
    expect(await analyzed(['cases', 'case_rollup'])).toEqual(['case_rollup', 'cases'])
    const loaded = await rollup()
    expect(loaded.length).toBe(report.rollupRows)
    await rebuildRollup(database.db)
    expect(await rollup()).toEqual(loaded)

    // The rollup's insert trigger, off during the load, is on again: a new case queues its facts.
    await database.db.execute(sql`insert into cases (id, no, category_code, source, state, description, level,
        reported_at) values (gen_random_uuid(), 'AFTER-LOAD', '06010', 'worker', 'reported', '测试', 'grid', now())`)
    const [queued] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from case_rollup_queue`,
    )
    expect(queued?.n).toBe(1)
    await expect(seedDemoHistory(database.db, 10)).rejects.toThrow(/already has events/)
  })
})
