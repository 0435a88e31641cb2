import { sql } from 'drizzle-orm'
import type { Db } from '../../db/database'

/**
 * Statistics for the tables a bulk load just filled, as after a restore: until autovacuum comes
 * round (minutes on a busy server), the planner guesses, and a guess of 137,000 posts with an
 * account where there are none made the big screen's worker count a parallel scan, forking two
 * workers on every refresh.
 */
export async function analyzeAfterLoad(db: Db): Promise<void> {
  await db.execute(sql`analyze`)
}
