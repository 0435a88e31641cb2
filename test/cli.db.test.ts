import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/db/database'
import { queryRows } from '../src/db/database'
import { systemContext } from '../src/lib/context'
import { uuidv7 } from '../src/lib/ids'
import { recordAudit } from '../src/modules/audit/audit.service'
import { hashPassword, verifyPassword } from '../src/modules/auth/password'
import { throttleAccountKey, throttleSecretOf } from '../src/modules/auth/throttle-keys'
import { usersRepo } from '../src/modules/auth/users.repo'
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

const DATA_KEY = randomBytes(32).toString('base64')

async function pgliteTarget(): Promise<CliTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-cli-'))
  return {
    env: { WANGGE_DATA_DIR: dir, WANGGE_DATA_KEY: DATA_KEY },
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
    env: { DATABASE_URL: url, WANGGE_DATA_KEY: DATA_KEY },
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
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      WANGGE_LOG_LEVEL: 'silent',
      ...target.env,
    },
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

describe('wangge user: recovery of a locked-out account on the machine', () => {
  it('gives a new one-time password, lifts the locks, ends the sessions, removes a lost second factor, and audits each', async () => {
    expect(wangge(target, 'migrate').status).toBe(0)
    const secret = throttleSecretOf(Buffer.from(DATA_KEY, 'base64'))
    const lockKey = throttleAccountKey(secret, 'chief_admin')
    const userId = await withDatabase(target, async (database) => {
      const user = await usersRepo.insert(database.db, {
        id: uuidv7(),
        username: 'chief_admin',
        displayName: '系统管理员',
        passwordHash: await hashPassword('Forgotten#Passw0rd-2026'),
        mustChangePassword: false,
      })
      await database.db.execute(sql`insert into sessions (id, user_id, token_hash, expires_at)
        values (${uuidv7()}, ${user.id}, ${'a'.repeat(64)}, now() + interval '1 day')`)
      await database.db.execute(sql`insert into login_locks (account_key, locked_until)
        values (${lockKey}, now() + interval '15 minutes')`)
      await database.db.execute(sql`insert into second_factors (user_id, secret, activated_at)
        values (${user.id}, 'v1.x.y.z', now())`)
      return user.id
    })

    const reset = wangge(target, 'user', 'reset-password', 'chief_admin')
    expect(reset.status, reset.stderr).toBe(0)
    const printed = /new password .*: (\S{16})$/m.exec(reset.stdout)?.[1]
    expect(printed).toBeDefined()
    const removed = wangge(target, 'user', 'reset-second-factor', 'chief_admin')
    expect(removed.status, removed.stderr).toBe(0)
    expect(wangge(target, 'user', 'reset-second-factor', 'chief_admin').status).toBe(1)
    const unknown = wangge(target, 'user', 'reset-password', 'nobody')
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, 'no user is named nobody'])

    await withDatabase(target, async (database) => {
      const user = await usersRepo.find(database.db, userId)
      expect(await verifyPassword(user?.passwordHash ?? '', printed ?? '')).toBe(true)
      expect(user?.mustChangePassword).toBe(true)
      const [state] = await queryRows<{ locks: number; live: number; factors: number }>(
        database.db,
        sql`select (select count(*)::int from login_locks where account_key = ${lockKey}) as locks,
          (select count(*)::int from sessions where user_id = ${userId} and revoked_at is null) as live,
          (select count(*)::int from second_factors where user_id = ${userId}) as factors`,
      )
      expect(state).toEqual({ locks: 0, live: 0, factors: 0 })
      const audited = await queryRows<{ action: string; actor: string }>(
        database.db,
        sql`select action, actor_id as actor from audit_log where resource_id = ${userId} order by id`,
      )
      expect(audited).toEqual([
        { action: 'user.password_reset', actor: 'cli' },
        { action: 'auth.second_factor_reset', actor: 'cli' },
      ])
    })
  }, 240_000)
})
