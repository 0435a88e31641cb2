import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ADMIN_PASSWORD = 'Admin#2026pass'
export const SECURITY_ADMIN_PASSWORD = 'Guard#2026keys'
export const AUDIT_ADMIN_PASSWORD = 'Ledger#2026look'

const repo = fileURLToPath(new URL('../../', import.meta.url))
// The embedded PostgreSQL with PostGIS takes ~15 s on a first start; give a slow machine room.
const READY_TIMEOUT_MS = 120_000
const STOP_GRACE_MS = 10_000

export interface RunningServer {
  baseUrl: string
  process: ChildProcess
  dataDir: string
}

export function buildWebIfStale() {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], {
    cwd: repo,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('e2e: building the web app failed')
}

export async function startServer(): Promise<RunningServer> {
  return startServerWith()
}

export interface ServerOptions {
  /** An existing data directory to serve (a restart keeps its database); a fresh temporary one if not given. */
  dataDir?: string
  /** More environment for the server, e.g. `WANGGE_CLOCK` to freeze its clock. */
  env?: Record<string, string>
}

/**
 * Starts a server of one's own, on a free port: for a journey that must not share the common one (a
 * frozen clock, a restart). Stop it with `stopServerKeepingData` to start it again on the same data, and
 * with `stopServer` (or remove the directory) when done.
 */
export async function startServerWith(options: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wangge-e2e-'))
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['bin/wangge.mjs', 'serve'], {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WANGGE_DATA_DIR: dataDir,
      WANGGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      WANGGE_SECURITY_ADMIN_PASSWORD: SECURITY_ADMIN_PASSWORD,
      WANGGE_AUDIT_ADMIN_PASSWORD: AUDIT_ADMIN_PASSWORD,
      WANGGE_LOG_LEVEL: 'warn',
      // Every journey signs in from 127.0.0.1, dozens a minute; the limit itself is tested over HTTP
      // (src/modules/auth), not here.
      WANGGE_LOGIN_RATE_LIMIT: '1000',
      // The demo district without its year of events: journeys count what they make themselves.
      WANGGE_DEMO_EVENTS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  try {
    await waitUntilReady(baseUrl, child)
  } catch (error) {
    // A directory given by the caller is the caller's to remove.
    if (options.dataDir) await stopProcess(child)
    else await stopServer({ process: child, dataDir })
    throw error
  }
  return { baseUrl, process: child, dataDir }
}

/** Stops the server and leaves its data directory, to start it again on the same database. */
export async function stopServerKeepingData(server: Pick<RunningServer, 'process'>) {
  await stopProcess(server.process)
}

export async function stopServer(server: Pick<RunningServer, 'process' | 'dataDir'>) {
  await stopProcess(server.process)
  rmSync(server.dataDir, { recursive: true, force: true })
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}

async function waitUntilReady(baseUrl: string, child: ChildProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `e2e: the server exited before it was ready (${child.signalCode ?? `exit ${child.exitCode}`})`,
      )
    }
    if (await isReady(baseUrl)) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`e2e: ${baseUrl}/readyz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s`)
}

async function isReady(baseUrl: string) {
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })
    return response.status === 200
  } catch {
    return false
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
