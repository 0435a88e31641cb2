import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db'
import { type Database, queryRows } from '../../db/database'
import { uuidv7 as newId } from '../../lib/ids'
import { maintainTrackPartitions, withinKeptDays } from './track.partitions'
import { trackPartitionsRepo } from './track.partitions.repo'
import { type TrackPointRow, trackRepo } from './track.repo'

let database: Database
let userId: string

beforeAll(async () => {
  database = await testDatabase()
  userId = newId()
  await database.db.execute(
    sql`insert into users (id, username, display_name, password_hash) values (${userId}, 'walker', '网格员', 'x')`,
  )
})
afterAll(() => database.close())

const policy = { aheadDays: 2, retentionDays: 3 }

describe('track partitions', () => {
  it('creates the kept days and those ahead, then drops what falls out of the retention', async () => {
    const first = await maintainTrackPartitions(database.db, new Date('2026-12-06T10:00:00+08:00'), policy)
    expect(await trackPartitionsRepo.days(database.db)).toEqual(
      expect.arrayContaining(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08']),
    )
    expect(first.created).toContain('2026-12-04')
    const again = await maintainTrackPartitions(database.db, new Date('2026-12-06T11:00:00+08:00'), policy)
    expect(again).toEqual({ created: [], dropped: [] })
    const later = await maintainTrackPartitions(database.db, new Date('2026-12-08T00:30:00+08:00'), policy)
    expect(later.dropped).toEqual(['2026-12-04', '2026-12-05'])
    expect(later.created).toEqual(['2026-12-09', '2026-12-10'])
  })

  it('splits days at China midnight and knows which points have a partition', () => {
    const now = new Date('2026-12-06T10:00:00+08:00')
    expect(withinKeptDays(new Date('2026-12-03T23:59:00+08:00'), now, policy)).toBe(false)
    expect(withinKeptDays(new Date('2026-12-04T00:00:00+08:00'), now, policy)).toBe(true)
    expect(withinKeptDays(new Date('2026-12-08T23:59:00+08:00'), now, policy)).toBe(true)
    expect(withinKeptDays(new Date('2026-12-09T00:00:00+08:00'), now, policy)).toBe(false)
  })
})

describe('track ingest', () => {
  const stream = newId()
  const point = (seq: number, minute: number): TrackPointRow => ({
    streamId: stream,
    seq,
    recordedAt: `2026-12-08T09:${String(minute).padStart(2, '0')}:00+08:00`,
    userId,
    patrolId: null,
    lon: 104.06 + seq / 10_000,
    lat: 30.65,
    accuracyM: seq === 2 ? null : 8,
    mocked: false,
  })

  it('stores a batch once, however often it is sent, in the day partition', async () => {
    const batch = [point(1, 0), point(2, 1), point(3, 2)]
    expect(await trackRepo.insertPoints(database.db, batch)).toBe(3)
    expect(await trackRepo.insertPoints(database.db, batch)).toBe(0)
    expect(await trackRepo.insertPoints(database.db, [...batch, point(4, 3)])).toBe(1)
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from track_points_p20261208 where stream_id = ${stream}`,
    )
    expect(row?.n).toBe(4)
  })

  it('moves the latest position forward only', async () => {
    await trackRepo.insertPoints(database.db, [point(0, 0)])
    const [latest] = await queryRows<{ lon: number; recorded_at: Date | string }>(
      database.db,
      sql`select lon, recorded_at from latest_positions where user_id = ${userId}`,
    )
    expect(latest?.lon).toBeCloseTo(104.0604)
    expect(new Date(latest?.recorded_at ?? 0).toISOString()).toBe('2026-12-08T01:03:00.000Z')
  })

  it('refuses a point with no partition for its day', async () => {
    await expect(
      trackRepo.insertPoints(database.db, [{ ...point(9, 0), recordedAt: '2027-03-01T09:00:00+08:00' }]),
    ).rejects.toThrow()
  })
})
