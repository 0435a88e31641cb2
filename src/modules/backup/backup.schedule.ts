import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Config } from '../../config'
import type { Database } from '../../db/database'
import { parseDataKey } from '../../lib/crypto'
import { safeError } from '../../lib/safe-error'
import { attachmentsDir } from '../cases/attachments/attachments.storage'
import { createBackup } from './backup.snapshot'

type BackupConfig = Pick<
  Config,
  | 'WANGGE_DATA_DIR'
  | 'WANGGE_ATTACHMENTS_DIR'
  | 'WANGGE_BACKUP_DIR'
  | 'WANGGE_BACKUP_KEY'
  | 'WANGGE_BACKUP_KEEP'
  | 'WANGGE_BACKUP_INTERVAL_HOURS'
  | 'WANGGE_DATA_CIPHER'
>

/** Where backups go by default: WANGGE_BACKUP_DIR, or `backups/` in the data directory. */
export function backupDir(config: Pick<Config, 'WANGGE_BACKUP_DIR' | 'WANGGE_DATA_DIR'>): string {
  return config.WANGGE_BACKUP_DIR ?? join(config.WANGGE_DATA_DIR, 'backups')
}

const FINISHED = /^wangge-backup-\d{8}T\d{6}Z$/

/** Deletes finished backups beyond the newest `keep` (names sort by time). */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const finished = (await readdir(dir)).filter((name) => FINISHED.test(name)).sort()
  const old = finished.slice(0, Math.max(0, finished.length - keep))
  for (const name of old) await rm(join(dir, name), { recursive: true, force: true })
  return old
}

/** One scheduled backup, then pruning; logged either way, never thrown. */
export async function scheduledBackup(
  database: Database,
  config: BackupConfig,
  log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void },
  now = new Date(),
): Promise<string | null> {
  const started = Date.now()
  try {
    const out = backupDir(config)
    const { dir, manifest } = await createBackup(database, {
      outDir: out,
      attachmentsDir: attachmentsDir(config),
      key: config.WANGGE_BACKUP_KEY ? parseDataKey(config.WANGGE_BACKUP_KEY) : null,
      algorithm: config.WANGGE_DATA_CIPHER,
      now,
    })
    const removed = await pruneBackups(out, config.WANGGE_BACKUP_KEEP)
    log.info(
      {
        dir,
        rows: Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0),
        bytes: manifest.parts.reduce((n, p) => n + p.bytes, 0),
        encrypted: manifest.encryption !== null,
        removed: removed.length,
        ms: Date.now() - started,
      },
      'backup written',
    )
    return dir
  } catch (error) {
    log.error({ err: safeError(error) }, 'scheduled backup failed; the next one will try again')
    return null
  }
}

/** Backs up every WANGGE_BACKUP_INTERVAL_HOURS while serving; off at 0. */
export function startScheduledBackups(
  database: Database,
  config: BackupConfig,
  log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void },
) {
  const hours = config.WANGGE_BACKUP_INTERVAL_HOURS
  if (hours <= 0) return { stop: async () => {} }
  let running: Promise<unknown> | null = null
  const timer = setInterval(
    () => {
      // A backup slower than the interval is not run over by the next one.
      if (running) return
      running = scheduledBackup(database, config, log).finally(() => {
        running = null
      })
    },
    hours * 3600 * 1000,
  )
  timer.unref()
  log.info(
    { everyHours: hours, dir: backupDir(config), keep: config.WANGGE_BACKUP_KEEP },
    'scheduled backups on',
  )
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
