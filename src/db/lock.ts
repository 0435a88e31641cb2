import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export class DataDirLockedError extends Error {}

/** What /proc tells of a process (Linux); null where there is no /proc or no such process. */
function procStat(pid: number): { state: string; startTime: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name, in parentheses, may hold spaces and parentheses: fields count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const state = fields[0]
    const startTime = fields[19]
    return state && startTime ? { state, startTime } : null
  } catch {
    return null
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The lock file's content: the holder's pid and, where /proc tells it, the start time of that process. */
export function lockRecord(pid: number): string {
  const stat = procStat(pid)
  return stat ? `${pid} ${stat.startTime}` : String(pid)
}

/**
 * A holder is alive only if its pid answers, is not a zombie (a killed process its parent has not
 * reaped yet), and is the same process that wrote the lock: after a restart or a kill -9 the pid may
 * belong to another process now, which started at another time.
 */
export function holderAlive(record: string): boolean {
  const [pidText = '', startTime] = record.trim().split(/\s+/)
  const pid = Number.parseInt(pidText, 10)
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  if (!signalable(pid)) return false
  const stat = procStat(pid)
  if (!stat) return true // no /proc (not Linux): the pid is all there is to go by
  if (stat.state === 'Z' || stat.state === 'X') return false
  return startTime === undefined || startTime === stat.startTime
}

/**
 * PGlite is a single-process database: two processes writing one data directory corrupt it.
 * A lock file naming the owner (pid and start time) keeps the second one out; a lock left by a
 * process that is gone, a zombie, or whose pid another process now has, is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'wangge.lock')
  const mine = lockRecord(process.pid)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, mine)
      closeSync(fd)
      // Two processes taking over the same stale lock: the later one removes the earlier one's file.
      // After a moment only one record is in the file; the other process backs off.
      if (attempt > 0) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
        const holder = readFileSync(file, 'utf8')
        if (holder !== mine)
          throw new DataDirLockedError(`data directory ${dir} was just taken by pid ${holder.split(' ')[0]}`)
      }
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const record = readFileSync(file, 'utf8')
      if (holderAlive(record)) {
        throw new DataDirLockedError(
          `data directory ${dir} is in use by another wangge process (pid ${record.trim().split(/\s+/)[0]}); stop it or set WANGGE_DATA_DIR to another directory`,
        )
      }
      rmSync(file, { force: true })
    }
  }
  throw new DataDirLockedError(`could not lock data directory ${dir}`)
}
