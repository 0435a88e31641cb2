import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../../test/support/db'
import { type Database, queryRows } from '../../../db/database'
import { newDataKey } from '../../../lib/crypto'
import { fieldCipher } from '../../../lib/field-crypto'
import { seedDemo } from '../../demo/demo.seed'

let database: Database
beforeAll(async () => {
  database = await testDatabase()
}, 120_000)
afterAll(() => database?.close())

describe('the demo people ledger', () => {
  it('writes every demo person valid and sealed: registered, floating, foreign, two in special groups', async () => {
    const fields = fieldCipher(Buffer.from(newDataKey(), 'base64'))
    await seedDemo({ db: database.db, afterWrite: () => {} }, 'district', 1, fields)
    const kinds = await queryRows<{ kind: string; n: number }>(
      database.db,
      sql`select kind, count(*)::int as n from people group by kind order by kind`,
    )
    expect(kinds.reduce((sum, k) => sum + k.n, 0)).toBe(40)
    expect(kinds.map((k) => k.kind)).toEqual(['floating', 'foreign', 'registered'])
    const [sealed] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from people where id_number_sealed is not null and id_number_bidx is not null`,
    )
    expect(sealed?.n).toBe(40)
    const [groups] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from group_memberships`,
    )
    expect(groups?.n).toBe(2)
  })
})
