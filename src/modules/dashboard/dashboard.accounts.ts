import type { Db } from '../../db/database'
import { dashboardRepo } from './dashboard.repo'

/** Scopes and days whose count a node keeps: every district, street and community of a city, and more. */
const KEPT = 20_000

/**
 * Accounts on duty under a scope on a day: distinct users holding a current worker post there. A
 * distinct count does not add up across the summary's nodes, and a city's root reads every post
 * with an account (184,320 in the city demo given accounts: 40–62 ms p95 from an index, 198 ms p50
 * before). The count changes only with the posts, so a node keeps each scope's figure with the
 * posts' change counter it was counted under, and counts again once the counter has moved: exact
 * the moment a change commits (as of the replica, with DATABASE_READ_URL), on any node. Without
 * the counter's row nothing is kept.
 */
export function accountsOnDuty(db: Db) {
  const kept = new Map<string, { version: number; n: number }>()
  return async function accounts(paths: string[], today: string): Promise<number> {
    const key = `${today}|${[...new Set(paths)].sort().join(',')}`
    const before = kept.get(key)
    // The most recently used last, so the least is the one let go.
    kept.delete(key)
    if (before && before.version === (await dashboardRepo.postsVersion(db))) {
      kept.set(key, before)
      return before.n
    }
    const counted = await dashboardRepo.accounts(db, paths, today)
    if (counted.version !== null) kept.set(key, { version: counted.version, n: counted.n })
    if (kept.size > KEPT) kept.delete(kept.keys().next().value as string)
    return counted.n
  }
}
