import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'

let database: Database
beforeAll(async () => {
  database = await testDatabase()
})
afterAll(() => database?.close())

const square = (x: number, y: number, size: number) =>
  JSON.stringify({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    ],
  })

async function insertGrid(
  code: string,
  level: string,
  path: string,
  parentId: string | null,
  boundary: string,
) {
  const id = uuidv7()
  await database.db.execute(sql`
    insert into grids (id, code, name, level, path, parent_id, boundary)
    values (${id}, ${code}, ${`网格${code}`}, ${level}, ${path}::ltree, ${parentId}, ST_SetSRID(ST_GeomFromGeoJSON(${boundary}), 4326))`)
  return id
}

describe('the grids table', () => {
  it('holds a hierarchy by ltree path and answers subtree and containment queries', async () => {
    const district = await insertGrid('510104', 'district', '510104', null, square(104.0, 30.6, 0.1))
    await insertGrid('510104001', 'street', '510104.001', district, square(104.0, 30.6, 0.05))
    await insertGrid('510104002', 'street', '510104.002', district, square(104.05, 30.6, 0.05))
    const inFirst = await queryRows<{ code: string }>(
      database.db,
      sql`select code from grids where path <@ '510104.001'::ltree order by code`,
    )
    expect(inFirst.map((r) => r.code)).toEqual(['510104001'])
    const containing = await queryRows<{ code: string }>(
      database.db,
      sql`select code from grids where ST_Contains(boundary, ST_SetSRID(ST_MakePoint(104.07, 30.62), 4326)) order by code`,
    )
    expect(containing.map((r) => r.code)).toEqual(['510104', '510104002'])
  })

  it('refuses a code that is not all digits and an exclusive grid without a sector', async () => {
    await expect(insertGrid('51010X', 'district', '51010X', null, square(0, 0, 1))).rejects.toThrow()
    await expect(
      database.db.execute(sql`
        insert into grids (id, code, name, level, path, exclusive, boundary)
        values (${uuidv7()}, '610104', 'x', 'district', '610104', true, ST_SetSRID(ST_GeomFromGeoJSON(${square(0, 0, 1)}), 4326))`),
    ).rejects.toThrow()
  })
})
