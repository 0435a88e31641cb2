import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type Config, sameKey } from '../../config'
import { connect } from '../../db/connect'
import { lockDataDir } from '../../db/lock'
import { parseDataKey } from '../../lib/crypto'
import { openDatabase } from '../../server'
import { verifyAuditChain } from '../audit/audit.service'
import { attachmentsDir } from '../cases/attachments/attachments.storage'
import { BackupError } from './backup.format'
import { isEmptyDir, openBackup, restoreBackup } from './backup.restore'
import { backupDir } from './backup.schedule'
import { createBackup } from './backup.snapshot'

const say = (line: string) => process.stdout.write(`${line}\n`)

function optionOf(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** A backup key from a file (base64 of 32 bytes), else WANGGE_BACKUP_KEY, else none. */
function backupKey(file: string | undefined, config: Config): Buffer | null {
  if (file) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      throw new BackupError(`the key file ${file} cannot be read`)
    }
    const key = parseDataKey(text)
    if (!key) throw new BackupError(`the key file ${file} does not hold base64 of 32 bytes`)
    return key
  }
  return config.WANGGE_BACKUP_KEY ? parseDataKey(config.WANGGE_BACKUP_KEY) : null
}

/** The personal-data key as configured: WANGGE_DATA_KEY, else the embedded mode's key file. */
function currentDataKey(config: Config): string {
  if (config.WANGGE_DATA_KEY) return config.WANGGE_DATA_KEY.trim()
  const file = join(config.WANGGE_DATA_DIR, 'data.key')
  if (!existsSync(file))
    throw new BackupError(`there is no personal-data key to export (${file} does not exist)`)
  return readFileSync(file, 'utf8').trim()
}

function dataKeyIfAny(config: Config): string | null {
  try {
    return currentDataKey(config)
  } catch {
    return null
  }
}

/** `wangge backup [--out DIR] [--encrypt-key-file F] [--export-data-key F]` */
export async function backupCommand(args: string[], config: Config): Promise<number> {
  try {
    const key = backupKey(optionOf(args, '--encrypt-key-file'), config)
    if (key && sameKey(key, dataKeyIfAny(config)))
      throw new BackupError('the backup key is the personal-data key: use another key for backups')
    const exportTo = optionOf(args, '--export-data-key')
    const { database, release } = await openDatabase(config)
    try {
      const { dir, manifest } = await createBackup(database, {
        outDir: resolve(optionOf(args, '--out') ?? backupDir(config)),
        attachmentsDir: attachmentsDir(config),
        key,
        algorithm: config.WANGGE_DATA_CIPHER,
      })
      const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0)
      const files = manifest.parts.filter((p) => p.path).length
      const mb = (manifest.parts.reduce((n, p) => n + p.bytes, 0) / 1024 / 1024).toFixed(1)
      const how = manifest.encryption ? `encrypted with ${manifest.encryption.algorithm}` : 'not encrypted'
      say(`backup written to ${dir}: ${rows} rows, ${files} attachments, ${mb} MB, ${how}`)
      if (exportTo) {
        // 'wx': never overwrite a key file that may be the only copy of another key.
        writeFileSync(exportTo, `${currentDataKey(config)}\n`, { mode: 0o600, flag: 'wx' })
        say(`personal-data key exported to ${exportTo}: keep it apart from the backup`)
      } else
        say(
          'the personal-data key is not in the backup: keep a copy apart (wangge backup --export-data-key F)',
        )
      return 0
    } finally {
      await release()
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error
    process.stderr.write(`wangge backup: ${error.message}\n`)
    return 1
  }
}

/**
 * `wangge restore <backup> [--key-file F] [--allow-unencrypted]`: only into an empty database or
 * data directory. With a key, an unencrypted backup needs --allow-unencrypted.
 */
export async function restoreCommand(args: string[], config: Config): Promise<number> {
  const source = args[1]
  if (!source || source.startsWith('--')) {
    process.stderr.write('usage: wangge restore <backup directory> [--key-file F] [--allow-unencrypted]\n')
    return 2
  }
  const pgdata = join(config.WANGGE_DATA_DIR, 'pgdata')
  let created = false
  try {
    // Everything about the backup is checked before the target is opened.
    const backup = await openBackup(resolve(source), backupKey(optionOf(args, '--key-file'), config), {
      allowUnencrypted: args.includes('--allow-unencrypted'),
    })
    if (!config.DATABASE_URL && !(await isEmptyDir(pgdata)))
      throw new BackupError(
        `${resolve(pgdata)} already holds a database: restore only into an empty data directory`,
      )
    const files = attachmentsDir(config)
    if (!(await isEmptyDir(files))) throw new BackupError(`the attachments directory ${files} is not empty`)
    const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.WANGGE_DATA_DIR)
    created = !config.DATABASE_URL
    try {
      const database = await connect(config)
      try {
        const report = await restoreBackup(backup, database, { attachmentsDir: files })
        const audit = await verifyAuditChain(database.db, config.WANGGE_AUDIT_HASH)
        say(
          `restored ${report.rows} rows in ${report.tables} tables and ${report.files} attachments from ${resolve(source)} (migrations ${report.migrations.backup} → ${report.migrations.now})`,
        )
        say(
          audit.ok
            ? `audit chain intact: ${audit.sealed} rows verified`
            : `audit chain broken at row id ${audit.firstBreak?.id} (seq ${audit.firstBreak?.seq}): ${audit.firstBreak?.reason}`,
        )
        created = false
        if (!config.WANGGE_DATA_KEY && !existsSync(join(config.WANGGE_DATA_DIR, 'data.key')))
          say(
            `put the personal-data key back before serving: ${join(config.WANGGE_DATA_DIR, 'data.key')} or WANGGE_DATA_KEY`,
          )
        return audit.ok ? 0 : 1
      } finally {
        await database.close()
      }
    } finally {
      // A restore that failed half-way into a new data directory leaves it empty again.
      if (created) rmSync(pgdata, { recursive: true, force: true })
      unlock()
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error
    process.stderr.write(`wangge restore: ${error.message}\n`)
    return 1
  }
}
