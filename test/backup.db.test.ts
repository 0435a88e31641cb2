import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, queryRows } from '../src/db/database'
import { appliedMigrationCount, shippedMigrationCount } from '../src/db/migrate'
import { systemContext } from '../src/lib/context'
import { dataCipher, newDataKey, parseDataKey } from '../src/lib/crypto'
import { recordAudit, sealAll, verifyAuditChain } from '../src/modules/audit/audit.service'
import { BackupError } from '../src/modules/backup/backup.format'
import { migrateTo } from '../src/modules/backup/backup.migrate'
import { backupRepo } from '../src/modules/backup/backup.repo'
import { openBackup, restoreBackup } from '../src/modules/backup/backup.restore'
import { scheduledBackup } from '../src/modules/backup/backup.schedule'
import { createBackup } from '../src/modules/backup/backup.snapshot'
import { type TestApp, testApp } from './support/app'
import { box } from './support/geo'
import { png } from './support/images'
import { serverUrl } from './support/template'

/**
 * The restore drill (数据备份与恢复演练): fill a database, back it up, lose it, restore it into a
 * fresh one, and check that nothing is missing or changed; then the backups a restore must refuse.
 */
const work = mkdtempSync(join(tmpdir(), 'wangge-backup-'))
const dataKey = newDataKey()
const backupKey = randomBytes(32)
const CONTACT = { name: '欧阳娜娜', phone: '13812341234' }

let emptyPglite: Blob | null = null

/**
 * A new, empty database on the driver under test: no table of ours, no migration. On PGlite it
 * comes with PostGIS and ltree already created (as a DBA often prepares a server database), made
 * once and copied, since creating PostGIS is most of the cost of a fresh embedded database.
 */
async function emptyDatabase(): Promise<Database> {
  if (process.env.WANGGE_TEST_DRIVER !== 'postgres') {
    const { openPglite } = await import('../src/db/pglite')
    if (!emptyPglite) {
      const base = await openPglite({})
      await base.client.exec('create extension if not exists postgis; create extension if not exists ltree;')
      emptyPglite = await base.client.dumpDataDir('none')
      await base.close()
    }
    return openPglite({ loadDataDir: emptyPglite })
  }
  const name = `wangge_restore_${randomBytes(6).toString('hex')}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  await admin(`create database ${name}`)
  const { openPostgres } = await import('../src/db/postgres')
  const database = await openPostgres(serverUrl(name), 2)
  return {
    ...database,
    close: async () => {
      await database.close()
      await admin(`drop database if exists ${name} with (force)`)
    },
  }
}

async function counts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of await backupRepo.tables(database.db))
    out[table] = await backupRepo.count(database.db, table)
  return out
}

let t: TestApp | null
let backupDir: string
let before: Record<string, number>
let photo: Buffer
const opened: Database[] = []

beforeAll(async () => {
  const files = join(work, 'attachments')
  t = await testApp({
    WANGGE_ATTACHMENTS_DIR: files,
    WANGGE_DATA_KEY: dataKey,
    WANGGE_DATA_CIPHER: 'sm4-gcm',
  })
  const app = t
  const admin = await app.as([{ key: 'admin' }])
  const grid = async (code: string, level: string, parentCode: string | null, size: number) => {
    const res = await app.call({
      method: 'POST',
      url: '/api/grids',
      cookie: admin.cookie,
      payload: { code, name: `${level}演练`, level, parentCode, boundary: box(90, 30, size) },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().path as string
  }
  await grid('470101', 'district', null, 0.4)
  await grid('470101001', 'street', '470101', 0.3)
  await grid('470101001001', 'community', '470101001', 0.2)
  const gridPath = await grid('470101001001001', 'grid', '470101001001', 0.1)
  const worker = await app.as([{ key: 'grid_worker', scope: { type: 'grid', path: gridPath } }])
  const point = { lng: 90.01, lat: 30.01 }

  const reported = await app.call({
    method: 'POST',
    url: '/api/public/cases',
    remoteAddress: '198.51.100.7',
    payload: { categoryCode: '06010', location: point, description: '路边有一堆垃圾', contact: CONTACT },
  })
  expect(reported.statusCode, reported.body).toBe(201)
  const staffCase = await app.call({
    method: 'POST',
    url: '/api/cases',
    cookie: worker.cookie,
    payload: { source: 'worker', categoryCode: '06010', location: point, description: '井盖缺失' },
  })
  expect(staffCase.statusCode, staffCase.body).toBe(201)
  photo = png({ text: { Comment: randomBytes(8).toString('hex') } })
  const uploaded = await app.call({
    method: 'POST',
    url: `/api/cases/${staffCase.json().id}/attachments`,
    cookie: worker.cookie,
    headers: { 'content-type': 'image/png' },
    payload: photo,
  })
  expect(uploaded.statusCode, uploaded.body).toBe(201)

  // A chain sealed partly with SHA-256, partly with SM3, and a row still waiting to be sealed.
  await sealAll(app.database.db, 'sha256')
  await recordAudit(app.database.db, systemContext('drill'), { action: 'test.drill', summary: { i: 1 } })
  await sealAll(app.database.db, 'sm3')
  await recordAudit(app.database.db, systemContext('drill'), { action: 'test.drill', summary: { i: 2 } })

  const made = await createBackup(app.database, {
    outDir: join(work, 'backups'),
    attachmentsDir: files,
    key: backupKey,
    algorithm: 'sm4-gcm',
  })
  backupDir = made.dir
  before = await counts(app.database)
  // The loss: the database and the attachments are gone.
  await app.close()
  t = null
  rmSync(files, { recursive: true, force: true })
  opened.push(await emptyDatabase()) // makes the empty embedded database the restores copy
}, 300_000)

afterAll(async () => {
  await t?.close()
  for (const database of opened) await database.close()
  rmSync(work, { recursive: true, force: true })
})

async function restoredInto(dir = backupDir, key: Buffer | null = backupKey) {
  const target = await emptyDatabase()
  opened.push(target)
  const files = join(work, `restored-${randomBytes(4).toString('hex')}`)
  const report = await restoreBackup(await openBackup(dir, key), target, { attachmentsDir: files })
  return { target, files, report }
}

let drill: Awaited<ReturnType<typeof restoredInto>>

describe('the restore drill', () => {
  it('brings back every row, the attachment bytes, a verifiable audit chain and a readable contact', async () => {
    drill = await restoredInto()
    const { target, files, report } = drill
    expect(await counts(target)).toEqual(before)
    // The photo and its public copy (stripped of the text chunk).
    expect(report).toMatchObject({ files: 2, migrations: { now: shippedMigrationCount() } })
    expect(before.audit_log).toBeGreaterThan(5)

    const audit = await verifyAuditChain(target.db)
    expect(audit).toMatchObject({ ok: true, firstBreak: null, sealed: before.audit_log })

    const [attachment] = await queryRows<{ path: string; public_path: string }>(
      target.db,
      sql`select path, public_path from case_attachments`,
    )
    expect(readFileSync(join(files, attachment?.path as string)).equals(photo)).toBe(true)
    expect(existsSync(join(files, attachment?.public_path as string))).toBe(true)

    const [row] = await queryRows<{ reporter_contact: string }>(
      target.db,
      sql`select reporter_contact from cases where reporter_contact is not null`,
    )
    expect(row?.reporter_contact).toMatch(/^s1\./)
    const key = parseDataKey(dataKey) as Buffer
    expect(JSON.parse(dataCipher(key).decrypt(row?.reporter_contact as string))).toEqual(CONTACT)
  }, 300_000)

  it('keeps the personal-data key out of the backup, and every part encrypted', () => {
    const manifest = readFileSync(join(backupDir, 'manifest.json'), 'utf8')
    expect(manifest).not.toContain(dataKey)
    expect(JSON.parse(manifest).encryption.algorithm).toBe('sm4-gcm')
    const part = JSON.parse(manifest).parts.find((p: { table?: string }) => p.table === 'cases')
    const stored = readFileSync(join(backupDir, part.name))
    expect(stored.includes(Buffer.from('路边有一堆垃圾'))).toBe(false)
    expect(stored.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false) // not even plain gzip
  })

  it('restores a backup taken before the latest migration, then migrates it', async () => {
    const old = await emptyDatabase()
    opened.push(old)
    await migrateTo(old, shippedMigrationCount() - 1)
    await recordAudit(old.db, systemContext('drill'), { action: 'test.old', summary: {} })
    const { dir } = await createBackup(old, { outDir: join(work, 'old'), attachmentsDir: join(work, 'none') })
    const { target, report } = await restoredInto(dir, null)
    expect(report.migrations).toEqual({ backup: shippedMigrationCount() - 1, now: shippedMigrationCount() })
    expect(await appliedMigrationCount(target)).toBe(shippedMigrationCount())
    expect((await verifyAuditChain(target.db)).ok).toBe(true)
  }, 300_000)
})

describe('refused backups', () => {
  /** A copy of the drill's backup, changed by `alter`. */
  function altered(alter: (dir: string, manifest: Record<string, unknown>) => void): string {
    const dir = join(work, `altered-${randomBytes(4).toString('hex')}`)
    cpSync(backupDir, dir, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    alter(dir, manifest)
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
    return dir
  }
  const firstPart = (m: Record<string, unknown>, kind: 'db' | 'files') =>
    (m.parts as { name: string }[]).find((p) => p.name.startsWith(kind))?.name as string

  it.each([
    [
      'a damaged part',
      (dir: string, m: Record<string, unknown>) => {
        const file = join(dir, firstPart(m, 'db'))
        const bytes = readFileSync(file)
        bytes[20] = (bytes[20] ?? 0) ^ 1
        writeFileSync(file, bytes)
      },
      /damaged: its part db\/\w+\.0 does not match its checksum/,
    ],
    [
      'a truncated attachment',
      (dir: string, m: Record<string, unknown>) => truncateSync(join(dir, firstPart(m, 'files')), 10),
      /truncated or damaged: its part files\/[0-9a-f]{64} has 10 bytes/,
    ],
    [
      'a missing part',
      (dir: string, m: Record<string, unknown>) => rmSync(join(dir, firstPart(m, 'db'))),
      /incomplete: its part .* is missing/,
    ],
    [
      'a truncated manifest',
      () => {},
      /manifest is not valid JSON/,
      (dir: string) =>
        writeFileSync(
          join(dir, 'manifest.json'),
          readFileSync(join(backupDir, 'manifest.json')).subarray(0, 200),
        ),
    ],
    [
      'a backup from a newer version',
      (_: string, m: Record<string, unknown>) => {
        m.migrations = { count: shippedMigrationCount() + 1, last: '9999_future' }
      },
      /from a newer Wangge \(its database has \d+ migrations, last 9999_future; this version knows \d+\)/,
    ],
    [
      'another product’s backup',
      (_: string, m: Record<string, unknown>) => {
        m.product = { name: 'other', version: '1.0.0' }
      },
      /^not a Wangge backup/,
    ],
    [
      'a manifest whose row counts were edited',
      (_: string, m: Record<string, unknown>) => {
        const tables = m.tables as Record<string, { rows: number }>
        ;(tables.cases as { rows: number }).rows += 1
      },
      /manifest was altered/,
    ],
  ])('refuses %s before touching anything', async (_name, alter, message, after?: (dir: string) => void) => {
    const dir = altered(alter)
    after?.(dir)
    await expect(openBackup(dir, backupKey)).rejects.toThrow(message)
  })

  it('refuses a wrong key, or none, naming which', async () => {
    await expect(openBackup(backupDir, randomBytes(32))).rejects.toThrow(/^wrong key/)
    await expect(openBackup(backupDir, null)).rejects.toThrow(/encrypted: give its key/)
  })

  it('answers `wangge restore` with a wrong key in one line and exit code 1, creating nothing', () => {
    const dataDir = join(work, 'cli-target')
    const keyFile = join(work, 'wrong.key')
    writeFileSync(keyFile, randomBytes(32).toString('base64'))
    const result = spawnSync(
      process.execPath,
      ['bin/wangge.mjs', 'restore', backupDir, '--key-file', keyFile],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WANGGE_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 120_000,
      },
    )
    expect(result.status, result.stderr).toBe(1)
    expect(result.stderr).toMatch(
      /^wangge restore: wrong key: this is not the key the backup was encrypted with\n$/,
    )
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false)
  }, 150_000)

  it('leaves neither attachments nor their staging directory behind when the database part fails', async () => {
    const target = await emptyDatabase()
    opened.push(target)
    // Not a table, so the target counts as empty; the first migration's `create table users` then fails.
    await target.db.execute(sql`create type public.users as (x int)`)
    const files = join(work, 'half')
    const error = await restoreBackup(await openBackup(backupDir, backupKey), target, {
      attachmentsDir: files,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(existsSync(files)).toBe(false)
    expect(readdirSync(work).filter((name) => name.startsWith('half'))).toEqual([])
  })

  it('restores only into an empty database, leaving a filled one as it was', async () => {
    const { target } = drill
    const error = await restoreBackup(await openBackup(backupDir, backupKey), target, {
      attachmentsDir: join(work, 'unused'),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupError)
    expect((error as Error).message).toMatch(/not empty/)
    expect(await counts(target)).toEqual(before)
  })
})

describe('scheduled backups', () => {
  it('writes a backup, logs it, and keeps only the newest WANGGE_BACKUP_KEEP', async () => {
    const logged: [object, string][] = []
    const log = {
      info: (o: object, m: string) => logged.push([o, m]),
      error: (o: object, m: string) => logged.push([o, m]),
    }
    const config = {
      WANGGE_DATA_DIR: work,
      WANGGE_ATTACHMENTS_DIR: drill.files,
      WANGGE_BACKUP_DIR: join(work, 'scheduled'),
      WANGGE_BACKUP_KEY: backupKey.toString('base64'),
      WANGGE_BACKUP_KEEP: 1,
      WANGGE_BACKUP_INTERVAL_HOURS: 24,
      WANGGE_DATA_CIPHER: 'aes-256-gcm' as const,
    }
    const first = await scheduledBackup(drill.target, config, log, new Date('2026-12-01T02:00:00Z'))
    const second = await scheduledBackup(drill.target, config, log, new Date('2026-12-02T02:00:00Z'))
    expect(readdirSync(config.WANGGE_BACKUP_DIR)).toEqual([basename(second as string)])
    expect(first).not.toBe(second)
    expect(logged.map(([o, m]) => [m, (o as { removed: number }).removed])).toEqual([
      ['backup written', 0],
      ['backup written', 1],
    ])
    // Owner only, from the backup directory down: a backup holds every row.
    const mode = (path: string) => statSync(path).mode & 0o777
    expect(mode(config.WANGGE_BACKUP_DIR)).toBe(0o700)
    expect(mode(second as string)).toBe(0o700)
    expect(mode(join(second as string, 'db'))).toBe(0o700)
    expect(mode(join(second as string, 'manifest.json'))).toBe(0o600)
    const parts = readdirSync(second as string, { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    )
    expect(parts.length).toBeGreaterThan(2)
    for (const part of parts) expect(mode(join(part.parentPath, part.name)), part.name).toBe(0o600)
    const restored = await openBackup(second as string, backupKey)
    expect(restored.manifest.encryption?.algorithm).toBe('aes-256-gcm')
    expect(restored.manifest.tables.audit_log?.rows).toBeGreaterThanOrEqual(before.audit_log as number)
  }, 60_000)
})
