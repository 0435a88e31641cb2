import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import type { Database } from '../../db/database'
import { appliedMigrationCount, migrate } from '../../db/migrate'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  checkKey,
  MANIFEST,
  type Manifest,
  ManifestSchema,
  type PartCodec,
  PRODUCT,
  sha256Hex,
} from './backup.format'
import { migrateTo, shippedMigrationTags } from './backup.migrate'
import { backupRepo, CLUSTER_BOUND_TABLES } from './backup.repo'

/** A backup whose manifest, key and every part's checksum have been checked. */
export interface VerifiedBackup {
  dir: string
  manifest: Manifest
  codec: PartCodec
}

/**
 * Reads and checks a backup completely before anything is written: a refusal leaves the target as
 * it was. Throws BackupError with a one-line reason.
 */
export async function openBackup(
  dir: string,
  key: Buffer | null,
  options: { allowUnencrypted?: boolean } = {},
): Promise<VerifiedBackup> {
  const manifest = parseManifest(await readManifest(dir))
  const tags = shippedMigrationTags()
  const { count, last } = manifest.migrations
  if (count > tags.length)
    throw new BackupError(
      `the backup is from a newer Wangge (its database has ${count} migrations, last ${last}; this version knows ${tags.length}): restore it with that version or later`,
    )
  if (count > 0 && tags[count - 1] !== last)
    throw new BackupError(
      `the backup's migrations do not match this version's (its migration ${count} is ${last}, here ${tags[count - 1]})`,
    )
  const codec = checkKey(manifest, key, options)
  for (const part of manifest.parts) {
    const stored = await readFile(join(dir, part.name)).catch(() => null)
    if (!stored) throw new BackupError(`the backup is incomplete: its part ${part.name} is missing`)
    if (stored.length !== part.bytes)
      throw new BackupError(
        `the backup is truncated or damaged: its part ${part.name} has ${stored.length} bytes, not ${part.bytes}`,
      )
    if (sha256Hex(stored) !== part.sha256)
      throw new BackupError(`the backup is damaged: its part ${part.name} does not match its checksum`)
  }
  for (const [table, { rows }] of Object.entries(manifest.tables)) {
    const inParts = manifest.parts.filter((p) => p.table === table).reduce((n, p) => n + (p.rows ?? 0), 0)
    if (inParts !== rows) throw new BackupError(`the backup's manifest is inconsistent: table ${table}`)
  }
  return { dir, manifest, codec }
}

async function readManifest(dir: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8')
  } catch {
    throw new BackupError(`not a Wangge backup: ${join(dir, MANIFEST)} cannot be read`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new BackupError('the backup is damaged or truncated: its manifest is not valid JSON')
  }
}

function parseManifest(raw: unknown): Manifest {
  const head = (raw ?? {}) as { format?: unknown; formatVersion?: unknown; product?: { name?: unknown } }
  if (head.format !== BACKUP_FORMAT || head.product?.name !== PRODUCT)
    throw new BackupError(
      `not a Wangge backup (format ${String(head.format)}, product ${String(head.product?.name)})`,
    )
  if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `the backup is from a newer Wangge (backup format ${head.formatVersion}; this version reads ${BACKUP_FORMAT_VERSION})`,
    )
  const parsed = ManifestSchema.safeParse(raw)
  if (!parsed.success) throw new BackupError('the backup is damaged: its manifest is incomplete')
  return parsed.data
}

export interface RestoreReport {
  tables: number
  rows: number
  files: number
  /** Migrations of the backup, and after restoring (more when the backup was older than this version). */
  migrations: { backup: number; now: number }
}

const INSERT_ROWS = 1000

/**
 * Restores into an empty database and an empty attachments directory: the schema as of the backup,
 * the rows in place of any the migrations seeded (triggers and foreign keys off, counts checked, in
 * one transaction), the later migrations,
 * and the attachments, each checked against its name.
 */
export async function restoreBackup(
  backup: VerifiedBackup,
  target: Database,
  options: { attachmentsDir: string },
): Promise<RestoreReport> {
  const { manifest, codec, dir } = backup
  if (!(await backupRepo.isEmpty(target.db)))
    throw new BackupError('the target database is not empty: restore only into an empty database')
  if (!(await isEmptyDir(options.attachmentsDir)))
    throw new BackupError(`the attachments directory ${options.attachmentsDir} is not empty`)

  // The attachments are written first, beside their place, and moved in only once the database
  // has committed: a full disk or a refused row leaves neither half behind.
  const staging = `${resolve(options.attachmentsDir)}.restoring-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  let rows = 0
  let files = 0
  let now = 0
  try {
    files = await writeAttachments(backup, staging)
    await migrateTo(target, manifest.migrations.count)
    await target.db.transaction(async (tx) => {
      await backupRepo.withoutTriggers(tx)
      const present = new Set(await backupRepo.tables(tx))
      for (const [table, { columns }] of Object.entries(manifest.tables)) {
        // A backup made before the change log was left out still lists it: the restored database starts its own.
        if (CLUSTER_BOUND_TABLES.has(table)) continue
        const here = present.has(table) ? await backupRepo.columns(tx, table) : []
        if (here.map((c) => c.name).join(',') !== columns.join(','))
          throw new BackupError(`the backup's table ${table} does not match this version's schema`)
        const insertable = here.filter((c) => c.insertable).map((c) => c.name)
        await backupRepo.clear(tx, table)
        for (const part of manifest.parts.filter((p) => p.table === table)) {
          const lines = codec
            .decode(part.name, await readFile(join(dir, part.name)), part.plainBytes)
            .toString('utf8')
            .split('\n')
            .map((line) => JSON.parse(line) as string)
          for (let i = 0; i < lines.length; i += INSERT_ROWS)
            await backupRepo.insert(tx, table, insertable, lines.slice(i, i + INSERT_ROWS))
          rows += lines.length
        }
        const count = await backupRepo.count(tx, table)
        if (count !== manifest.tables[table]?.rows)
          throw new BackupError(
            `table ${table} restored ${count} rows, the backup has ${manifest.tables[table]?.rows}`,
          )
      }
      for (const [name, { value, isCalled }] of Object.entries(manifest.sequences))
        await backupRepo.setSequence(tx, name, value, isCalled)
    })
    await migrate(target)
    now = await appliedMigrationCount(target)

    // Checked empty above; rmdir removes only an empty directory, so nothing written since is lost.
    await rmdir(options.attachmentsDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    await rename(staging, options.attachmentsDir)
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }
  return {
    tables: Object.keys(manifest.tables).length,
    rows,
    files,
    migrations: { backup: manifest.migrations.count, now },
  }
}

/** Writes the backup's attachments under `dir`, each checked against its name; answers their count. */
async function writeAttachments(
  { manifest, codec, dir: from }: VerifiedBackup,
  dir: string,
): Promise<number> {
  let files = 0
  for (const part of manifest.parts) {
    if (!part.path) continue
    const file = resolve(dir, part.path)
    // The manifest's schema already holds paths to `ab/cd/<sha256>`; this keeps any other out.
    if (relative(resolve(dir), file) !== part.path.split('/').join(sep))
      throw new BackupError(
        `the backup's attachment ${part.path} is not a path under the attachments directory`,
      )
    const bytes = codec.decode(part.name, await readFile(join(from, part.name)), part.plainBytes)
    if (sha256Hex(bytes) !== part.path.slice(-64))
      throw new BackupError(`the backup's attachment ${part.path} does not match its name`)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, bytes, { mode: 0o640 })
    files++
  }
  return files
}

export async function isEmptyDir(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isDirectory()) return false
    return (await readdir(path)).length === 0
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw error
  }
}
