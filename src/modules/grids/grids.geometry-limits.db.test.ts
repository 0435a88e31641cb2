import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
import { Problem } from '../../lib/problem'
import { geometryTransaction, vertexCount } from './grids.geometry-limits'

let database: Database
beforeAll(async () => {
  database = await testDatabase()
})
afterAll(() => database?.close())

describe('geometry work is bounded', () => {
  it('counts the positions of any geometry shape, closing ones included', () => {
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]
    expect(vertexCount({ type: 'Polygon', coordinates: [ring, ring] })).toBe(8)
    expect(vertexCount({ type: 'MultiPolygon', coordinates: [[ring], [ring, ring]] })).toBe(12)
    expect(vertexCount({ type: 'Polygon', coordinates: 'nonsense' })).toBe(0)
    expect(vertexCount(null)).toBe(0)
  })

  it('cuts a geometry statement off on PostgreSQL and answers it as a problem', async (ctx) => {
    // The embedded database has no statement timer: its bound is the vertex caps and the per-feature steps.
    if (database.kind === 'pglite') ctx.skip()
    const deps = { db: database.db, afterWrite: () => {} }
    const started = performance.now()
    const error = await geometryTransaction(deps, 200, (tx) => tx.execute(sql`select pg_sleep(3)`)).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Problem)
    expect(error).toMatchObject({ status: 422, code: 'grid.geometry_timeout', extra: { timeoutMs: 200 } })
    expect(performance.now() - started).toBeLessThan(2500)
    // The timeout is the transaction's own: the next statement runs under the server's setting.
    const [after] = await queryRows<{ t: string }>(
      database.db,
      sql`select current_setting('statement_timeout') as t`,
    )
    expect(after?.t).toBe('0')
  })
})
