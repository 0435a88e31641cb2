import type { Db } from '../../../db/database'
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

/**
 * A bulk load's hook (the demo's history): an empty rollup filled from the cases each `add` stages,
 * for a load that bypasses the triggers.
 */
export { buildRollup } from './rollup.build.repo'
export { bulkSettings, ROLLUP_FACTS, rebuildRollup } from './rollup.rebuild.repo'
