import type { Db } from '../../db/database'
import { addDays, chinaDay } from '../../lib/dates'
import { trackPartitionsRepo } from './track.partitions.repo'

export interface PartitionPolicy {
  /** Days of partitions kept ready after today. */
  aheadDays: number
  /** Days of raw points kept, today included; older days are dropped. */
  retentionDays: number
}

/**
 * Keeps `track_points` partitioned: every day from the oldest kept to `aheadDays` after today exists,
 * and days older than the retention are dropped. Run at start and daily; an advisory lock lets one
 * node at a time do it. Answers what it did, for the log and the tests.
 */
export async function maintainTrackPartitions(
  db: Db,
  now: Date,
  policy: PartitionPolicy,
): Promise<{ created: string[]; dropped: string[] }> {
  const today = chinaDay(now)
  const oldestKept = addDays(today, -(policy.retentionDays - 1))
  return db.transaction(async (tx) => {
    await trackPartitionsRepo.lock(tx)
    const existing = new Set(await trackPartitionsRepo.days(tx))
    const created: string[] = []
    for (let day = oldestKept; day <= addDays(today, policy.aheadDays); day = addDays(day, 1)) {
      if (existing.has(day)) continue
      await trackPartitionsRepo.create(tx, day, addDays(day, 1))
      created.push(day)
    }
    const dropped = [...existing].filter((day) => day < oldestKept)
    for (const day of dropped) await trackPartitionsRepo.drop(tx, day)
    return { created, dropped }
  })
}

/** Whether a point's time falls in the days kept (a point outside has no partition to go to). */
export function withinKeptDays(recordedAt: Date, now: Date, policy: PartitionPolicy): boolean {
  const day = chinaDay(recordedAt)
  const today = chinaDay(now)
  return day >= addDays(today, -(policy.retentionDays - 1)) && day <= addDays(today, policy.aheadDays)
}
