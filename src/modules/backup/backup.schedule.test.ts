import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../db/database'
import { pruneBackups, scheduleWarnings, startScheduledBackups } from './backup.schedule'

describe('pruning backups', () => {
  it('deletes old finished backups and `.partial` ones left more than a day ago, not one being written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wangge-prune-'))
    for (const name of [
      'wangge-backup-20261201T020000Z',
      'wangge-backup-20261202T020000Z',
      'wangge-backup-20261130T020000Z.partial',
      'wangge-backup-20261203T013000Z.partial',
      'notes',
    ])
      mkdirSync(join(dir, name))
    const removed = await pruneBackups(dir, 1, new Date('2026-12-03T02:00:00Z'))
    expect(removed.sort()).toEqual([
      'wangge-backup-20261130T020000Z.partial',
      'wangge-backup-20261201T020000Z',
    ])
    expect(readdirSync(dir).sort()).toEqual([
      'notes',
      'wangge-backup-20261202T020000Z',
      'wangge-backup-20261203T013000Z.partial',
    ])
  })
})

describe('scheduled backup warnings', () => {
  const base = {
    WANGGE_DATA_DIR: '/srv/wangge/data',
    WANGGE_ATTACHMENTS_DIR: undefined,
    WANGGE_BACKUP_KEEP: 7,
    WANGGE_BACKUP_INTERVAL_HOURS: 24,
    WANGGE_DATA_CIPHER: 'aes-256-gcm' as const,
  }
  const key = Buffer.alloc(32, 1).toString('base64')

  it('warns of unencrypted backups and of backups inside the data directory', () => {
    expect(scheduleWarnings({ ...base, WANGGE_BACKUP_DIR: undefined, WANGGE_BACKUP_KEY: undefined })).toEqual(
      [expect.stringMatching(/not encrypted/), expect.stringMatching(/inside the data directory/)],
    )
    expect(
      scheduleWarnings({ ...base, WANGGE_BACKUP_DIR: '/srv/wangge/data/../data/b', WANGGE_BACKUP_KEY: key }),
    ).toEqual([expect.stringMatching(/inside the data directory/)])
  })

  it('is quiet with a key and another directory', () => {
    expect(
      scheduleWarnings({ ...base, WANGGE_BACKUP_DIR: '/mnt/backup/wangge', WANGGE_BACKUP_KEY: key }),
    ).toEqual([])
    expect(
      scheduleWarnings({ ...base, WANGGE_BACKUP_DIR: '/srv/wangge/data-backups', WANGGE_BACKUP_KEY: key }),
    ).toEqual([])
  })
})

describe('scheduled backups on a PostgreSQL server', () => {
  it('are not taken (every node would take them): the log says what to use instead', async () => {
    const logged: [string, string][] = []
    const log = {
      info: (_: object, m: string) => logged.push(['info', m]),
      warn: (_: object, m: string) => logged.push(['warn', m]),
      error: (_: object, m: string) => logged.push(['error', m]),
    }
    // Never queried: the schedule decides on the driver alone.
    const server = { kind: 'postgres' } as unknown as Database
    const schedule = startScheduledBackups(
      server,
      {
        WANGGE_DATA_DIR: '/srv/wangge/data',
        WANGGE_ATTACHMENTS_DIR: undefined,
        WANGGE_BACKUP_DIR: '/mnt/backup',
        WANGGE_BACKUP_KEY: undefined,
        WANGGE_BACKUP_KEEP: 7,
        WANGGE_BACKUP_INTERVAL_HOURS: 24,
        WANGGE_DATA_CIPHER: 'aes-256-gcm',
      },
      log,
    )
    await schedule.stop()
    expect(logged).toEqual([['warn', expect.stringMatching(/only with the embedded database.*pg_dump/)]])
  })
})
