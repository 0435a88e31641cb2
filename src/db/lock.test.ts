import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir, lockRecord } from './lock'

const linux = existsSync('/proc/self/stat')
const children: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A data directory whose lock file says `record`. */
function lockedDir(record: string) {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-lock-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'wangge.lock'), record)
  return dir
}

/** A live process that is not this one (and not a wangge). */
function sleeper(): ChildProcess & { pid: number } {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' })
  children.push(child)
  if (!child.pid) throw new Error('sleep did not start')
  return child as ChildProcess & { pid: number }
}

/** The pid of a zombie: a child of `sleep`, which never reaps it. */
async function zombie(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  children.push(parent)
  const pid = await new Promise<number>((resolve) =>
    parent.stdout?.once('data', (chunk) => resolve(Number.parseInt(String(chunk), 10))),
  )
  for (let i = 0; i < 50; i++) {
    if (readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')) return pid
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`pid ${pid} did not become a zombie`)
}

describe('the data-directory lock', () => {
  it('refuses while the process that wrote the lock is alive', () => {
    const holder = sleeper()
    const dir = lockedDir(lockRecord(holder.pid))
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    expect(readFileSync(join(dir, 'wangge.lock'), 'utf8')).toBe(lockRecord(holder.pid))
  })

  it('takes over a lock of a process that is gone', () => {
    const dir = lockedDir('2147483646 12345')
    const release = lockDataDir(dir)
    expect(readFileSync(join(dir, 'wangge.lock'), 'utf8')).toBe(lockRecord(process.pid))
    release()
    expect(existsSync(join(dir, 'wangge.lock'))).toBe(false)
  })

  it.runIf(linux)('takes over a lock whose pid another process now has (another start time)', () => {
    const unrelated = sleeper()
    const [, startTime] = lockRecord(unrelated.pid).split(' ')
    const dir = lockedDir(`${unrelated.pid} ${Number(startTime) - 1000}`)
    const release = lockDataDir(dir)
    expect(readFileSync(join(dir, 'wangge.lock'), 'utf8')).toBe(lockRecord(process.pid))
    release()
  })

  it.runIf(linux)('takes over a lock held by a zombie (killed, not yet reaped)', async () => {
    const pid = await zombie()
    const dir = lockedDir(lockRecord(pid))
    const release = lockDataDir(dir)
    expect(readFileSync(join(dir, 'wangge.lock'), 'utf8')).toBe(lockRecord(process.pid))
    release()
  })

  it('still refuses a live holder of a lock written before start times were recorded', () => {
    const holder = sleeper()
    expect(() => lockDataDir(lockedDir(String(holder.pid)))).toThrow(DataDirLockedError)
  })
})
