import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/db/database'
import { systemContext } from '../src/lib/context'
import { recordAudit } from '../src/modules/audit/audit.service'
import { serverUrl } from './support/template'

/**
 * Where the CLI under test keeps its data: a fresh data directory (embedded database), or a fresh
 * database on the PostgreSQL server when the suite runs against one.
 */
interface CliTarget {
  env: Record<string, string>
  /** Opens the same database in this process, to write or tamper with rows between CLI runs. */
  open(): Promise<Database>
  remove(): Promise<void>
}

async function pgliteTarget(): Promise<CliTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-cli-'))
  return {
    env: { WANGGE_DATA_DIR: dir },
    async open() {
      const { openPglite } = await import('../src/db/pglite')
      return openPglite({ dataDir: join(dir, 'pgdata') })
    },
    async remove() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function serverTarget(): Promise<CliTarget> {
  const name = `wangge_cli_${randomBytes(6).toString('hex')}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name}`)
  const url = serverUrl(name)
  return {
    env: { DATABASE_URL: url },
    async open() {
      const { openPostgres } = await import('../src/db/postgres')
      return openPostgres(url, 2)
    },
    remove: () => admin(`drop database if exists ${name} with (force)`),
  }
}

function wangge(target: CliTarget, ...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/wangge.mjs', ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...target.env },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

async function withDatabase<T>(target: CliTarget, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await target.open()
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

let target: CliTarget
beforeAll(async () => {
  target = process.env.WANGGE_TEST_DRIVER === 'postgres' ? await serverTarget() : await pgliteTarget()
})
afterAll(() => target?.remove())

describe('wangge audit verify', () => {
  it('migrates a new database, finds the chain intact (exit 0), and names a tampered row (exit 1)', async () => {
    const migrated = wangge(target, 'migrate')
    expect(migrated.status, migrated.stderr).toBe(0)
    expect(migrated.stdout).toContain('migrations applied')

    const empty = wangge(target, 'audit', 'verify')
    expect(empty.status, empty.stderr).toBe(0)
    expect(empty.stdout).toMatch(/^audit chain intact: 0 rows verified$/m)

    const ids = await withDatabase(target, async (database) => {
      for (let i = 0; i < 3; i++)
        await recordAudit(database.db, systemContext('cli-test'), { action: 'test.cli', summary: { i } })
      const rows = await database.db.execute(sql`select id from audit_log order by id`)
      return (rows as unknown as { rows: { id: number | string }[] }).rows.map((r) => Number(r.id))
    })
    const intact = wangge(target, 'audit', 'verify')
    expect(intact.status, intact.stderr).toBe(0)
    expect(intact.stdout).toMatch(/^audit chain intact: 3 rows verified; head seq 3 hash [0-9a-f]{64}$/m)

    await withDatabase(target, async (database) => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`)
        await tx.execute(sql`update audit_log set summary = '{"i":"forged"}' where id = ${ids[1]}`)
        await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`)
      })
    })
    const broken = wangge(target, 'audit', 'verify')
    expect(broken.status, broken.stderr).toBe(1)
    expect(broken.stdout).toMatch(
      new RegExp(`^audit chain broken at row id ${ids[1]} \\(seq 2\\): .*altered`, 'm'),
    )
  }, 240_000)
})
