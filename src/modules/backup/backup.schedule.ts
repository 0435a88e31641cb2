import { readdir, rm } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
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
const PARTIAL = /^wangge-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.partial$/
/** A `.partial` backup older than this was left by a crash: no backup takes a day to write. */
const PARTIAL_STALE_MS = 24 * 3600 * 1000

/**
 * Deletes finished backups beyond the newest `keep` (names sort by time), and `.partial` ones
 * that were started more than a day before `now` (a crash's leftovers).
 */
export async function pruneBackups(dir: string, keep: number, now = new Date()): Promise<string[]> {
  const names = await readdir(dir)
  const finished = names.filter((name) => FINISHED.test(name)).sort()
  const old = finished.slice(0, Math.max(0, finished.length - keep))
  const stale = names.filter((name) => {
    const t = PARTIAL.exec(name)
    if (!t) return false
    const started = Date.parse(`${t[1]}-${t[2]}-${t[3]}T${t[4]}:${t[5]}:${t[6]}Z`)
    return now.getTime() - started > PARTIAL_STALE_MS
  })
  for (const name of [...old, ...stale]) await rm(join(dir, name), { recursive: true, force: true })
  return [...old, ...stale]
}

/** What an operator should hear about the scheduled backups' settings. */
export function scheduleWarnings(config: BackupConfig): string[] {
  const warnings: string[] = []
  if (!config.WANGGE_BACKUP_KEY)
    warnings.push('scheduled backups are not encrypted: set WANGGE_BACKUP_KEY (base64 of 32 bytes)')
  const inside = relative(resolve(config.WANGGE_DATA_DIR), resolve(backupDir(config)))
  if (!inside.startsWith('..') && !isAbsolute(inside))
    warnings.push(
      'scheduled backups are written inside the data directory, beside the database and its key: set WANGGE_BACKUP_DIR to another disk',
    )
  return warnings
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
    const removed = await pruneBackups(out, config.WANGGE_BACKUP_KEEP, now)
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

/**
 * Backs up every WANGGE_BACKUP_INTERVAL_HOURS while serving the embedded database; off at 0. A
 * PostgreSQL server is shared by several nodes, each of which would back it up: there the DBA's
 * pg_dump/pgBackRest, or one host's cron running `wangge backup`, takes the backups.
 */
export function startScheduledBackups(
  database: Database,
  config: BackupConfig,
  log: {
    info: (o: object, m: string) => void
    warn: (o: object, m: string) => void
    error: (o: object, m: string) => void
  },
) {
  const hours = config.WANGGE_BACKUP_INTERVAL_HOURS
  if (hours <= 0) return { stop: async () => {} }
  if (database.kind !== 'pglite') {
    log.warn(
      { everyHours: hours },
      'scheduled backups are taken only with the embedded database: with PostgreSQL use pg_dump or pgBackRest, or run `wangge backup` from one host',
    )
    return { stop: async () => {} }
  }
  for (const warning of scheduleWarnings(config)) log.warn({ dir: backupDir(config) }, warning)
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
