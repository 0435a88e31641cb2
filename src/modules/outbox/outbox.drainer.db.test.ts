import { sql } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
import { createOutboxDrainer } from './outbox.drainer'
import { outboxRepo } from './outbox.repo'

let database: Database
beforeAll(async () => {
  database = await testDatabase()
})
afterAll(() => database?.close())

const quiet = pino({ level: 'silent' })
let n = 0
const topic = () => `test.${++n}`

async function enqueue(name: string, count: number) {
  for (let i = 0; i < count; i++) await outboxRepo.enqueue(database.db, name, { i })
}

/** A promise opened from outside: a handler held until the test lets it go, or a sign it started. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

const pending = async (name: string) => {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from outbox where topic = ${name} and delivered_at is null`,
  )
  return row?.n ?? 0
}

describe('the outbox drainer', () => {
  it('announces a claimed batch before its handlers run, and delivers every row once', async () => {
    const name = topic()
    await enqueue(name, 25)
    const drainer = createOutboxDrainer(database.db, quiet)
    const order: string[] = []
    drainer.announce(name, async (_tx, payloads) => {
      order.push(`announce ${payloads.length}`)
    })
    drainer.on(name, async (_tx, p) => {
      order.push(`handle ${String(p.i)}`)
      return undefined
    })
    expect(await drainer.drain()).toBe(25)
    // Three claims (10, 10, 5): each announced whole before the first of its rows is handled.
    expect(order.filter((o) => o.startsWith('announce'))).toEqual([
      'announce 10',
      'announce 10',
      'announce 5',
    ])
    expect(order[0]).toBe('announce 10')
    expect(order[11]).toBe('announce 10')
    expect(order.filter((o) => o.startsWith('handle'))).toHaveLength(25)
    expect(await pending(name)).toBe(0)
    expect(await drainer.drain()).toBe(0)
  })

  it('delivers the rest of a batch when an announcement fails, and retries only the row that failed', async () => {
    const name = topic()
    await enqueue(name, 3)
    const drainer = createOutboxDrainer(database.db, quiet)
    drainer.announce(name, async () => {
      throw new Error('the bus is down')
    })
    const handled: number[] = []
    drainer.on(name, async (tx, p) => {
      // A write of the handler's own, undone with its savepoint when the row fails.
      await outboxRepo.insertDelivered(tx, `${name}.log`, { i: p.i })
      if (p.i === 1) throw new Error('the gateway refused it')
      return () => handled.push(Number(p.i))
    })
    await drainer.drain()
    expect(handled.sort()).toEqual([0, 2])
    expect(await pending(name)).toBe(1)
    const [failed] = await queryRows<{ attempts: number; last_error: string; later: boolean }>(
      database.db,
      sql`select attempts, last_error, available_at > now() as later from outbox
        where topic = ${name} and delivered_at is null`,
    )
    expect(failed).toEqual({ attempts: 1, last_error: 'the gateway refused it', later: true })
    const [logged] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from outbox where topic = ${`${name}.log`}`,
    )
    expect(logged?.n).toBe(2)
  })

  it('takes a topic that only has an announcer, and marks it delivered', async () => {
    const name = topic()
    await enqueue(name, 4)
    const drainer = createOutboxDrainer(database.db, quiet)
    const heard: unknown[] = []
    drainer.announce(name, async (_tx, payloads) => {
      heard.push(...payloads.map((p) => p.i))
    })
    expect(await drainer.drain()).toBe(4)
    expect(heard).toEqual([0, 1, 2, 3])
    expect(await pending(name)).toBe(0)
  })

  // Two transactions at once need the pooled server; the embedded database runs one lane.
  it.runIf(process.env.WANGGE_TEST_DRIVER === 'postgres')(
    'takes a message written during a slow batch in a second lane, without waiting for the first',
    async () => {
      const name = topic()
      const drainer = createOutboxDrainer(database.db, quiet, 2)
      const slow = gate()
      const delivered: number[] = []
      const inSlowBatch = gate()
      drainer.on(name, async (_tx, p) => {
        if (p.i === 0) {
          inSlowBatch.open()
          await slow.opened
        }
        return () => delivered.push(Number(p.i))
      })
      await enqueue(name, 1)
      const first = drainer.drain()
      await inSlowBatch.opened
      await outboxRepo.enqueue(database.db, name, { i: 1 })
      const second = drainer.drain()
      await expect.poll(() => delivered, { timeout: 10_000 }).toEqual([1])
      slow.open()
      await Promise.all([first, second])
      expect(delivered).toEqual([1, 0])
      expect(await pending(name)).toBe(0)
    },
  )

  it.runIf(process.env.WANGGE_TEST_DRIVER === 'postgres')(
    'never delivers a case’s later message in a second lane while its earlier one is in a slow batch',
    async () => {
      const name = topic()
      const drainer = createOutboxDrainer(database.db, quiet, 2)
      const slow = gate()
      const delivered: string[] = []
      const inSlowBatch = gate()
      drainer.on(name, async (_tx, p) => {
        if (p.step === 'accept') {
          inSlowBatch.open()
          await slow.opened
        }
        return () => delivered.push(`${String(p.caseId)} ${String(p.step)}`)
      })
      await outboxRepo.enqueue(database.db, name, { caseId: 'a', step: 'accept' })
      const first = drainer.drain()
      await inSlowBatch.opened
      await outboxRepo.enqueue(database.db, name, { caseId: 'a', step: 'dispatch' })
      await outboxRepo.enqueue(database.db, name, { caseId: 'b', step: 'report' })
      const second = drainer.drain()
      // Another case goes ahead; case a's dispatch waits for its acceptance.
      await expect.poll(() => delivered, { timeout: 10_000 }).toEqual(['b report'])
      await new Promise((r) => setTimeout(r, 200))
      expect(delivered).toEqual(['b report'])
      slow.open()
      await Promise.all([first, second])
      await drainer.drain()
      expect(delivered).toEqual(['b report', 'a accept', 'a dispatch'])
    },
  )
})
