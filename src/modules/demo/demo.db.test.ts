import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
import { ruleTarget } from '../cases/cases.dispatch'
import { DEFAULT_CATEGORIES } from '../cases/categories/catalogue'
import { gridChain } from '../grids/grids.reads'
import { DEPARTMENT_KEYS } from '../staff/department-kinds'
import { UNROUTED_CLASSES } from './demo.routes'
import { seedDemo } from './demo.seed'

let database: Database
beforeAll(async () => {
  database = await testDatabase()
  await seedDemo({ db: database.db, afterWrite: () => {} }, 'district', 3)
}, 120_000)
afterAll(() => database?.close())

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

  it('refuses to load over existing grids', async () => {
    await expect(seedDemo({ db: database.db, afterWrite: () => {} }, 'district', 3)).rejects.toThrow(
      /already has grids/,
    )
  })
})
