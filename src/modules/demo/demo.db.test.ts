import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
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

  it('staffs every grid with two workers and every micro-grid with a leader, and adds departments', async () => {
    const [counts] = await queryRows<{ short: number; posts: number; departments: number; served: number }>(
      database.db,
      sql`select
          (select count(*)::int from grids g where g.level in ('grid', 'micro') and
             (select count(*) from grid_posts p where p.grid_id = g.id) < case g.level when 'grid' then 2 else 1 end) as short,
          (select count(*)::int from grid_posts) as posts,
          (select count(*)::int from departments) as departments,
          (select count(*)::int from department_grids) as served`,
    )
    expect(counts).toEqual({ short: 0, posts: 64 * 2 + 384 * 2 + 3072, departments: 9, served: 9 })
  })

  it('refuses to load over existing grids', async () => {
    await expect(seedDemo({ db: database.db, afterWrite: () => {} }, 'district', 3)).rejects.toThrow(
      /already has grids/,
    )
  })
})
