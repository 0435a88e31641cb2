import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { redisAnswers, TEST_REDIS } from '../../../test/support/redis'
import type { LiveBus } from './bus'
import { localBus } from './bus'
import { redisBus } from './redis-bus'

const REDIS = TEST_REDIS
const redisUp = await redisAnswers(REDIS)
if (!redisUp) console.warn(`Redis bus tests skipped: no Redis answers at ${REDIS} (set TEST_REDIS_URL)`)
const silent = pino({ level: 'silent' })
const opened: LiveBus[] = []
afterAll(() => Promise.all(opened.map((b) => b.close())))

/** Waits until `check` holds (or 2 s pass). */
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
}

describe('the live bus', () => {
  it('hands a message to this process’s subscribers at once, as JSON', () => {
    const bus = localBus()
    const heard: unknown[] = []
    const leave = bus.subscribe('notify', (m) => heard.push(m))
    bus.publish('notify', { userId: 'u1', at: new Date('2026-12-07T00:00:00Z') })
    expect(heard).toEqual([{ userId: 'u1', at: '2026-12-07T00:00:00.000Z' }])
    leave()
    bus.publish('notify', { userId: 'u2' })
    expect(heard).toHaveLength(1)
  })

  it.skipIf(!redisUp)('carries a message from one node to every node, each hearing it once', async () => {
    const a = await redisBus(REDIS, silent)
    const b = await redisBus(REDIS, silent)
    opened.push(a, b)
    const onA: unknown[] = []
    const onB: unknown[] = []
    a.subscribe('notify', (m) => onA.push(m))
    b.subscribe('notify', (m) => onB.push(m))
    b.subscribe('other', () => onB.push('wrong topic'))
    await Promise.all([a.ready(), b.ready()])
    a.publish('notify', { userId: 'u1', n: 1 })
    await until(() => onA.length === 1 && onB.length === 1)
    await new Promise((r) => setTimeout(r, 100))
    expect(onA).toEqual([{ userId: 'u1', n: 1 }])
    expect(onB).toEqual([{ userId: 'u1', n: 1 }])
  })

  it.skipIf(!redisUp)('refuses to start when Redis does not answer, saying where', async () => {
    await expect(redisBus('redis://:secret@127.0.0.1:1/0', silent)).rejects.toThrow(
      'Redis at redis://***@127.0.0.1:1/0 does not answer (REDIS_URL)',
    )
  })
})
