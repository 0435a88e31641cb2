import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/db'
import { type Database, queryRows } from '../../../db/database'
import { generateDemo } from '../../demo/demo.generate'
import { seedDemo } from '../../demo/demo.seed'
import { gridsRepo } from '../grids.repo'
import { createLocatorCache } from './locator-cache'

let database: Database
const demo = generateDemo('district', 5)
beforeAll(async () => {
  database = await testDatabase()
  await seedDemo({ db: database.db, afterWrite: () => {} }, 'district', 5)
}, 120_000)
afterAll(() => database?.close())

/** A small deterministic PRNG, so a failure names a point that can be tried again. */
function points(n: number, seed: number, [w, s, e, north]: [number, number, number, number]) {
  let a = seed
  const next = () => {
    a = (a * 1103515245 + 12345) % 2147483648
    return a / 2147483648
  }
  return Array.from({ length: n }, () => [w + next() * (e - w), s + next() * (north - s)] as [number, number])
}

describe('the in-memory locator agrees with PostGIS', () => {
  it('on random points, on points of shared edges and corners, and outside every grid', async () => {
    // The input first: an empty or other seed would make every comparison agree on nothing.
    const [seeded] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from grids where valid_to is null`,
    )
    expect(seeded?.n, 'grids seeded').toBe(demo.length)
    const locator = await createLocatorCache(database.db).current()
    const district = demo[0]?.box as [number, number, number, number]
    expect(demo[0]?.level, 'the demo starts at its district').toBe('district')
    const margin = 0.01
    const random = points(800, 42, [
      district[0] - margin,
      district[1] - margin,
      district[2] + margin,
      district[3] + margin,
    ])
    // Edges: the west and south sides of micro-grids lie on their neighbours' edges; corners too.
    const micro = demo.filter((g) => g.level === 'micro')
    const onEdges = micro
      .slice(0, 300)
      .flatMap((g) => [
        [g.box[0], (g.box[1] + g.box[3]) / 2] as [number, number],
        [g.box[0], g.box[1]] as [number, number],
      ])
    expect(onEdges.length, 'edge points of micro-grids').toBe(600)
    const hits = { random: 0, onEdges: 0 }
    for (const [kind, list] of [
      ['random', random],
      ['onEdges', onEdges],
    ] as const) {
      for (const [lng, lat] of list) {
        const expected = (await gridsRepo.locate(database.db, lng, lat)).map((g) => g.code)
        const actual = locator.locate(lng, lat).map((g) => g.code)
        expect(actual, `point ${lng}, ${lat}`).toEqual(expected)
        if (expected.length > 0) hits[kind] += 1
      }
    }
    // Most random points fall in a grid (the district's box has corners its grids leave out), every edge point.
    expect(hits.random, 'random points in a grid').toBeGreaterThan(random.length / 2)
    expect(hits.onEdges, 'edge points in a grid').toBe(onEdges.length)
  }, 120_000)

  it('sees a grid added by another statement once the version moves', async () => {
    const cache = createLocatorCache(database.db, 0)
    expect((await cache.current()).locate(120.5, 40.5)).toEqual([])
    await gridsRepo.insert(database.db, {
      id: '01900000-0000-7000-8000-0000000000aa',
      code: '110101',
      name: '新区',
      level: 'district',
      path: '110101',
      parent_id: null,
      exclusive: false,
      sector: null,
      boundary: JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [120, 40],
            [121, 40],
            [121, 41],
            [120, 41],
            [120, 40],
          ],
        ],
      }),
      households: null,
      population: null,
      responsible_unit: null,
      attributes: {},
    })
    expect((await cache.current()).locate(120.5, 40.5).map((g) => g.code)).toEqual(['110101'])
  })
})
