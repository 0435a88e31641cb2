import { type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { type Executor, queryRows, type Tx } from '../../db/database'
import { systemContext } from '../../lib/context'
import { recordAudit, sealAll, verifyAuditChain } from './audit.service'
import { auditLog } from './audit.tables'

let t: TestApp
beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t?.close())

const ZERO_HASH = '0'.repeat(64)
let n = 0
const uniqueTag = () => `t${++n}_${Date.now().toString(36)}`

interface ChainRow {
  id: number
  seq: number | null
  prev_hash: string | null
  hash: string | null
}

/** Writes `count` audit rows tagged with a fresh tag and returns them in id order. */
async function record(count: number, ex: Executor = t.database.db): Promise<ChainRow[]> {
  const tag = uniqueTag()
  for (let i = 0; i < count; i++) {
    await recordAudit(ex, systemContext('audit-test'), {
      action: 'test.record',
      resourceType: tag,
      resourceId: String(i),
      summary: { i },
    })
  }
  return rowsTagged(tag, ex)
}

function rowsTagged(tag: string, ex: Executor = t.database.db): Promise<ChainRow[]> {
  return queryRows<ChainRow>(
    ex,
    sql`select id::int as id, seq::int as seq, prev_hash, hash from audit_log where resource_type = ${tag} order by id`,
  )
}

async function rowById(id: number, ex: Executor = t.database.db): Promise<ChainRow | undefined> {
  const [row] = await queryRows<ChainRow>(
    ex,
    sql`select id::int as id, seq::int as seq, prev_hash, hash from audit_log where id = ${id}`,
  )
  return row
}

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back, so a tampered chain never outlives its test. */
async function rolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined
  try {
    await t.database.db.transaction(async (tx) => {
      result = await fn(tx)
      throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
  return result as T
}

/** The database's refusal of a statement (its SQLSTATE and message), or null if it was accepted. */
async function refusal(statement: SQL): Promise<{ code?: string; message: string } | null> {
  try {
    await rolledBack((tx) => tx.execute(statement))
    return null
  } catch (error) {
    const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message: string }
    return { code: cause.code, message: cause.message }
  }
}

describe('sealing', () => {
  it('takes rows in unsealed, then chains them in order: seq +1, each prev_hash the hash before', async () => {
    await sealAll(t.database.db)
    const [last] = await queryRows<{ seq: number | null; hash: string | null }>(
      t.database.db,
      sql`select seq::int as seq, hash from audit_log where seq is not null order by seq desc limit 1`,
    )
    const rows = await record(3)
    for (const r of rows) expect(r).toMatchObject({ seq: null, prev_hash: null, hash: null })

    expect(await sealAll(t.database.db)).toBe(3)
    const sealed = await Promise.all(rows.map((r) => rowById(r.id)))
    const start = last?.seq ?? 0
    expect(sealed.map((r) => r?.seq)).toEqual([start + 1, start + 2, start + 3])
    expect(sealed[0]?.prev_hash).toBe(last?.hash ?? ZERO_HASH)
    expect(sealed[1]?.prev_hash).toBe(sealed[0]?.hash)
    expect(sealed[2]?.prev_hash).toBe(sealed[1]?.hash)
    for (const r of sealed) expect(r?.hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('starts the chain from a hash of zeros at seq 1', async () => {
    await record(1)
    await sealAll(t.database.db)
    const [first] = await queryRows<{ prev_hash: string }>(
      t.database.db,
      sql`select prev_hash from audit_log where seq = 1`,
    )
    expect(first?.prev_hash).toBe(ZERO_HASH)
  })

  it('does not let a writer pre-seal its own row', async () => {
    const tag = uniqueTag()
    await t.database.db.insert(auditLog).values({
      actorType: 'system',
      action: 'test.forged',
      resourceType: tag,
      seq: 1_000_000,
      prevHash: 'f'.repeat(64),
      hash: 'f'.repeat(64),
    })
    const [row] = await rowsTagged(tag)
    expect(row).toMatchObject({ seq: null, prev_hash: null, hash: null })
  })

  it('verifies a clean chain as intact, sealing what waits', async () => {
    await record(2)
    const report = await verifyAuditChain(t.database.db)
    expect(report).toMatchObject({ ok: true, firstBreak: null, unsealed: 0 })
    expect(report.sealed).toBeGreaterThanOrEqual(2)
  })
})

describe('append-only', () => {
  it.each([
    [
      'UPDATE of a sealed row',
      (id: number) => sql`update audit_log set summary = '{"i":99}' where id = ${id}`,
      true,
    ],
    [
      'UPDATE of an unsealed row',
      (id: number) => sql`update audit_log set action = 'test.hidden' where id = ${id}`,
      false,
    ],
    ['DELETE of a sealed row', (id: number) => sql`delete from audit_log where id = ${id}`, true],
    ['DELETE of an unsealed row', (id: number) => sql`delete from audit_log where id = ${id}`, false],
    ['TRUNCATE', () => sql`truncate audit_log`, true],
  ])('refuses %s', async (_name, statement, sealed) => {
    const [row] = await record(1)
    if (!row) throw new Error('no row recorded')
    if (sealed) await sealAll(t.database.db)
    const refused = await refusal(statement(row.id))
    expect(refused).toMatchObject({ code: '42501', message: expect.stringContaining('append-only') })
    expect(await rowById(row.id)).toBeDefined()
  })
})

describe('tamper evidence', () => {
  /** What a superuser could do: switch the guard off, change rows, switch it back on. */
  async function asSuperuser(tx: Tx, statements: SQL[]) {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`)
    for (const statement of statements) await tx.execute(statement)
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`)
  }

  type Case = [string, (rows: ChainRow[]) => SQL[], (rows: ChainRow[]) => ChainRow, string]
  const cases: Case[] = [
    [
      'a summary changed',
      ([, mid]) => [sql`update audit_log set summary = '{"i":"forged"}' where id = ${mid?.id}`],
      ([, mid]) => mid as ChainRow,
      'hash_mismatch',
    ],
    [
      'a summary changed and its hash recomputed',
      ([, mid]) => [
        sql`update audit_log set summary = '{"i":"forged"}' where id = ${mid?.id}`,
        sql`update audit_log a set hash = audit_chain_hash(a.prev_hash, a) where id = ${mid?.id}`,
      ],
      ([, , next]) => next as ChainRow,
      'link_mismatch',
    ],
    [
      'a link rewritten',
      ([, mid]) => [sql`update audit_log set prev_hash = ${'f'.repeat(64)} where id = ${mid?.id}`],
      ([, mid]) => mid as ChainRow,
      'link_mismatch',
    ],
    [
      'a middle row deleted',
      ([, mid]) => [sql`delete from audit_log where id = ${mid?.id}`],
      ([, , next]) => next as ChainRow,
      'sequence_gap',
    ],
  ]

  it.each(cases)('names the first broken row when %s', async (_name, tamper, broken, reason) => {
    const recorded = await record(3)
    await sealAll(t.database.db)
    const rows = (await Promise.all(recorded.map((r) => rowById(r.id)))) as ChainRow[]
    const report = await rolledBack(async (tx) => {
      await asSuperuser(tx, tamper(rows))
      return verifyAuditChain(tx)
    })
    const expected = broken(rows)
    expect(report.ok).toBe(false)
    expect(report.firstBreak).toEqual({ id: expected.id, seq: expected.seq, reason })
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true)
  })
})

describe('SM3 (WANGGE_AUDIT_HASH=sm3)', () => {
  it('seals with SM3, tagged in the hash, continuing a SHA-256 chain, and the mixed chain verifies', async () => {
    const before = await record(2)
    await sealAll(t.database.db, 'sha256')
    const after = await record(2)
    expect(await sealAll(t.database.db, 'sm3')).toBe(2)
    const [lastSha, firstSm3, secondSm3] = await Promise.all(
      [before[1], after[0], after[1]].map((r) => rowById(r?.id as number)),
    )
    expect(lastSha?.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(firstSm3?.hash).toMatch(/^sm3:[0-9a-f]{64}$/)
    expect(firstSm3?.seq).toBe((lastSha?.seq as number) + 1)
    expect(firstSm3?.prev_hash).toBe(lastSha?.hash)
    expect(secondSm3?.prev_hash).toBe(firstSm3?.hash)

    await record(1)
    expect(await verifyAuditChain(t.database.db, 'sha256')).toMatchObject({ ok: true, unsealed: 0 })
    expect((await verifyAuditChain(t.database.db, 'sm3')).ok).toBe(true)
  })

  it('names an altered SM3 row, and one whose SM3 hash was recomputed as SHA-256', async () => {
    const recorded = await record(2)
    await sealAll(t.database.db, 'sm3')
    const [first, second] = (await Promise.all(recorded.map((r) => rowById(r.id)))) as ChainRow[]
    const altered = await rolledBack(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`)
      await tx.execute(sql`update audit_log set summary = '{"i":"forged"}' where id = ${first?.id}`)
      return verifyAuditChain(tx, 'sm3')
    })
    expect(altered.firstBreak).toEqual({ id: first?.id, seq: first?.seq, reason: 'hash_mismatch' })

    const rehashed = await rolledBack(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`)
      await tx.execute(sql`update audit_log set summary = '{"i":"forged"}' where id = ${first?.id}`)
      await tx.execute(
        sql`update audit_log a set hash = audit_chain_hash(a.prev_hash, a) where id = ${first?.id}`,
      )
      return verifyAuditChain(tx, 'sm3')
    })
    expect(rehashed.firstBreak).toEqual({ id: second?.id, seq: second?.seq, reason: 'link_mismatch' })
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true)
  })
})

describe('GET /api/audit', () => {
  async function entries(action: string, count: number) {
    for (let i = 0; i < count; i++)
      await recordAudit(t.database.db, systemContext('audit-test'), { action, summary: { i } })
  }
  const page = (cookie: string, query: string) =>
    t.call({ method: 'GET', url: `/api/audit?${query}`, cookie })

  it('shows an administrator the log newest first, filtered by action, page by page', async () => {
    const a = await t.as([{ key: 'audit_admin' }])
    const action = `test.${uniqueTag()}`
    await entries(action, 3)

    const newest = await page(a.cookie, 'limit=10')
    expect(newest.statusCode, newest.body).toBe(200)
    const ids = newest.json().items.map((e: { id: string }) => Number(e.id))
    expect(ids).toEqual([...ids].sort((x, y) => y - x))

    const first = await page(a.cookie, `action=${action}&limit=2`)
    expect(first.statusCode).toBe(200)
    const one = first.json()
    expect(one.items).toHaveLength(2)
    expect(one.items.map((e: { summary: { i: number } }) => e.summary.i)).toEqual([2, 1])
    expect(one.items.every((e: { action: string }) => e.action === action)).toBe(true)
    expect(one.nextCursor).toBe(one.items[1].id)

    const second = (await page(a.cookie, `action=${action}&limit=2&cursor=${one.nextCursor}`)).json()
    expect(second.items.map((e: { summary: { i: number } }) => e.summary.i)).toEqual([0])
    expect(second.nextCursor).toBeNull()
  })

  it('records who did what: the administrator’s own sign-in is there', async () => {
    const a = await t.as([{ key: 'audit_admin' }])
    const res = await page(a.cookie, `actorId=${a.id}&action=auth.login`)
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([
      expect.objectContaining({
        actorType: 'user',
        actorId: a.id,
        actorName: a.username,
        action: 'auth.login',
      }),
    ])
  })

  it('refuses a grid worker with 403 auth.forbidden', async () => {
    const w = await t.as([{ key: 'grid_worker', scope: { type: 'grid', path: '510104.001.002' } }])
    const res = await page(w.cookie, 'limit=10')
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('auth.forbidden')
  })

  it.each([
    ['not a number', 'abc'],
    ['beyond any id', '99999999999999999999'],
  ])('refuses a cursor that is %s with 400 request.invalid', async (_name, cursor) => {
    const a = await t.as([{ key: 'audit_admin' }])
    const res = await page(a.cookie, `cursor=${cursor}`)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toBe('request.invalid')
  })
})
