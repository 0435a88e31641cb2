import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { expect } from 'vitest'
import { PGLITE_TEMPLATE, serverTemplateName, serverUrl } from './template'

/**
 * `wangge serve` as a process for tests: started on a copy of the run's migrated template (the
 * embedded database in a data directory of its own, or a database on the PostgreSQL server).
 */
export const ADMIN_PASSWORD = 'Admin#2026pass'
export const DEMO_POINT = { lng: 104.06, lat: 30.66 }

export interface Target {
  env: Record<string, string>
  remove(): Promise<void>
}

export async function pgliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-serve-'))
  const { openPglite } = await import('../../src/db/pglite')
  const copy = await openPglite({
    dataDir: join(dir, 'pgdata'),
    loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]),
  })
  await copy.close()
  return { env: { WANGGE_DATA_DIR: dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) }
}

export async function serverTarget(): Promise<Target> {
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

export interface Running {
  child: ChildProcess
  base: string
  /** What it has printed so far. */
  output: () => string
}

/** Starts the server on a free port and waits for its "ready at" line. */
export function serve(target: Target, env: Record<string, string> = {}): Promise<Running> {
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
      // The demo district without its year of events, unless a test asks for them.
      WANGGE_DEMO_EVENTS: '0',
      ...target.env,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk
      const ready = /is ready at (http:\/\/[\d.]+:\d+)\//.exec(output)
      if (ready?.[1]) resolve({ child, base: ready[1], output: () => output })
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready:\n${output}`)))
  })
}

/** Sends the signal and resolves with the exit code and how long the process took to go. */
export function stop(running: Running, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now()
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve({ code, ms: Date.now() - sent }))
    running.child.kill(signal)
  })
}

export async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  })
  expect(res.status).toBe(200)
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}
