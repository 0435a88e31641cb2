import type { SQL } from 'drizzle-orm'
import type { Db, Executor } from '../../../db/database'
import { type DeepCountsQuery, rollupDeepRepo } from './rollup.deep.repo'
import { type RollupQuery, type RollupRow, rollupRepo } from './rollup.repo'

export type { DeepCountsQuery } from './rollup.deep.repo'
export type { RollupCounts, RollupQuery, RollupRow } from './rollup.repo'
export { ROLLUP_DEPTH } from './rollup.tables'

/** The rollup's counts, folded and queued (dashboards read the rollup through here). */
export const rollupCounts = (db: Db, q: RollupQuery): Promise<RollupRow[]> => rollupRepo.counts(db, q)

/** The same counts for subtrees deeper than the rollup keeps, from the cases by its own function. */
export const deepRollupCounts = (db: Db, q: DeepCountsQuery): Promise<RollupRow[]> =>
  rollupDeepRepo.counts(db, q)

export { bulkSettings, ROLLUP_FACTS, rebuildRollup } from './rollup.rebuild.repo'

/**
 * A bulk load's hook (the demo's history): the contributions of the cases `source` selects (their
 * ROLLUP_FACTS columns) added to the rollup in one statement, for a load that bypasses the triggers.
 */
export const addCasesToRollup = (ex: Executor, source: SQL) => rollupRepo.addCases(ex, source)
