import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { redisAnswers, TEST_REDIS } from './support/redis'
import { DEMO_POINT, type Running, serve, serverTarget, signIn, stop, type Target } from './support/serve'

/**
 * Several `wangge serve` nodes on one PostgreSQL and one Redis: a change made through one node is
 * pushed to a live socket on another, once. Needs the PostgreSQL server and Redis (CI starts both).
 */
const REDIS = TEST_REDIS

const onServer = process.env.WANGGE_TEST_DRIVER === 'postgres'
const redisUp = onServer && (await redisAnswers(REDIS))
if (onServer && !redisUp)
  console.warn(`two-node tests skipped: no Redis answers at ${REDIS} (set TEST_REDIS_URL)`)

interface Pushed {
  at: number
  message: { type: string; notification?: { subject?: { caseId?: string } } }
}

/** A signed-in live inbox socket on a node, keeping what it hears and when. */
async function liveSocket(base: string, cookie: string): Promise<{ heard: Pushed[]; close(): void }> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/notifications/live`, {
    headers: { cookie, origin: base },
  })
  const heard: Pushed[] = []
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Pushed['message']
      if (message.type === 'hello') resolve()
      else heard.push({ at: Date.now(), message })
    })
    socket.on('error', reject)
  })
  return { heard, close: () => socket.close() }
}

let target: Target
let a: Running | undefined
let b: Running | undefined
beforeAll(async () => {
  if (!redisUp) return
  target = await serverTarget()
  // The first start migrates and loads the demo; the second joins the same database.
  a = await serve(target, { REDIS_URL: REDIS })
  b = await serve(target, { REDIS_URL: REDIS })
}, 120_000)
afterAll(async () => {
  await Promise.all([a && stop(a, 'SIGTERM'), b && stop(b, 'SIGTERM')])
  await target?.remove()
})

describe.skipIf(!redisUp)('two nodes on one PostgreSQL and Redis', () => {
  it('pushes a case reported through node A to the live sockets on node B and on A, each once, within a second', async () => {
    if (!a || !b) throw new Error('nodes not started')
    const onB = await liveSocket(b.base, await signIn(b.base))
    const onA = await liveSocket(a.base, await signIn(a.base))
    const cookie = await signIn(a.base)
    const res = await fetch(`${a.base}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.base, cookie },
      body: JSON.stringify({
        categoryCode: '06010',
        location: DEMO_POINT,
        description: '两节点推送',
        source: 'worker',
      }),
    })
    expect(res.status).toBe(201)
    const committed = Date.now()
    const { id } = (await res.json()) as { id: string }
    const about = (p: Pushed) => p.message.notification?.subject?.caseId === id
    for (let i = 0; i < 100 && !onB.heard.some(about); i++) await new Promise((r) => setTimeout(r, 20))
    const first = onB.heard.find(about)
    expect(first, 'node B heard the case').toBeDefined()
    expect((first?.at ?? Number.POSITIVE_INFINITY) - committed).toBeLessThan(1_000)
    // Each socket hears it once, however many nodes drain the outbox.
    await new Promise((r) => setTimeout(r, 1_500))
    expect(onB.heard.filter(about)).toHaveLength(1)
    expect(onA.heard.filter(about)).toHaveLength(1)
    onA.close()
    onB.close()
  })
})
