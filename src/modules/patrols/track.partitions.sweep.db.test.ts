import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from '../../../test/support/app'
import { trackPartitionsRepo } from './track.partitions.repo'

// The clock the app goes by, moved by the test: partitions follow it through the scheduled sweep.
let now = new Date('2027-03-10T10:00:00+08:00')
let t: TestApp

beforeAll(async () => {
  t = await testApp({ WANGGE_TRACK_RETENTION_DAYS: '3', WANGGE_TRACK_AHEAD_DAYS: '2' }, { clock: () => now })
})
afterAll(() => t?.close())

const days = () => trackPartitionsRepo.days(t.database.db)

describe('the track partitions sweep', () => {
  it('creates the kept days and the days ahead of the clock (WANGGE_TRACK_*_DAYS)', async () => {
    // The app made them when it started (the patrols need them before the first point): the sweep keeps them.
    await t.app.trackPartitions.run()
    expect(await days()).toEqual(
      expect.arrayContaining(['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12']),
    )
    expect(await days()).not.toContain('2027-03-13')
    expect(await t.app.trackPartitions.run()).toEqual({ created: [], dropped: [] })
  })

  it('on its schedule, drops the days past the retention and creates the new days ahead', async () => {
    now = new Date('2027-03-12T00:30:00+08:00')
    t.app.trackPartitions.start(20)
    try {
      await expect.poll(days, { timeout: 5_000 }).toContain('2027-03-14')
    } finally {
      t.app.trackPartitions.stop()
    }
    const kept = await days()
    expect(kept).not.toContain('2027-03-09')
    expect(kept).toEqual(
      expect.arrayContaining(['2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13', '2027-03-14']),
    )
  })
})
