import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { makers } from '../../../test/support/make'
import { type Database, queryRows } from '../../db/database'
import { dataCipher, newDataKey } from '../../lib/crypto'
import { fieldCipher } from '../../lib/field-crypto'
import { loadCodeBook } from '../ledgers/codes/codes.book'
import { checkPerson, type PersonRecord } from '../ledgers/people/people.record'
import { type GridRef, peopleStore } from '../ledgers/people/people.store'
import { idCheckCharacter } from '../ledgers/validate/id-number'
import { createRotationJob } from './datakeys.job'

const quiet = { info() {}, error() {} } as unknown as FastifyBaseLogger
const key = () => Buffer.from(newDataKey(), 'base64')
const idOf = (n: number) => {
  const first17 = `1101${String(5 + Math.floor(n / 1000)).padStart(2, '0')}19800101${String(n % 1000).padStart(3, '0')}`
  return first17 + idCheckCharacter(first17)
}

let database: Database
let grid: GridRef
let userId: string
beforeAll(async () => {
  database = await testDatabase()
  const made = makers(database.db)
  const g = await made.grid({ code: '510105', level: 'district', at: { x: 105, size: 0.2 } })
  const [row] = await queryRows<{ id: string }>(database.db, sql`select id from grids where code = '510105'`)
  grid = { id: row?.id as string, path: g.path }
  userId = (await made.user({ roles: [] })).id
}, 120_000)
afterAll(() => database?.close())

describe('re-encryption after a key rotation', () => {
  const [oldKey, newKey, newerKey] = [key(), key(), key()]

  it('moves every value to the new key while values under both keys stay readable and findable', async () => {
    const codes = await loadCodeBook(database.db)
    const people = Array.from({ length: 1203 }, (_, i) => {
      const checked = checkPerson(
        {
          kind: 'registered',
          name: `测试${i}`,
          idNumber: idOf(i),
          gridCode: '510105',
          phone: `139${String(i).padStart(8, '0')}`,
        },
        codes,
      )
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors))
      return { record: checked.record, grid }
    })
    await peopleStore(fieldCipher(oldKey)).upsertMany(database.db, 'test', people)
    await database.db.execute(
      sql`insert into second_factors (user_id, secret) values (${userId}, ${dataCipher(oldKey).encrypt('JBSWY3DPEHPK3PXP')})`,
    )
    const ring = fieldCipher(newKey, [oldKey])
    // The product under the new key before the job: one person written anew, and the old ones still found.
    await peopleStore(ring).upsertMany(database.db, 'test', [
      { record: { ...(people[0]?.record as PersonRecord), occupation: '教师' }, grid },
    ])
    expect((await peopleStore(ring).byIdNumbers(database.db, [idOf(5), idOf(0)])).size).toBe(2)

    const job = createRotationJob(
      database.db,
      { fields: ring, legacy: dataCipher(newKey, 'aes-256-gcm', [oldKey]) },
      quiet,
    )
    expect(await job.start('安全管理员')).toBeTruthy()
    await job.idle()

    const keys = await queryRows<{ key_id: string; n: number }>(
      database.db,
      sql`select split_part(id_number_sealed, '.', 3) as key_id, count(*)::int as n from people group by 1`,
    )
    expect(keys).toEqual([{ key_id: ring.currentKeyId, n: 1203 }])
    // Only the new key now: every ID number found by its index, every value opened.
    const alone = peopleStore(fieldCipher(newKey))
    const found = await alone.byIdNumbers(database.db, [idOf(0), idOf(777), idOf(1202)])
    expect(found.size).toBe(3)
    expect(alone.open(found.get(idOf(777)) as never, 'phone')).toBe('13900000777')
    const [factor] = await queryRows<{ secret: string }>(
      database.db,
      sql`select secret from second_factors where user_id = ${userId}`,
    )
    expect(dataCipher(newKey).decrypt(factor?.secret as string)).toBe('JBSWY3DPEHPK3PXP')
    const [rotation] = await queryRows<{ status: string; rows_done: number }>(
      database.db,
      sql`select status, rows_done::int from key_rotations order by started_at desc limit 1`,
    )
    // Every person (a change of occupation does not reseal the others' fields) and the second factor.
    expect(rotation).toEqual({ status: 'done', rows_done: 1203 + 1 })
  }, 120_000)

  it('stops after the page in hand and resumes from its saved progress at the next start', async () => {
    const ring = fieldCipher(newerKey, [newKey])
    const legacy = dataCipher(newerKey, 'aes-256-gcm', [newKey])
    const stopped = createRotationJob(database.db, { fields: ring, legacy }, quiet)
    await stopped.start('安全管理员')
    await stopped.stop()
    const [cut] = await queryRows<{ status: string; rows_done: number }>(
      database.db,
      sql`select status, rows_done::int from key_rotations order by started_at desc, id desc limit 1`,
    )
    expect(cut?.status).toBe('running')
    expect(cut?.rows_done).toBeLessThan(1203)
    const restarted = createRotationJob(database.db, { fields: ring, legacy }, quiet)
    await restarted.resume()
    await restarted.idle()
    const keys = await queryRows<{ key_id: string; n: number }>(
      database.db,
      sql`select split_part(phone_sealed, '.', 3) as key_id, count(*)::int as n from people group by 1`,
    )
    expect(keys).toEqual([{ key_id: ring.currentKeyId, n: 1203 }])
    const [done] = await queryRows<{ status: string; rows_done: number }>(
      database.db,
      sql`select status, rows_done::int from key_rotations order by started_at desc, id desc limit 1`,
    )
    expect(done).toEqual({ status: 'done', rows_done: 1203 + 1 })
  }, 120_000)
})
