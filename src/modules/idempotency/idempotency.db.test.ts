import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import { Problem } from '../../lib/problem'
import { canonicalJson, idempotent } from './idempotency'
import { idempotencyRepo } from './idempotency.repo'

let database: Database
beforeAll(async () => {
  database = await testDatabase()
  // A stand-in for a service's own table: what each run of the use case writes.
  await database.db.execute(sql`create table visits_probe (id serial primary key, note text not null)`)
})
afterAll(() => database?.close())

const caller = 'user:0190b5b0-0000-7000-8000-000000000001'

/** A use case written as services write it: its change and its answer, in its own transaction. */
function recordVisit(key: string, body: { note: string }, pauseMs = 0) {
  return database.db.transaction((tx) =>
    idempotent(tx, { caller, key, body, operation: 'visit.create' }, async () => {
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`insert into visits_probe (note) values (${body.note}) returning id`,
      )
      if (pauseMs) await tx.execute(sql`select pg_sleep(${pauseMs / 1000})`)
      return { status: 201, body: { id: row?.id, note: body.note } }
    }),
  )
}

const written = async (ex: Executor, note: string) => {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from visits_probe where note = ${note}`,
  )
  return row?.n
}

describe('idempotent', () => {
  it('answers a retry after a lost response with the original answer, and writes once', async () => {
    const key = uuidv7()
    const first = await recordVisit(key, { note: 'lost response' })
    // The response never reached the phone; it sends the same intent again.
    const retry = await recordVisit(key, { note: 'lost response' })
    expect(first).toMatchObject({ status: 201, replayed: false })
    expect(retry).toEqual({ ...first, replayed: true })
    expect(await written(database.db, 'lost response')).toBe(1)
  })

  it('refuses the same key with another body: 422 idempotency.key_reused, nothing written', async () => {
    const key = uuidv7()
    await recordVisit(key, { note: 'first content' })
    const other = recordVisit(key, { note: 'edited content' })
    await expect(other).rejects.toBeInstanceOf(Problem)
    await expect(other).rejects.toMatchObject({ status: 422, code: 'idempotency.key_reused' })
    expect(await written(database.db, 'edited content')).toBe(0)
  })

  it('refuses the same key and body sent to another operation', async () => {
    const key = uuidv7()
    await recordVisit(key, { note: 'one operation' })
    const elsewhere = database.db.transaction((tx) =>
      idempotent(
        tx,
        { caller, key, body: { note: 'one operation' }, operation: 'door.create' },
        async () => ({
          status: 201,
          body: {},
        }),
      ),
    )
    await expect(elsewhere).rejects.toMatchObject({ code: 'idempotency.key_reused' })
  })

  it('keeps one caller’s key apart from another’s', async () => {
    const key = uuidv7()
    await recordVisit(key, { note: 'caller a' })
    const b = await database.db.transaction((tx) =>
      idempotent(tx, { caller: 'user:other', key, body: { note: 'caller b' } }, async () => ({
        status: 201,
        body: { ok: true },
      })),
    )
    expect(b.replayed).toBe(false)
  })

  it('runs two concurrent requests with one key once: the second waits, then replays', async () => {
    const key = uuidv7()
    const [a, b] = await Promise.all([
      recordVisit(key, { note: 'concurrent' }, 300),
      recordVisit(key, { note: 'concurrent' }, 300),
    ])
    expect(await written(database.db, 'concurrent')).toBe(1)
    expect([a.replayed, b.replayed].sort()).toEqual([false, true])
    expect(a.body).toEqual(b.body)
  })

  it('forgets nothing when the use case fails: the key rolls back with it and a retry runs again', async () => {
    const key = uuidv7()
    const failing = database.db.transaction((tx) =>
      idempotent(tx, { caller, key, body: { note: 'failed once' } }, async () => {
        await tx.execute(sql`insert into visits_probe (note) values ('failed once')`)
        throw new Problem(409, 'visit.conflict', 'no')
      }),
    )
    await expect(failing).rejects.toMatchObject({ code: 'visit.conflict' })
    expect(await written(database.db, 'failed once')).toBe(0)
    const retry = await database.db.transaction((tx) =>
      idempotent(tx, { caller, key, body: { note: 'failed once' } }, async () => ({ status: 201, body: 1 })),
    )
    expect(retry.replayed).toBe(false)
  })

  it('refuses a key that is not a UUID with 400 idempotency.bad_key', async () => {
    const bad = database.db.transaction((tx) =>
      idempotent(tx, { caller, key: 'not-a-uuid', body: {} }, async () => ({ status: 201, body: {} })),
    )
    await expect(bad).rejects.toMatchObject({ status: 400, code: 'idempotency.bad_key' })
  })

  it('forgets keys after 30 days', async () => {
    const old = uuidv7()
    await recordVisit(old, { note: 'old' })
    await database.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '31 days' where key = ${old}`,
    )
    await recordVisit(uuidv7(), { note: 'a new key sweeps' })
    expect(await idempotencyRepo.find(database.db, caller, old)).toBeUndefined()
    expect(await idempotencyRepo.forgetExpired(database.db)).toBe(0)
  })
})

describe('canonicalJson', () => {
  it('is the same whatever the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    )
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }))
  })
})
