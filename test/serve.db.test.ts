import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_POINT, pgliteTarget, serve, serverTarget, signIn, stop, type Target } from './support/serve'

// `wangge serve` as a process: stopped by a signal, started again on the same data.

/** Reports a case as the administrator and answers its tracking number's running part. */
async function reportCase(base: string): Promise<number> {
  const cookie = await signIn(base)
  const res = await fetch(`${base}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify({
      categoryCode: '06010',
      location: DEMO_POINT,
      description: '路边有一堆垃圾',
      source: 'worker',
    }),
  })
  expect(res.status).toBe(201)
  const { no } = (await res.json()) as { no: string }
  // E + the day (yyyymmdd) + the running number.
  return Number(no.slice(9))
}

function rawConnection(base: string, request: string): Promise<Socket> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => resolve(socket))
    socket.on('error', () => {})
    socket.write(request)
  })
}

/** A signed-in live inbox socket whose client then never answers (a phone that lost coverage). */
async function silentLiveSocket(base: string): Promise<Socket> {
  const cookie = await signIn(base)
  const socket = await rawConnection(
    base,
    `GET /api/notifications/live HTTP/1.1\r\nHost: ${new URL(base).host}\r\nOrigin: ${base}\r\nCookie: ${cookie}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  )
  await new Promise<void>((resolve) => {
    let seen = ''
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1')
      if (seen.includes('101 Switching Protocols') && seen.includes('"hello"')) resolve()
    })
  })
  return socket
}

let target: Target
beforeAll(async () => {
  target = process.env.WANGGE_TEST_DRIVER === 'postgres' ? await serverTarget() : await pgliteTarget()
})
afterAll(() => target?.remove())

describe('wangge serve stops on a signal', () => {
  it('exits within 5 s of SIGTERM with a request half sent and a silent live socket; a restart opens the same data and numbers the next case after the last', async () => {
    // A first start loads the demo district and a year of its events.
    const first = await serve(target, { WANGGE_DEMO_EVENTS: '300' })
    await expect.poll(() => first.output()).toMatch(/Loaded a year of demo events: 300 in \d+ s/)
    const before = await reportCase(first.base)
    const halfSent = await rawConnection(first.base, 'GET /healthz HTTP/1.1\r\nHost: x\r\n')
    const silent = await silentLiveSocket(first.base)

    const stopped = await stop(first, 'SIGTERM')
    expect(stopped.code).toBe(0)
    expect(stopped.ms).toBeLessThan(5_000)
    halfSent.destroy()
    silent.destroy()

    const again = await serve(target)
    try {
      expect(await reportCase(again.base)).toBe(before + 1)
    } finally {
      expect((await stop(again, 'SIGINT')).code).toBe(0)
    }
  }, 300_000)
})
