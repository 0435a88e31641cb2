import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, READ_URL_NEEDS_PRIMARY } from './config'

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('loadConfig', () => {
  it('works with nothing set: embedded database in ./data, port 3000', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      WANGGE_DATA_DIR: './data',
      WANGGE_LOG_LEVEL: 'info',
      WANGGE_ALLOWED_ORIGINS: [],
      WANGGE_SESSION_IDLE_MINUTES: 30,
      WANGGE_SESSION_ABSOLUTE_HOURS: 12,
      WANGGE_LOGIN_RATE_LIMIT: 20,
      WANGGE_BODY_LIMIT: 1024 * 1024,
      WANGGE_COOKIE_SECURE: false,
      WANGGE_TRUST_PROXY: false,
    })
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.WANGGE_ADMIN_PASSWORD).toBeUndefined()
  })

  it('checks the browser-protection and monitoring settings', () => {
    expect(loadConfig({})).toMatchObject({
      WANGGE_HSTS: 'auto',
      WANGGE_CSP_EXTRA_ORIGINS: [],
      WANGGE_MONITORING_ADDRESSES: [],
    })
    expect(
      loadConfig({
        WANGGE_CSP_EXTRA_ORIGINS: 'https://tiles.example.cn, http://10.0.0.5:8080',
        WANGGE_MONITORING_ADDRESSES: '10.0.0.0/8,fd00::/8',
      }),
    ).toMatchObject({
      WANGGE_CSP_EXTRA_ORIGINS: ['https://tiles.example.cn', 'http://10.0.0.5:8080'],
      WANGGE_MONITORING_ADDRESSES: ['10.0.0.0/8', 'fd00::/8'],
    })
    // A path or a directive smuggled in would not be a CSP source.
    expect(configError({ WANGGE_CSP_EXTRA_ORIGINS: 'https://tiles.example.cn/a' }).message).toMatch(
      /WANGGE_CSP_EXTRA_ORIGINS/,
    )
    expect(
      configError({ WANGGE_CSP_EXTRA_ORIGINS: "https://x.cn; script-src 'unsafe-inline'" }).message,
    ).toMatch(/WANGGE_CSP_EXTRA_ORIGINS/)
    expect(configError({ WANGGE_MONITORING_ADDRESSES: '10.0.0.0/33' }).message).toMatch(
      /WANGGE_MONITORING_ADDRESSES/,
    )
    expect(configError({ WANGGE_MONITORING_ADDRESSES: 'localhost' }).message).toMatch(
      /WANGGE_MONITORING_ADDRESSES/,
    )
    expect(configError({ WANGGE_HSTS: 'yes' }).message).toMatch(/WANGGE_HSTS/)
  })

  it('refuses to believe every sender as a proxy', () => {
    expect(configError({ WANGGE_TRUST_PROXY: 'true' }).message).toMatch(/WANGGE_TRUST_PROXY/)
    expect(loadConfig({ WANGGE_TRUST_PROXY: '1' }).WANGGE_TRUST_PROXY).toBe(1)
    expect(loadConfig({ WANGGE_TRUST_PROXY: '10.0.0.2, fd00::2' }).WANGGE_TRUST_PROXY).toBe(
      '10.0.0.2, fd00::2',
    )
  })

  it('takes a read replica only beside a primary, and never echoes its address', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://ro@replica/wangge' })).toThrow(
      READ_URL_NEEDS_PRIMARY,
    )
    const both = loadConfig({
      DATABASE_URL: 'postgres://rw@primary/wangge',
      DATABASE_READ_URL: 'postgres://ro@replica/wangge',
    })
    expect(both.DATABASE_READ_URL).toBe('postgres://ro@replica/wangge')
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://rw@primary/wangge', DATABASE_READ_URL: 'mysql://secret@x' }),
    ).toThrow(/^invalid configuration: DATABASE_READ_URL must start/)
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', WANGGE_LOG_LEVEL: '' })).toMatchObject({
      PORT: 3000,
      WANGGE_LOG_LEVEL: 'info',
    })
  })

  it('reads LOG_LEVEL, the older name, when WANGGE_LOG_LEVEL is unset', () => {
    expect(loadConfig({ LOG_LEVEL: 'warn' }).WANGGE_LOG_LEVEL).toBe('warn')
    expect(loadConfig({ LOG_LEVEL: 'warn', WANGGE_LOG_LEVEL: 'error' }).WANGGE_LOG_LEVEL).toBe('error')
    expect(configError({ LOG_LEVEL: 'loud' }).message).toMatch(/^invalid configuration: WANGGE_LOG_LEVEL\b/)
  })

  it('reads good values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://wangge@db/wangge',
      WANGGE_ALLOWED_ORIGINS: 'https://gov.example.cn, https://m.gov.example.cn',
      WANGGE_COOKIE_SECURE: '1',
      WANGGE_PUBLIC_URL: 'https://wangge.example.cn/',
    })
    expect(config).toMatchObject({
      WANGGE_PUBLIC_URL: 'https://wangge.example.cn',
      PORT: 8080,
      DATABASE_URL: 'postgresql://wangge@db/wangge',
      WANGGE_ALLOWED_ORIGINS: ['https://gov.example.cn', 'https://m.gov.example.cn'],
      WANGGE_COOKIE_SECURE: true,
    })
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['WANGGE_LOG_LEVEL', 'loud'],
    ['WANGGE_ALLOWED_ORIGINS', 'notaurl'],
    ['WANGGE_ALLOWED_ORIGINS', 'https://gov.example.cn,notaurl'],
    ['WANGGE_ADMIN_PASSWORD', 'short'],
    ['WANGGE_COOKIE_SECURE', 'yes'],
    ['WANGGE_BODY_LIMIT', '10'],
    ['WANGGE_PUBLIC_URL', 'https://wangge.example.cn/notice'],
    ['WANGGE_PUBLIC_URL', 'ftp://wangge.example.cn'],
  ])('refuses %s=%s with one line naming it', (variable, value) => {
    const error = configError({ [variable]: value })
    expect(error.message).toMatch(new RegExp(`^invalid configuration: ${variable}\\b`))
    expect(error.message).not.toContain('\n')
  })

  it('names the first bad variable when several are bad', () => {
    const error = configError({ WANGGE_LOG_LEVEL: 'loud', PORT: 'abc' })
    expect(error.message).toMatch(/^invalid configuration: (PORT|WANGGE_LOG_LEVEL)\b/)
    expect(error.message).not.toContain('\n')
  })

  // The line goes to stderr and from there into service logs: it must name the variable, not reveal a secret.
  it.each([
    ['DATABASE_URL', 'mysql://wangge:S3cret-pw@db/wangge', 'S3cret-pw'],
    ['WANGGE_ADMIN_PASSWORD', 'Xy7#abc', 'Xy7#abc'],
  ])('does not echo the secret in a bad %s', (variable, value, secret) => {
    const error = configError({ [variable]: value })
    expect(error.message).toMatch(new RegExp(`^invalid configuration: ${variable}\\b`))
    expect(error.message).not.toContain(secret)
  })
})

describe('the backup key', () => {
  const key = 'q2cTLrKUGJlW7sS6yPZ4kB1UeXQbmL1Q1nOgqMNG0fQ='

  it('refuses WANGGE_BACKUP_KEY equal to WANGGE_DATA_KEY, without echoing it', () => {
    const error = configError({ WANGGE_DATA_KEY: key, WANGGE_BACKUP_KEY: ` ${key}\n` })
    expect(error.message).toMatch(
      /^invalid configuration: WANGGE_BACKUP_KEY must not be the personal-data key/,
    )
    expect(error.message).not.toContain(key)
  })

  it('accepts two different keys', () => {
    const other = Buffer.alloc(32, 7).toString('base64')
    expect(loadConfig({ WANGGE_DATA_KEY: key, WANGGE_BACKUP_KEY: other }).WANGGE_BACKUP_KEY).toBe(other)
  })

  it('stops `wangge serve` when WANGGE_BACKUP_KEY is the embedded key file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wangge-config-'))
    try {
      writeFileSync(join(dataDir, 'data.key'), `${key}\n`, { mode: 0o600 })
      const result = spawnSync(process.execPath, ['bin/wangge.mjs', 'serve'], {
        cwd: process.cwd(),
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          WANGGE_DATA_DIR: dataDir,
          WANGGE_BACKUP_KEY: key,
        },
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(result.status, result.stderr).toBe(2)
      expect(result.stderr).toMatch(
        /^invalid configuration: WANGGE_BACKUP_KEY must not be the personal-data key/,
      )
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})

describe('wangge serve with a bad variable', () => {
  it('exits with code 2 and one line on stderr naming the variable', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wangge-config-'))
    try {
      const result = spawnSync(process.execPath, ['bin/wangge.mjs', 'serve'], {
        cwd: process.cwd(),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: 'abc', WANGGE_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      })
      expect(result.status, result.stderr).toBe(2)
      const lines = result.stderr.split('\n').filter((l) => l.trim() !== '')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^invalid configuration: PORT\b/)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
