import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PGLITE_TEMPLATE, serverTemplateName, serverUrl } from './support/template'

/**
 * `wangge serve` as a process: started on a copy of the run's migrated template (the embedded
 * database in a data directory of its own, or a database on the PostgreSQL server), stopped by a
 * signal, started again on the same data.
 */
const ADMIN_PASSWORD = 'Admin#2026pass'
const DEMO_POINT = { lng: 104.06, lat: 30.66 }

interface Target {
  env: Record<string, string>
  remove(): Promise<void>
}

async function pgliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-serve-'))
  const { openPglite } = await import('../src/db/pglite')
  const copy = await openPglite({
    dataDir: join(dir, 'pgdata'),
    loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]),
  })
  await copy.close()
  return { env: { WANGGE_DATA_DIR: dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) }
}

async function serverTarget(): Promise<Target> {
  const name = `wangge_serve_${randomBytes(6).toString('hex')}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name} template ${serverTemplateName()}`)
  const dir = mkdtempSync(join(tmpdir(), 'wangge-serve-'))
  return {
    env: {
      DATABASE_URL: serverUrl(name),
      WANGGE_DATA_KEY: randomBytes(32).toString('base64'),
      WANGGE_DATA_DIR: dir,
    },
    remove: async () => {
      rmSync(dir, { recursive: true, force: true })
      await admin(`drop database if exists ${name} with (force)`)
    },
  }
}

interface Running {
  child: ChildProcess
  base: string
}

/** Starts the server on a free port and waits for its "ready at" line. */
function serve(target: Target): Promise<Running> {
  const child = spawn(process.execPath, ['bin/wangge.mjs', 'serve'], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      WANGGE_LOG_LEVEL: 'warn',
      WANGGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      WANGGE_SECURITY_ADMIN_PASSWORD: 'Guard#2026keys',
      WANGGE_AUDIT_ADMIN_PASSWORD: 'Ledger#2026look',
      ...target.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk
      const ready = /is ready at (http:\/\/[\d.]+:\d+)\//.exec(output)
      if (ready?.[1]) resolve({ child, base: ready[1] })
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready:\n${output}`)))
  })
}

/** Sends the signal and resolves with the exit code and how long the process took to go. */
function stop(running: Running, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now()
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve({ code, ms: Date.now() - sent }))
    running.child.kill(signal)
  })
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  })
  expect(res.status).toBe(200)
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

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
    const first = await serve(target)
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
