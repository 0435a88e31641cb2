import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export class DataDirLockedError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite is a single-process database: two processes writing one data directory corrupt it.
 * A lock file holding the owner's pid keeps the second one out; a lock left by a dead process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'wangge.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      // Two processes taking over the same stale lock: the later one removes the earlier one's file.
      // After a moment only one pid is in the file; the other process backs off.
      if (attempt > 0) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
        const holder = Number.parseInt(readFileSync(file, 'utf8'), 10)
        if (holder !== process.pid)
          throw new DataDirLockedError(`data directory ${dir} was just taken by pid ${holder}`)
      }
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10)
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `data directory ${dir} is in use by another wangge process (pid ${owner}); stop it or set WANGGE_DATA_DIR to another directory`,
        )
      }
      rmSync(file, { force: true })
    }
  }
  throw new DataDirLockedError(`could not lock data directory ${dir}`)
}
