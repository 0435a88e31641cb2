import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../../db/database'
import { type PeriodicJob, periodicJob } from '../../../lib/periodic'
import { rollupRepo } from './rollup.repo'

/** Every second: the rollup's queue stays short, so readers add little to what is folded. */
export const ROLLUP_FOLD_EVERY_MS = 1_000
/** Changes folded in one statement (a bulk load's queue is folded in steps of this size). */
const BATCH = 20_000

/**
 * Moves the queued case changes into the rollup until the queue is empty. Any number of nodes may run
 * it at once: each claims its own rows (SKIP LOCKED).
 */
export function createRollupFold(db: Db, log: FastifyBaseLogger): PeriodicJob<number> {
  return periodicJob(
    'events rollup fold',
    ROLLUP_FOLD_EVERY_MS,
    async () => {
      let total = 0
      for (let taken = BATCH; taken === BATCH; total += taken) taken = await rollupRepo.fold(db, BATCH)
      return total
    },
    log,
  )
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The events rollup's fold: the server runs it every second; tests run it when they want. */
    rollupFold: PeriodicJob<number>
  }
}
