import { chmod, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { Database } from '../../db/database'
import { appliedMigrationCount } from '../../db/migrate'
import type { DataCipherName } from '../../lib/crypto'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST,
  type Manifest,
  type ManifestPart,
  PRODUCT,
  partCodec,
  productVersion,
  STORED_FILE,
  sealManifest,
  sha256Hex,
} from './backup.format'
import { shippedMigrationTags } from './backup.migrate'
import { backupRepo } from './backup.repo'

/** Rows per database part: bounds the memory a table takes while it is written. */
const PART_ROWS = 5000

export interface BackupOptions {
  /** The backup becomes a new directory inside this one. */
  outDir: string
  attachmentsDir: string
  /** Encrypts every part with this 32-byte key (AES-256-GCM, or SM4-GCM when `algorithm` says so). */
  key?: Buffer | null
  algorithm?: DataCipherName
  now?: Date
}

export interface BackupResult {
  dir: string
  manifest: Manifest
}

/**
 * One consistent backup while the product runs: every table read in one REPEATABLE READ snapshot,
 * then the attachments. Attachments are named by their content and written before the row that
 * points at them commits, so every file a row of the snapshot names is already on disk.
 */
export async function createBackup(database: Database, options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? new Date()
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const dir = join(options.outDir, `wangge-backup-${stamp}`)
  const partial = `${dir}.partial`
  // Owner only: a backup holds every row, and may sit near the data key.
  await mkdir(options.outDir, { recursive: true, mode: 0o700 })
  await mkdir(join(partial, 'db'), { recursive: true, mode: 0o700 })
  await mkdir(join(partial, 'files'), { recursive: true, mode: 0o700 })
  await chmod(partial, 0o700)
  const codec = partCodec(
    options.key ? { algorithm: options.algorithm ?? 'aes-256-gcm', key: options.key } : null,
  )
  const parts: ManifestPart[] = []
  const writePart = async (name: string, plain: Buffer, extra: Partial<ManifestPart>) => {
    const stored = codec.encode(name, plain)
    await writeFile(join(partial, name), stored, { mode: 0o600 })
    parts.push({ name, sha256: sha256Hex(stored), bytes: stored.length, plainBytes: plain.length, ...extra })
  }

  const migrations = await appliedMigrationCount(database)
  const tables: Manifest['tables'] = {}
  let sequences: Manifest['sequences'] = {}
  await database.db.transaction(
    async (tx) => {
      for (const table of await backupRepo.tables(tx)) {
        const columns = (await backupRepo.columns(tx, table)).map((c) => c.name)
        let rows = 0
        let n = 0
        for await (const page of backupRepo.rows(tx, table, PART_ROWS)) {
          await writePart(`db/${table}.${n++}`, Buffer.from(page.map((r) => JSON.stringify(r)).join('\n')), {
            table,
            rows: page.length,
          })
          rows += page.length
        }
        tables[table] = { rows, columns }
      }
      sequences = await backupRepo.sequences(tx)
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )

  for (const path of await storedFiles(options.attachmentsDir)) {
    const bytes = await readFile(join(options.attachmentsDir, path))
    await writePart(`files/${path.slice(-64)}`, bytes, { path })
  }

  const manifest = sealManifest(
    {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      product: { name: PRODUCT, version: productVersion },
      createdAt: now.toISOString(),
      driver: database.kind,
      migrations: { count: migrations, last: shippedMigrationTags()[migrations - 1] ?? null },
      encryption: null,
      tables,
      sequences,
      parts,
    },
    codec.encryption,
  )
  await writeFile(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
  // Only a finished backup carries the final name: a crash leaves a `.partial` directory, never a backup.
  await rename(partial, dir)
  return { dir, manifest }
}

/** The attachments directory's files (ab/cd/<sha256>), without temporary files of uploads in flight. */
async function storedFiles(root: string): Promise<string[]> {
  let entries: string[]
  try {
    entries = await readdir(root, { recursive: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return entries
    .map((e) => relative(root, join(root, e)).split('\\').join('/'))
    .filter((p) => STORED_FILE.test(p))
    .sort()
}
